"""Access export (Art. 15) of one client with many consultations: PDF + JSON written into a folder.

uv run python benchmarks/access_export_benchmark.py [--consultations 500]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from beratung_desktop.domain.cases import Case
from beratung_desktop.domain.clients import Client
from beratung_desktop.domain.consultations import Consultation
from beratung_desktop.services import access_export, accounts, casework
from beratung_desktop.storage.keyslots import TEST_KDF


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--consultations", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        session, _ = accounts.create_store(Path(tmp) / "store", "anna", "benchmark password", kdf=TEST_KDF)
        client = casework.save_client(
            session,
            Client(
                given_name="Amal",
                family_name="Beispiel",
                given_name_original="أمل",
                languages=["ar"],
                birth_year=1990,
                gender="female",
                residence_status="refugee",
                country_of_origin="SY",
            ),
        )
        case = casework.open_case(
            session, Case(client_id=client.id, service="mbe", counsellor_id=session.user.id, opened=date(2020, 1, 2))
        )
        start = datetime(2020, 1, 6, 9)
        session.store.consultations.add_many(
            Consultation(
                case_id=case.id,
                client_id=client.id,
                counsellor_id=session.user.id,
                start=start + timedelta(days=3 * n),
                minutes=45,
                topics=["residence_law", "housing"],
                notes="Beratung zum Aufenthalt, Unterlagen besprochen, nächster Termin vereinbart. " * 3,
            )
            for n in range(args.consultations)
        )
        out = Path(tmp) / "out"
        out.mkdir()
        began = time.perf_counter()
        result = access_export.write_access_export(session, client.id, out)
        elapsed = time.perf_counter() - began
        print(
            f"{args.consultations} consultations: {elapsed:.2f} s, PDF {result.pdf.stat().st_size / 1e6:.2f} MB, "
            f"JSON {result.json.stat().st_size / 1e6:.2f} MB"
        )
        session.close()


if __name__ == "__main__":
    main()
