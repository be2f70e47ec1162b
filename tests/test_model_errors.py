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
