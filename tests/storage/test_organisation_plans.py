"""The organisation's summary and network figures read every fact table by an index range over the
period (or by key), never by a scan of a whole table, for all offices and for chosen ones."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from beratung_desktop.domain.statistics import EVERYTHING, Selection
from beratung_desktop.storage import migrations
from beratung_desktop.storage.organisation_facts import network_records
from beratung_desktop.storage.statistics_queries import ORGANISATION, summary_sql

# Names the summary statement gives its own intermediate results (scanned by design) and json_each.
_INTERMEDIATE = {"c", "g", "cs", "p", "f", "l", "t", "m", "d", "n", "json_each"}
PARAMS = {"start": "2026-05-01", "end": "2026-05-31", "split": "2026-05-01", "services": '["mbe"]'}


@pytest.fixture(scope="module")
def schema() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    for script, _step in migrations.MIGRATIONS:
        for statement in migrations._statements(script):
            # Full-text and other parts the organisation's facts do not need may not build here.
            with contextlib.suppress(sqlite3.OperationalError):
                db.execute(statement)
    return db


def _scans(plan: list[str]) -> list[str]:
    found = []
    for line in plan:
        scan = re.match(r"SCAN (\S+)", line)
        if scan and (scan.group(1) not in _INTERMEDIATE and not scan.group(1).startswith("(subquery")):
            found.append(line)
        if scan and " USING " in line and "VIRTUAL TABLE" not in line:  # a whole index read end to end
            found.append(line)
    return found


@pytest.mark.parametrize("lines", [None, "[1, 3]"])
@pytest.mark.parametrize("chosen", [EVERYTHING, Selection(frozenset({"mbe"}), frozenset({"7:u"}))])
def test_the_summary_reads_the_facts_by_index_ranges(schema, lines, chosen):
    source = ORGANISATION if lines else replace(ORGANISATION, scope="")
    params = {**PARAMS, "counsellors": '["7:u"]', **({"lines": lines} if lines else {})}
    plan = [row[3] for row in schema.execute("EXPLAIN QUERY PLAN " + summary_sql(chosen, source), params)]
    assert not _scans(plan), plan
    assert any("org_fact_consultations_start (start>? AND start<?)" in line for line in plan), plan
    assert any("org_fact_activities_day (day>? AND day<?)" in line for line in plan), plan


class _Explaining:
    """Stands in for the store's database: explains each statement instead of running it."""

    def __init__(self, db: sqlite3.Connection):
        self.db, self.plans = db, []

    def query(self, sql: str, params: dict) -> list:
        self.plans.append([row[3] for row in self.db.execute("EXPLAIN QUERY PLAN " + sql, params)])
        return []


@pytest.mark.parametrize("lines", [None, [1, 3]])
def test_the_network_figures_read_the_facts_by_index_ranges(schema, lines):
    db = _Explaining(schema)
    network_records(db, date(2026, 4, 1), date(2026, 5, 1), date(2026, 5, 31), lines)  # type: ignore[arg-type]
    assert len(db.plans) == 6
    for plan in db.plans:
        assert not _scans(plan), plan
        range_read = r"SEARCH \w+ USING (COVERING )?INDEX org_fact_\w+ \((start|day|opened)>\? AND"
        assert any(re.search(range_read, line) for line in plan), plan
