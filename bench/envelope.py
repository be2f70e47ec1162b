"""Cost of the envelope checks per PDF: the Factur-X container checks (``envelope``) and
the attachment rules (``attachments``), on one core.

Measured on a sample Factur-X PDF (edi.samples, ~5 KB) and on the corpus's largest PDFs
(embedded PDFs and images, up to 1.2 MB) when ../shared is there; compared with the xml
layer (pypdf extraction + hardened parse) the same PDF already costs. The envelope layer
reopens the PDF with qpdf and, to compare the two readers, extracts the invoice again
with pypdf: both costs are in its figure.

    .venv/bin/python bench/envelope.py [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from edi import samples
from edi.config import Settings
from edi.parsers import facturx, read, unpack
from edi.validators import envelope
from edi.validators.attachments import AttachmentsLayer
from edi.validators.envelope import EnvelopeLayer

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "facturx" / "ZUGFeRDv2"


def per_pdf(label: str, data: bytes, n: int, settings: Settings) -> None:
    limits = settings.limits
    env_layer, att_layer = EnvelopeLayer(settings), AttachmentsLayer(settings)
    doc = unpack("f.pdf", data, limits)[0]
    tree = read(doc, limits)

    def timed(step) -> float:  # noqa: ANN001
        started = time.process_time()
        for _ in range(n):
            step()
        return (time.process_time() - started) / n * 1000

    def fresh() -> None:
        envelope._last = None   # each PDF read anew, as for a new document

    xml_ms = timed(lambda: read(unpack("f.pdf", data, limits)[0], limits))
    qpdf_ms = timed(lambda: facturx.envelope(data, limits.max_file_bytes))
    env_ms = timed(lambda: (fresh(), env_layer.check(doc, tree)))
    att_ms = timed(lambda: att_layer.check(doc, tree))  # the envelope read is shared
    print(f"{label:58s} {len(data) / 1000:8,.0f} KB  xml layer {xml_ms:6.2f} ms  "
          f"qpdf read {qpdf_ms:6.2f} ms  envelope {env_ms:6.2f} ms  "
          f"attachments {att_ms:6.2f} ms")


def main(n: int = 200) -> None:
    settings = Settings()
    per_pdf("sample Factur-X EN 16931 (edi.samples)", samples.facturx_pdf(), n, settings)
    if SHARED.is_dir():
        pdfs = sorted(SHARED.rglob("*.pdf"), key=lambda p: p.stat().st_size)
        for path in [pdfs[0], pdfs[len(pdfs) // 2], *pdfs[-2:]]:
            per_pdf(str(path.relative_to(SHARED)), path.read_bytes(), max(n // 10, 5),
                    settings)
        started = time.process_time()
        layer = EnvelopeLayer(settings)
        for path in pdfs:
            doc = unpack(path.name, path.read_bytes(), settings.limits)[0]
            tree = read(doc, settings.limits)
            envelope._last = None
            layer.check(doc, tree)
        seconds = time.process_time() - started
        print(f"whole corpus: {len(pdfs)} PDFs, xml layer + envelope in {seconds:.2f} s CPU "
              f"({seconds / len(pdfs) * 1000:.1f} ms per PDF)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
