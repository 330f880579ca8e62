"""Layer rules from docs/design.md, checked on the source text."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.check_qt_imports import offenders

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "beratung_desktop"


def _imports(path: Path) -> set[str]:
    text = path.read_text("utf-8")
    found = set(re.findall(r"^\s*from\s+\.\.?(\w+)", text, re.MULTILINE))
    found |= set(re.findall(r"^\s*from\s+beratung_desktop\.(\w+)", text, re.MULTILINE))
    return found


def test_qt_only_through_the_seam():
    assert offenders(ROOT) == []


def test_domain_imports_nothing_of_ours():
    for path in (PACKAGE / "domain").rglob("*.py"):
        text = path.read_text("utf-8")
        assert not re.search(r"^\s*from\s+\.\.(?!errors\b)", text, re.MULTILINE), path
        assert "beratung_desktop" not in text, path


def test_sql_only_in_storage():
    sql = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b")
    for path in PACKAGE.rglob("*.py"):
        if "storage" in path.relative_to(PACKAGE).parts:
            continue
        assert not sql.search(path.read_text("utf-8")), f"SQL outside storage/: {path}"


def test_lower_layers_do_not_import_ui():
    for layer in ("domain", "storage", "services", "reports", "exchange", "i18n"):
        for path in (PACKAGE / layer).rglob("*.py"):
            assert "ui" not in _imports(path), path
            assert "app" not in _imports(path), path
