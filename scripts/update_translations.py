"""Extracts messages from the source into translations/messages.pot and merges them into every catalogue.

Run: uv run python scripts/update_translations.py [--init LANG ...]
Catalogues stay .po files in the repository; the app compiles them in memory when it loads them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--init", nargs="*", default=[], help="start catalogues for these languages")
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


if __name__ == "__main__":
    sys.exit(main())
