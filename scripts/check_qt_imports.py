"""Fails when a module outside ui/qt.py imports PySide6 directly (the one-seam rule)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

PATTERN = re.compile(r"^\s*(from|import)\s+PySide6\b", re.MULTILINE)
SEAM = Path("src/beratung_desktop/ui/qt.py")


def offenders(root: Path) -> list[Path]:
    return [
        p
        for p in sorted((root / "src").rglob("*.py"))
        if p.relative_to(root) != SEAM and PATTERN.search(p.read_text("utf-8"))
    ]


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    found = offenders(root)
    for path in found:
        print(f"{path.relative_to(root)}: imports PySide6 directly; use beratung_desktop.ui.qt")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
