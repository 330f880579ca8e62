"""The bulk record check (a whole record type of a package, column by column) accepts exactly what the
record-by-record check accepts: whenever one record of the rows breaks the schema, the bulk check says
so, and the import then names that record and field (tests/exchange/test_hostile_packages.py)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from beratung_desktop.exchange import package
from beratung_desktop.exchange.record_schema import RecordChecker, RecordInvalid, RecordKey

from .hostile import client_row


def consultation_row(n: int, **changes: Any) -> dict[str, Any]:
    row = {
        "id": f"{n:032x}",
        "version": 1 + n % 3,
        "updated_at": f"2026-10-{1 + n % 28:02d}T10:00:00+00:00",
        "deleted": False,
        "case_id": f"{n * 7:032x}",
        "client_id": f"{n * 3:032x}",
        "counsellor_id": f"{n % 4:032x}",
        "day": f"2026-10-{1 + n % 28:02d}",
        "minutes": 15 + n,
        "form": "in_person",
        "topics": ["housing", "health"][: n % 3],
        "interpreter_used": n % 2 == 0,
        "referral_partner_id": None,
    }
    row.update(changes)
    return row


def _tombstone(n: int) -> dict[str, Any]:
    return {"id": f"{n:032x}", "version": 2, "updated_at": "2026-10-03T10:00:00+00:00", "deleted": True}


def _one_by_one(checker: RecordChecker, rows: list[Any]) -> bool:
    try:
        for n, row in enumerate(rows):
            checker.check(n, row, RecordKey(row["id"], row["version"], row.get("deleted")))
    except (RecordInvalid, KeyError, TypeError):
        return False
    return True


def _bulk(checker: RecordChecker, rows: list[Any]) -> bool:
    keys = [(r["id"], r["version"], r.get("deleted")) for r in rows]
    return checker.all_valid(rows, *[list(column) for column in zip(*keys, strict=True)])


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_SPECIAL = st.sampled_from(
    ["", "=1+1", "2024-02-30", "1990", "XX", "de", "ar", None, 0, 1, True, False, 10**9, "in_person", ["housing"]]
)


@settings(max_examples=300, deadline=None)
@given(
    record_type=st.sampled_from(["clients", "consultations"]),
    field=st.text(min_size=1, max_size=25) | st.sampled_from(sorted({*client_row(), *consultation_row(1)})),
    value=_JSON | _SPECIAL,
    drop=st.booleans(),
    at=st.integers(0, 3),
)
def test_bulk_check_agrees_with_the_record_by_record_check(record_type, field, value, drop, at):
    if record_type == "clients":
        rows = [client_row(id=f"{n:032x}", birth_year=1980 + n) for n in range(4)]
    else:
        rows = [consultation_row(n) for n in range(3)] + [_tombstone(3)]
    row = rows[at]
    if drop:
        row.pop(field, None)
    else:
        row[field] = value
    if "id" not in row or "version" not in row:
        return  # the keys come from the package's key lists, not from the rows
    checker = RecordChecker("statistics", record_type)
    try:
        hash((row["id"], row["version"]))
    except TypeError:
        return
    assert _bulk(checker, rows) == _one_by_one(checker, rows), (field, value, drop)


def test_valid_rows_pass_in_bulk_and_bad_ones_do_not():
    checker = RecordChecker("statistics", "consultations")
    rows = [consultation_row(n) for n in range(50)] + [_tombstone(50)]
    assert _bulk(checker, rows)
    for change in ({"form": "chat"}, {"minutes": True}, {"topics": ["housing", 1]}, {"day": "2026-02-30"}):
        assert not _bulk(checker, [*rows[:10], consultation_row(10, **change), *rows[11:]]), change
    assert not _bulk(checker, [*rows[:-1], {**_tombstone(50), "minutes": 3}])
    assert not _bulk(checker, [*rows[:3], {**rows[3], "id": "a b"}, *rows[4:]])


def _keys(rows: list[dict[str, Any]]) -> dict[str, package.Keys]:
    return {
        "consultations": package.Keys(
            [r["id"] for r in rows], [r["version"] for r in rows], [r["deleted"] for r in rows], 0
        )
    }


def test_lines_with_anything_around_their_object_are_left_to_the_record_by_record_path():
    rows = [consultation_row(n) for n in range(3)]
    lines = [json.dumps(r, separators=(",", ":")) for r in rows]
    text = "\n".join(lines)
    assert package._all_valid("statistics", _keys(rows), text, lines) == {"consultations": rows}
    for spaced in ([" " + lines[0], *lines[1:]], [*lines[:2], lines[2] + " "], [lines[0] + "\t", *lines[1:]]):
        joined = "\n".join(spaced)
        assert package._all_valid("statistics", _keys(rows), joined, spaced) is None
    twice = [lines[0], lines[0], lines[2]]
    assert package._all_valid("statistics", _keys([rows[0], rows[0], rows[2]]), "\n".join(twice), twice) is None
