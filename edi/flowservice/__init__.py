"""The AFNOR XP Z12-013 Flow Service (1.3.0), both ways.

    settings.py   [flow_service]: address, TLS, clients and their secrets (named, never written)
    spec.py       the official OpenAPI descriptions shipped in openapi/ (version, licence)
    auth.py       bearer tokens: static ones per client, OAuth2 client credentials (POST /v1/token)
    models.py     a ledger flow as the specification's Flow object, with its acknowledgement
    app.py        the Starlette application: /v1/flows, /v1/flows/search, /v1/flows/{id},
                  /v1/webhooks, /v1/healthcheck
    webhooks.py   the callbacks: an outbox table, HMAC-SHA-256 signatures, retries
    client.py     a client of any Flow Service (our https:// delivery target uses it)
    follow.py     what the platforms we deliver to say: acknowledgements, lifecycle flows
                  (a cursor per platform), run by `edi flow-service follow` and `edi watch`
    hooks.py      their webhooks received (POST /v1/hooks/<name>, signature checked)
    directory.py  the Directory Service: lines served, a remote one asked (with a cache)

The server runs inside the processor (``edi flow-service``, or ``edi watch`` with
``[flow_service] enabled``) as the ``api`` intake source (``edi/intake/api.py``): a
submission is claimed in the request, through the same claim as the inbox, so once the
answer is 202 the flow is in the ledger and its original in the work area, on disk.
"""
