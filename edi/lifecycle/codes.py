"""The code lists of the lifecycle: statuses (BR-FR-CDV-CL-06), reasons (CL-09), actions
(CL-10), and who may set which status.

Codes and labels as published (XP Z12-012, annex A, and the BR-FR-CDV Schematron 1.4.0
that ships in ``artefacts/``); a code CL-06 lists without a label in the material we ship
is named by its code alone rather than by a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

# Role codes (UNCL 3035) as CDAR uses them for the issuer of a status (MDT-40).
PLATFORM = frozenset({"WK"})
SELLER_SIDE = frozenset({"SE", "SR", "IV", "PE"})       # seller, its agent, invoicer, payee
BUYER_SIDE = frozenset({"BY", "AB", "DL", "PR", "II"})  # buyer, its agent, payer, invoicee


@dataclass(frozen=True, slots=True)
class Status:
    code: int
    label: str
    set_by: frozenset[str]     # MDT-40 role codes that may issue it; empty: not checked
    needs_reason: bool = False  # BR-FR-CDV-15: a reason (MDT-113) is required
    transmission: bool = False  # a transmission-phase status (MDT-77 = 305), else 23


def _s(code: int, label: str, set_by: frozenset[str] = frozenset(), *,
       reason: bool = False, transmission: bool = False) -> Status:
    return Status(code, label, set_by, reason, transmission)


STATUSES: dict[int, Status] = {s.code: s for s in (
    _s(200, "Déposée", PLATFORM, transmission=True),
    _s(201, "Émise par la plateforme", PLATFORM, transmission=True),
    _s(202, "Reçue par la plateforme", PLATFORM, transmission=True),
    _s(203, "Mise à disposition", PLATFORM, transmission=True),
    _s(204, "Prise en charge", BUYER_SIDE),
    _s(205, "Approuvée", BUYER_SIDE),
    _s(206, "Approuvée partiellement", BUYER_SIDE, reason=True),
    _s(207, "En litige", BUYER_SIDE, reason=True),
    _s(208, "Suspendue", BUYER_SIDE, reason=True),
    _s(209, "Complétée", SELLER_SIDE),
    _s(210, "Refusée", BUYER_SIDE, reason=True),
    _s(211, "Paiement transmis", BUYER_SIDE),
    _s(212, "Encaissée", SELLER_SIDE),
    _s(213, "Rejetée", PLATFORM, reason=True, transmission=True),
    _s(214, "Visée", BUYER_SIDE),
    _s(220, "Annulée", SELLER_SIDE),
    _s(221, "Erreur de routage", PLATFORM, transmission=True),
    _s(224, "Demande de paiement direct", SELLER_SIDE),
    _s(225, "Affacturée", SELLER_SIDE),
    _s(226, "Affacturée confidentiel", SELLER_SIDE),
    _s(227, "Changement de compte à payer", SELLER_SIDE),
    _s(228, "Non affacturée", SELLER_SIDE),
    *(_s(code, f"statut {code}") for code in (250, 251, 300, 301, 400, 401, 500)),
    _s(501, "Irrecevable", PLATFORM, reason=True, transmission=True),
    _s(601, "statut 601"),
)}

# The mandatory statuses a platform also sends to the PPF (the tax administration), as a
# "_POUR_PPF" twin of the message exchanged between platforms (XP Z12-014 annex B).
FOR_PPF = frozenset({200, 210, 212, 213})

# BR-FR-CDV-CL-09 (MDT-113), in the Schematron's order.
REASONS: tuple[str, ...] = (
    "RETRAIT_MAN_SERV", "ST_CT_NON_DECLAR", "SUPPR_COMP_AVOIR", "TRANSF_PMNT_REGIE",
    "CONTACT_ACHTR", "NON_TRANSMISE", "JUSTIF_ABS", "ROUTAGE_ERR", "AUTRE",
    "COORD_BANC_ERR", "TX_TVA_ERR", "MONTANTTOTAL_ERR", "CALCUL_ERR", "NON_CONFORME",
    "DOUBLON", "DEST_INC", "DEST_ERR", "TRANSAC_INC", "EMMET_INC", "CONTRAT_TERM",
    "DOUBLE_FACT", "CMD_ERR", "ADR_ERR", "SIRET_ERR", "CODE_ROUTAGE_ERR", "REF_CT_ABSENT",
    "REF_ERR", "PU_ERR", "REM_ERR", "QTE_ERR", "ART_ERR", "MODPAI_ERR", "QUALITE_ERR",
    "LIVR_INCOMP", "REJ_SEMAN", "REJ_UNI", "REJ_COH", "REJ_ADR", "REJ_CONT_B2G",
    "REJ_REF_PJ", "REJ_ASS_PJ", "IRR_VIDE_F", "IRR_TYPE_F", "IRR_SYNTAX", "IRR_TAILLE_PJ",
    "IRR_NOM_PJ", "IRR_VID_PJ", "IRR_EXT_DOC", "IRR_TAILLE_F", "IRR_ANTIVIRUS", "IRR_NOM_F",
)

# The reasons BR-FR-CDV-CL-09 allows per status (the statuses it restricts).
REASONS_FOR: dict[int, frozenset[str]] = {
    200: frozenset({"NON_TRANSMISE"}),
    213: frozenset({"MONTANTTOTAL_ERR", "CALCUL_ERR", "DOUBLON", "DEST_INC", "ADR_ERR",
                    "REJ_SEMAN", "REJ_UNI", "REJ_COH", "REJ_ADR", "REJ_CONT_B2G",
                    "REJ_REF_PJ", "REJ_ASS_PJ"}),
    221: frozenset({"ROUTAGE_ERR"}),
    501: frozenset({r for r in REASONS if r.startswith("IRR_")}),
}

# BR-FR-CDV-CL-10 (MDT-121).
ACTIONS: dict[str, str] = {
    "NOA": "Pas d'action", "PIN": "Intervention manuelle", "NIN": "Nouvelle facture",
    "CNF": "Avoir total", "CNP": "Avoir partiel", "CNA": "Avoir", "OTH": "Autre",
}

# Reasons of our own verdicts (edi.model.Reason) as a platform states them: DOUBLON is a
# rejection (213) reason in CL-09; the others are CL-09 codes verbatim.
REASON_LABELS: dict[str, str] = {
    "REJ_SEMAN": "Erreur de données (règles sémantiques)",
    "REJ_UNI": "Facture déjà déposée (unicité)",
    "DOUBLON": "Facture en doublon",
    "IRR_VIDE_F": "Fichier vide",
    "IRR_TYPE_F": "Type de fichier non supporté",
    "IRR_SYNTAX": "Fichier non conforme à sa syntaxe",
    "IRR_TAILLE_F": "Fichier trop volumineux",
    "IRR_EXT_DOC": "Pièce jointe d'un type non autorisé",
    "IRR_NOM_PJ": "Nom de pièce jointe non autorisé",
    "IRR_VID_PJ": "Pièce jointe vide",
    "IRR_TAILLE_PJ": "Pièce jointe trop volumineuse",
    "IRR_ANTIVIRUS": "Virus détecté",
    "TX_TVA_ERR": "Taux de TVA erroné",
    "MONTANTTOTAL_ERR": "Montant total erroné",
    "AUTRE": "Autre",
}


def status(code: int) -> Status:
    """The status of ``code``; KeyError names the list when it is not in CL-06."""
    try:
        return STATUSES[code]
    except KeyError:
        raise KeyError(f"{code} is not a status of BR-FR-CDV-CL-06 "
                       f"({', '.join(map(str, STATUSES))})") from None


def label(code: int | None) -> str | None:
    found = STATUSES.get(code) if code is not None else None
    return found.label if found else None


def may_set(code: int, issuer_role: str | None) -> bool:
    """Whether an issuer of role ``issuer_role`` (MDT-40) may set status ``code``."""
    found = STATUSES.get(code)
    if found is None or not found.set_by:
        return True
    return issuer_role in found.set_by
