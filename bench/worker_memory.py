"""RSS of one validation process over many invoices, every layer on (xml, xsd, EN 16931,
BR-FR, identifiers, chorus): does it grow? Prints a line every --every invoices.

    .venv/bin/python bench/worker_memory.py [--invoices 16000] [--every 2000]

Runs the layers in this process, as a worker does (one Saxon engine, each stylesheet
compiled once). Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from edi import config, samples  # noqa: E402
from edi.flow.examine import examine  # noqa: E402
from edi.validators.base import build_layers  # noqa: E402


def rss_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return -1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--invoices", type=int, default=16_000)
    ap.add_argument("--every", type=int, default=2_000)
    args = ap.parse_args()
    settings = config.load()
    layers = build_layers(settings)
    invoices = ([samples.ubl_invoice(number=f"M-{i}") for i in range(50)]
                + [samples.cii_invoice(number=f"C-{i}") for i in range(5)])
    examine("warm.xml", invoices[0], settings, layers)
    examine("warm.xml", invoices[-1], settings, layers)
    print(f"layers {list(settings.validation.layers)}; after warm-up {rss_mb()} MB")
    started = time.perf_counter()
    for i in range(1, args.invoices + 1):
        examine("x.xml", invoices[i % len(invoices)], settings, layers)
        if i % args.every == 0:
            print(f"{i:>7} invoices  RSS {rss_mb()} MB  "
                  f"{i / (time.perf_counter() - started):.0f} invoices/s", flush=True)


if __name__ == "__main__":
    main()
