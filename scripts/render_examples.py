"""Renders the sample documents in docs/examples/ from the demo store (1,500 clients, fixed day).

    uv run python scripts/render_examples.py [--translations DIR] [--out docs/examples] [--png DIR]

--translations points to another translations folder (e.g. one with an Arabic catalogue) for the
bilingual samples; by default the shipped catalogues are used.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from beratung_desktop.domain.statistics import Period
from beratung_desktop.i18n import translation
from beratung_desktop.services import accounts, printing
from beratung_desktop.services.demo import ensure_demo_store
from beratung_desktop.storage.atomic_file import write_atomic
from beratung_desktop.storage.keyslots import TEST_KDF

TODAY = date(2026, 6, 15)


def _pick(session, language: str):
    """A client speaking `language` with a case that has goals and consultations."""
    store = session.store
    speakers = sorted((c for c in store.clients.all() if language in c.languages), key=lambda c: c.client_number)
    for client in speakers:
        for case in store.cases.for_client(client.id):
            goals = store.goals.for_case(case.id)
            consultations = [c for c in store.consultations.for_client(client.id) if c.case_id == case.id]
            if len(goals) >= 2 and len(consultations) >= 3:
                return client, case, consultations
    raise SystemExit(f"no suitable demo client speaking {language}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--translations", type=Path)
    parser.add_argument("--out", type=Path, default=Path("docs/examples"))
    parser.add_argument("--png", type=Path, help="also render every page as PNG (60 dpi) into this folder")
    args = parser.parse_args()
    if args.translations:
        folder = args.translations.resolve()
        translation.translations_dir = lambda: folder
        translation.load_catalogue.cache_clear()
    store_dir = Path(tempfile.gettempdir()) / "beratung-examples-store"
    user, password = ensure_demo_store(store_dir, kdf=TEST_KDF, today=TODAY)
    session = accounts.unlock(store_dir, user, password)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        client, case, consultations = _pick(session, "ar")
        docs = {
            "consultation-record-de.pdf": printing.consultation_record_pdf(session, consultations[0].id, "de"),
            "case-summary-de.pdf": printing.case_summary_pdf(session, case.id, "de"),
            "agreement-de.pdf": printing.agreement_pdf(session, case.id, "de", today=TODAY),
            "agreement-de-ar.pdf": printing.agreement_pdf(session, case.id, "ar", today=TODAY),
            "consent-sharing-de-ar.pdf": printing.consent_form_pdf(
                session, client.id, "sharing", recipient="Ausländerbehörde Landkreis Demo", client_language="ar"
            ),
            "consent-storage-de.pdf": printing.consent_form_pdf(
                session, client.id, "data_storage", client_language="de"
            ),
            "monthly-summary-2026-05-de.pdf": printing.monthly_summary_pdf(session, Period.month(2026, 5), today=TODAY),
            "yearly-summary-2025-de.pdf": printing.monthly_summary_pdf(session, Period.year(2025), today=TODAY),
        }
        for name, data in docs.items():
            write_atomic(args.out / name, data)
            print(args.out / name)
            if args.png and shutil.which("pdftoppm"):
                args.png.mkdir(parents=True, exist_ok=True)
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "60", str(args.out / name), str(args.png / name.removesuffix(".pdf"))],
                    check=True,
                )
    finally:
        session.close()


if __name__ == "__main__":
    main()
