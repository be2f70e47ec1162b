"""The "Suivi des flux" dashboard, its JSON API and the Prometheus metrics.

Everything here reads the ledger; nothing writes to it, so ``edi serve`` can run in its
own process beside ``edi watch`` and see what the processor did.
"""
