"""`edi rules`: the catalogue of every rule id edi-flux can report, and what each means.

A finding in a compte rendu names a rule id; this is where a depositor or an ops person
reads what the rule requires, which layer and rule sets carry it, and how severe it is.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import click

from edi.rules import Catalogue, Rule, _natural, catalogue


@click.command("rules")
@click.argument("rule_id", required=False)
@click.option("--layer", default=None, help="Only the rules of this layer (e.g. br-fr)")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output")
def command(rule_id: str | None, layer: str | None, as_json: bool) -> None:
    """List every rule id we can report, or explain RULE_ID (a prefix lists its family)."""
    cat = with_lifecycle(catalogue())
    for problem in cat.problems:
        click.echo(f"warning: {problem}", err=True)
    if rule_id:
        rule = cat.rules.get(rule_id) or cat.rules.get(rule_id.upper())
        if rule is not None and not layer:
            _explain(rule, as_json)
            return
        chosen = _family(cat, rule_id)
        if not chosen:
            near = [r for r in cat.rules if rule_id.upper() in r.upper()][:10]
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise click.ClickException(f"no rule {rule_id!r} in the catalogue{hint}")
    else:
        chosen = list(cat.rules.values())
    if layer:
        chosen = [r for r in chosen if layer in r.layer.split(",")]
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in chosen], ensure_ascii=False, indent=1))
        return
    width = shutil.get_terminal_size((120, 20)).columns
    for rule in chosen:
        line = f"{rule.rule_id:<24} {rule.layer:<14} {rule.severity:<8} {rule.text}"
        click.echo(line if len(line) <= width else line[: width - 1] + "…")
    click.echo(f"{len(chosen)} rule(s)", err=True)


def with_lifecycle(cat: Catalogue) -> Catalogue:
    """The catalogue with the official BR-FR-CDV rules of the CDAR Schematron (lifecycle
    messages, layer ``cdar``); an id both carry keeps one entry with every source."""
    from edi.lifecycle.check import catalogue_rules

    rules = dict(cat.rules)
    for rule in catalogue_rules():
        known = rules.get(rule.rule_id)
        if known is None:
            rules[rule.rule_id] = rule
            continue
        layers = known.layer.split(",")
        rules[rule.rule_id] = replace(
            known, layer=",".join(layers + [x for x in rule.layer.split(",") if x not in layers]),
            severity="fatal" if "fatal" in (known.severity, rule.severity) else known.severity,
            sources=known.sources + tuple(s for s in rule.sources if s not in known.sources))
    return Catalogue(dict(sorted(rules.items(), key=lambda item: _natural(item[0]))),
                     cat.problems)


def _family(cat: Catalogue, prefix: str) -> list[Rule]:
    wanted = prefix.upper()
    return [r for rid, r in cat.rules.items() if rid.upper().startswith(wanted)]


def _explain(rule: Rule, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(rule.to_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(f"{rule.rule_id}  ({rule.severity}, layer {rule.layer})")
    click.echo(f"  {rule.text}")
    if rule.note:
        click.echo(f"  note: {rule.note}")
    click.echo("  defined in:")
    for source in rule.sources:
        click.echo(f"    - {source}")
