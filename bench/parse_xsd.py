"""Parse + XSD speed on one core: invoices per second for the "xml" and "xsd" layers.

Measures what a validation worker does per invoice with ``--layers xml,xsd``:
``unpack`` (detection), ``read`` (hardened parse, syntax/profile, Invoice fields) and the
XSD layer, over generated samples (UBL and CII mixed, ~7 KB each), in this one process.
Schemas are compiled before timing starts (once per worker in real runs).

    .venv/bin/python bench/parse_xsd.py [N]
"""

from __future__ import annotations

import sys
import time

from edi import samples
from edi.config import Settings
from edi.parsers import read, unpack
from edi.validators.xsd import XsdLayer


def main(n: int = 10_000) -> None:
    settings = Settings()
    limits = settings.limits
    layer = XsdLayer(settings)
    batch = [samples.ubl_invoice(number=f"B-{i}") if i % 2 else
             samples.cii_invoice(number=f"B-{i}") for i in range(200)]
    for data in batch[:2]:  # warm up: compile both schemas
        doc = unpack("warm.xml", data, limits)[0]
        layer.check(doc, read(doc, limits))
    for label, with_xsd in (("xml (detect+parse+fields)", False), ("xml+xsd", True)):
        started = time.process_time()
        for i in range(n):
            doc = unpack("b.xml", batch[i % len(batch)], limits)[0]
            tree = read(doc, limits)
            if with_xsd and layer.check(doc, tree):
                raise SystemExit(f"sample {i} is not XSD-valid")
        seconds = time.process_time() - started
        print(f"{label:28s} {n:,} invoices in {seconds:.2f} s CPU: "
              f"{n / seconds:,.0f} invoices/s on one core")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
