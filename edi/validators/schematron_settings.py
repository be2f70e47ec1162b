"""Which official Schematron rule sets judge which invoice: the scenarios, as data.

Kept apart from ``schematron.py`` so that loading the configuration in the parent never
imports the engine (saxonche must not load before the worker pool starts).
"""

from __future__ import annotations

from dataclasses import dataclass

from edi.config import ConfigError, section

FRENCH_RULES_WHEN = ("domestic", "seller", "always", "never")
FRENCH_RULE_SETS = ("fatal", "warning")
INCOMPLETE_POLICIES = ("warn", "accept", "reject")
SEVERITIES = ("fatal", "warning")
ENGINES = ("auto", "saxon", "native")
WARM_UP_SYNTAXES = ("UBL", "CII")


@section("schematron")
@dataclass(frozen=True)
class SchematronSettings:
    """Scenario settings of the ``en16931`` and ``br-fr`` layers.

    french_rules: when the French Flux 2 rules (BR-FR, EXTENDED-CTC-FR) run —
      ``domestic``: seller and buyer both established in one of ``french_countries``
      (the reform's Flux 2 governs domestic invoices); ``seller``: the seller is;
      ``always``; ``never``.
    french_rules_set: which of FNFE's two BR-FR Flux 2 files judges — ``fatal``, the
      standard set (FNFE's explanatory note 1.4.0: mandatory from 2026-09-01), or
      ``warning``, FNFE's WARNING variant (the same rules, all but the multi-vendor ones and
      a few others flagged warning), a pass-through allowed only until 2026-09-30 in
      reception. The scenario (``doc.scenario``, when set) decides *whether* they run.
    french_profiles: the profiles the French rules judge (MINIMUM carries too little).
    incomplete_profiles / incomplete: MINIMUM and BASIC WL are not complete EN 16931
      invoices: ``warn`` judges them by their own profile's rules and adds a warning,
      ``accept`` does the same silently, ``reject`` makes them fatal.
    fx_severity_pdf / fx_severity_xml: severity of Factur-X's own rules (FX-SCH-*: its
      numbered asserts, and its 'not used in the given context' reports, FX-SCH-UNUSED) in
      a PDF and in a plain CII naming a Factur-X profile. Both fatal by default, as the
      official Factur-X Schematrons say: they give no flag to these asserts nor reports, as
      to the CEN ones (a plain CII of the EN16931 profile is judged by the CEN CII rules,
      which have none of these). A rule flagged ``warning`` stays a warning.
    judge_as: ``PROFILE=PROFILE`` pairs: a profile judged by another one's rules
      (XRechnung CII has no Factur-X Schematron; it is an EN 16931 CIUS).
    cii_default_profile: the profile for a CII whose guideline id names no known profile.
    optimised: judge with the optimised twin of an official stylesheet (code lists parsed
      once, walks that cannot report skipped; edi/validators/optimise) where its MANIFEST
      records a passed differential proof (identical SVRL on the corpus and on seeded
      mutations) for the installed official file; the official file judges the others.
      ``false``: the official files judge everything.
    engine: ``auto`` judges a rule set with its native module (official rules compiled
      into lxml XPath 1.0 + Python, edi/validators/native) where its MANIFEST records a
      passed differential proof against saxonche for the installed official file, and with
      saxonche otherwise (and on any invoice the native module is not certain of);
      ``saxon``: saxonche always; ``native``: any completely compiled native module,
      proven or not (for measurement: its verdicts may differ from the official ones).
    warm_up: the syntaxes (UBL, CII) whose rule sets for a plain invoice (EN 16931 and
      BR-FR as configured) the workers of ``edi watch`` compile while idle, before the
      first flow, so that it is judged in milliseconds rather than after a second or more
      of compilation. Each compiled stylesheet holds memory in every worker (about 45 MB
      each on average for these four); ``[]``: compile on first use. ``edi process``
      never compiles ahead: its files come at once, and a rule set they do not need would
      delay them.
    """

    french_rules: str = "domestic"
    french_rules_set: str = "fatal"
    french_countries: tuple[str, ...] = ("FR",)
    french_profiles: tuple[str, ...] = (
        "BASIC_WL", "BASIC", "EN16931", "EXTENDED", "EXTENDED_CTC_FR", "XRECHNUNG")
    incomplete_profiles: str = "warn"
    incomplete: tuple[str, ...] = ("MINIMUM", "BASIC_WL")
    fx_severity_pdf: str = "fatal"
    fx_severity_xml: str = "fatal"
    judge_as: tuple[str, ...] = ("XRECHNUNG=EN16931",)
    cii_default_profile: str = "EN16931"
    optimised: bool = True
    engine: str = "auto"
    warm_up: tuple[str, ...] = ("UBL", "CII")

    def __post_init__(self) -> None:
        _choice("engine", self.engine, ENGINES)
        for syntax in self.warm_up:
            _choice("warm_up", syntax, WARM_UP_SYNTAXES)
        _choice("french_rules", self.french_rules, FRENCH_RULES_WHEN)
        _choice("french_rules_set", self.french_rules_set, FRENCH_RULE_SETS)
        _choice("incomplete_profiles", self.incomplete_profiles, INCOMPLETE_POLICIES)
        _choice("fx_severity_pdf", self.fx_severity_pdf, SEVERITIES)
        _choice("fx_severity_xml", self.fx_severity_xml, SEVERITIES)
        for pair in self.judge_as:
            if pair.count("=") != 1:
                raise ConfigError(f"[schematron] judge_as: expected PROFILE=PROFILE, got {pair!r}")

    @property
    def aliases(self) -> dict[str, str]:
        return dict(pair.split("=") for pair in self.judge_as)


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"[schematron] {name}: {value!r} is not one of {list(allowed)}")
