"""Layer rules from docs/design.md: the import graph (read with ast) and SQL only in storage/."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.check_layers import Violation, allowed_table, violations

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "beratung_desktop"
SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE|ORDER BY|WHERE|LIMIT \d|PRAGMA)\b")


def test_imports_follow_the_table_in_the_design_page():
    assert [str(v) for v in violations()] == []


def test_the_table_forbids_what_it_should():
    table = allowed_table()
    assert "storage" not in table["exchange"]
    assert "ui" not in table["services"] and "storage" not in table["domain"]
    assert all("ui" not in allowed for layer, allowed in table.items() if layer != "app")


def test_the_check_sees_a_lazy_import(tmp_path, monkeypatch):
    # A function-level import counts like one at the top of the module.
    import scripts.check_layers as check

    package = tmp_path / "beratung_desktop"
    (package / "exchange").mkdir(parents=True)
    (package / "exchange" / "package.py").write_text("def f():\n    from ..storage import store\n")
    monkeypatch.setattr(check, "PACKAGE", package)
    assert violations({"exchange": {"domain"}}) == [Violation(Path("exchange/package.py"), 2, "storage")]


def test_sql_only_in_storage():
    sources = [p for p in PACKAGE.rglob("*.py") if "storage" not in p.relative_to(PACKAGE).parts]
    tests = ROOT / "tests"
    sources += [p for p in tests.rglob("*.py") if "storage" not in p.relative_to(tests).parts]
    found = [str(p.relative_to(ROOT)) for p in sources if p != Path(__file__) and SQL.search(p.read_text("utf-8"))]
    assert found == []


def test_services_and_tests_never_hold_the_raw_database():
    sources = [p for p in PACKAGE.rglob("*.py") if "storage" not in p.relative_to(PACKAGE).parts]
    tests = ROOT / "tests"
    sources += [p for p in tests.rglob("*.py") if "storage" not in p.relative_to(tests).parts]
    found = [
        str(p.relative_to(ROOT))
        for p in sources
        if p != Path(__file__) and re.search(r"\.db\.|store\.db\b|\bdb = ", p.read_text("utf-8"))
    ]
    assert found == []
