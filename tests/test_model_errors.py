"""The exception tree drawn in ``edi.model.EdiError``'s docstring is the real one."""

from __future__ import annotations

import importlib
import inspect
import re

from edi.model import EdiError


def test_every_error_drawn_under_edi_error_is_one() -> None:
    drawn = re.findall(r"[├└]── (\w+)\s+([\w.]+)", inspect.getdoc(EdiError) or "")
    assert len(drawn) >= 5
    for name, module in drawn:
        cls = getattr(importlib.import_module(module), name)
        assert issubclass(cls, EdiError), f"{module}.{name} is drawn under EdiError"


def test_findings_layer_runs_and_rule_sets_travel_between_processes_unchanged() -> None:
    """Pickled as the tuple of their fields (what a worker sends the parent): equal after
    the round trip, still frozen, and a state of the wrong length is refused."""
    import dataclasses
    import pickle

    import pytest

    from edi.model import Finding, LayerRun, RuleSet, Severity

    sent = [Finding("BR-FR-12", Severity.WARNING, "br-fr", "/a[1]", "é <&> \ud800"),
            LayerRun("xsd", True, 0.25, 2, "note"), RuleSet("EN16931-CII", None, "src")]
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(sent, protocol=protocol))
        assert back == sent and [type(x) for x in back] == [type(x) for x in sent]
        with pytest.raises(dataclasses.FrozenInstanceError):
            back[0].message = "changed"  # type: ignore[misc]
    with pytest.raises(ValueError):
        Finding.__new__(Finding).__setstate__(("only", "two"))  # type: ignore[attr-defined]
