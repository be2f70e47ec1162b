"""edi-flux: a batch-flow processor for French and European e-invoices."""

__version__ = "0.1.0"
