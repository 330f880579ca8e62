"""Extracts messages from the source into translations/messages.pot and merges them into every catalogue.

Also writes translations/printouts.pot, the texts of the printouts handed to clients (agreement, consent
forms, consultation record), and merges it into the printout-only catalogues
translations/<code>/LC_MESSAGES/printouts.po of the client languages that are no interface language.

Run: uv run python scripts/update_translations.py [--init LANG ...] [--init-printouts CODE ...]
Catalogues stay .po files in the repository; the app compiles them in memory when it loads them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from beratung_desktop.domain import catalogues

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"
PRINTOUTS_POT = ROOT / "translations" / "printouts.pot"
REPORTS = ROOT / "src" / "beratung_desktop" / "reports"
# Where the client-facing printouts take their texts from (tests/reports/test_printout_languages.py
# renders them and checks that every text they ask for is in printouts.pot).
PRINTOUT_SOURCES = ("agreement.py", "consent_form.py", "consultation_record.py", "client_block.py", "layout.py")
PRINTOUT_CATALOGUES = (
    catalogues.SERVICES,
    catalogues.FORMS,
    catalogues.TOPICS,
    catalogues.GOAL_STATUSES,
    catalogues.GOAL_RESPONSIBLE,
    catalogues.CONSENT_PURPOSES,
)


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--init", nargs="*", default=[], help="start catalogues for these languages")
    parser.add_argument(
        "--init-printouts", nargs="*", default=[], help="start printout-only catalogues for these codes (fa_AF, ps …)"
    )
    args = parser.parse_args()
    pybabel(
        "extract",
        "-F",
        str(ROOT / "translations" / "babel.cfg"),
        "-k",
        "_",
        "-k",
        "N_",
        "-k",
        "ngettext:1,2",
        "--no-location",
        "--sort-output",
        "--project",
        "Beratung Desktop",
        "--copyright-holder",
        "Beratung Desktop",
        "--msgid-bugs-address",
        "-",
        "-w",
        "100",
        "-o",
        str(POT),
        str(ROOT / "src"),
    )
    update_printouts(args.init_printouts)
    for language in args.init:
        target = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
        if not target.exists():
            pybabel("init", "-i", str(POT), "-d", str(ROOT / "translations"), "-l", language)
    pybabel(
        "update",
        "-i",
        str(POT),
        "-d",
        str(ROOT / "translations"),
        "--no-fuzzy-matching",
        "-w",
        "100",
        "--ignore-obsolete",
    )
    return 0


def printout_messages() -> list[str]:
    found: set[str] = set()
    for name in PRINTOUT_SOURCES:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(REPORTS / name), keywords={"_": None, "N_": None}
        ):
            text = message if isinstance(message, str) else next((m for m in message if m), None)
            if text:
                found.add(text)
    found |= {entry.label for catalogue in PRINTOUT_CATALOGUES for entry in catalogue}
    return sorted(found)


def _write(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as f:
        write_po(f, catalog, width=100, sort_output=True, ignore_obsolete=True, omit_header=False)


def update_printouts(init: list[str]) -> None:
    template = Catalog(project="Beratung Desktop", copyright_holder="Beratung Desktop", msgid_bugs_address="-")
    for message in printout_messages():
        template.add(message)
    _write(PRINTOUTS_POT, template)
    for code in init:
        target = ROOT / "translations" / code / "LC_MESSAGES" / "printouts.po"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(
                target,
                Catalog(locale=code, project="Beratung Desktop", copyright_holder="Beratung Desktop", fuzzy=False),
            )
    for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/printouts.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.fuzzy = False
        _write(po, catalog)


if __name__ == "__main__":
    sys.exit(main())
