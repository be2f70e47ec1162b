"""What the Chorus Pro deposit rules cost: import of 100,000 structures, and per invoice.

Prints figures, asserts nothing. Goal (issue 4): < 0.2 ms per invoice with a directory of
100,000 structures. Run: .venv/bin/python bench/chorus_rules.py [N_STRUCTURES]
"""

from __future__ import annotations

import sys
import tempfile
import time
import types
from pathlib import Path

from lxml import etree
from stdnum import luhn

from edi import samples
from edi.config import Settings
from edi.directory import import_accounts, import_directory, import_orders
from edi.model import Document, Invoice
from edi.validators.chorus import ChorusLayer
from edi.validators.identifiers import check_invoice as identifier_checks

HEADER = ("TypeIdentifiant;Identifiant;RaisonSociale;EmetteurEdi;RecepteurEdi;"
          "GestionStatutMiseEnPaiement;GestionEngagement;GestionService;"
          "GestionServiceEngagement;EstMOA;EstMOAUniquement;StructureActive;Adresse;"
          "CodePostal;Ville")


def siret(seed: int) -> str:
    siren = f"{seed:08d}"
    siren += luhn.calc_check_digit(siren)
    base = siren + "0001"
    return base + luhn.calc_check_digit(base)


def generate(folder: Path, n: int) -> list[str]:
    sirets = [siret(10_000_000 + i * 7) for i in range(n)]
    lines = [HEADER]
    services = ["IdentifiantStructure;CodeService;LibelleService;ServiceActif;GestionEngagement"]
    for i, s in enumerate(sirets):
        svc, eng = i % 3 == 0, i % 4 == 0
        lines.append(f"SIRET;{s};STRUCTURE PUBLIQUE {i};false;false;true;"
                     f"{'true' if eng else 'false'};{'true' if svc else 'false'};false;"
                     f"false;false;true;{i} RUE DE LA MAIRIE;75001;PARIS")
        if svc:
            services.append(f"{s};SERV-FIN-01;FINANCES;true;false")
            services.append(f"{s};SVC-{i};SERVICE {i};true;{'true' if i % 2 else 'false'}")
    (folder / "structures.csv").write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    (folder / "services.csv").write_text("\n".join(services) + "\n")
    return sirets


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sirets = generate(folder, n)
        store = folder / "var" / "directory.sqlite"
        started = time.perf_counter()
        report = import_directory(store, folder / "structures.csv", folder / "services.csv")
        took = time.perf_counter() - started
        print(f"import: {report.structures} structures, {report.services} services in "
              f"{took:.2f} s ({report.structures / took:,.0f} structures/s)")
        seller = "41234567000019"
        (folder / "orders.csv").write_text("".join(
            f"{s};EJ-2025-004512;{seller};100000;ouvert\n" for s in sirets[::10]))
        import_orders(store, [folder / "orders.csv"])
        (folder / "accounts.csv").write_text(f"{seller};FR7630004000310001234567865;\n")
        import_accounts(store, folder / "accounts.csv")

        settings = Settings(base_dir=folder, raw=types.MappingProxyType({"chorus": {}}))
        layer = ChorusLayer(settings)
        started = time.perf_counter()
        layer.directory()
        print(f"first load into a worker: {time.perf_counter() - started:.2f} s")

        # 1,000 distinct invoices, to buyers spread over the whole directory.
        docs = []
        for i in range(1000):
            buyer = sirets[(i * 97) % n]
            data = samples.ubl_invoice(buyer_siret=buyer, number=f"FA-{i:06d}")
            s = samples.sample(buyer_siret=buyer, number=f"FA-{i:06d}")
            inv = Invoice(**{f: getattr(s, f) for f in Invoice.__slots__ if hasattr(s, f)},
                          total_with_vat="4932.00")
            doc = Document(seq=1, name="x.xml", content=data, invoice=inv)
            docs.append((doc, etree.fromstring(data).getroottree()))

        def run(label: str, fn) -> None:
            rounds = 5
            best = float("inf")
            for _ in range(rounds):
                started = time.perf_counter()
                for doc, tree in docs:
                    fn(doc, tree)
                best = min(best, time.perf_counter() - started)
            print(f"{label}: {best / len(docs) * 1000:.4f} ms per invoice "
                  f"(best of {rounds} x {len(docs)})")

        layer.with_identifiers = False
        run("deposit rules (applies + check)", lambda d, t: (layer.applies(d),
                                                             layer.check(d, t)))
        run("identifier checks (stdnum, accounts from the tree)",
            lambda d, t: identifier_checks(d.invoice, t))
        layer.with_identifiers = True
        run("chorus layer with identifiers", lambda d, t: (layer.applies(d),
                                                           layer.check(d, t)))
        found = sum(len(layer.check(d, t)) for d, t in docs)
        print(f"findings over the {len(docs)} invoices: {found}")


if __name__ == "__main__":
    main()
