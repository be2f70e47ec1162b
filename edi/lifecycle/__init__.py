"""The invoice lifecycle of the French reform: CDAR status messages in and out.

An invoice's life does not end at delivery: its platforms, its buyer and its seller set
statuses (BR-FR-CDV-CL-06: 200 Déposée ... 212 Encaissée ... 501 Irrecevable) that travel
as CDAR messages ("Flux 6"). edi-flux keeps them per invoice, oldest first:

    codes.py     the status and reason code lists, who may set which status
    settings.py  ``[lifecycle]``: the role edi-flux plays (seller's system or platform)
    cdar.py      CDAR bytes <-> statuses (parse what arrives, build what we send)
    check.py     XSD, then the official BR-FR-CDV Schematron, then who may set it
    ingest.py    the statuses of a concluded flow: received ones, and ours in our role
    send.py      a status a user sets (``edi lifecycle set``): built, checked, routed

SQL stays in ``edi/ledger/lifecycle.py``.
"""
