"""Stored figures of closed periods are reused, and never differ from a fresh count: random writes of
every kind (insert, update, delete, erasure; backdated; a case's service; a client's facts; activities;
network records) between summaries, then the stored-and-reused figures are compared with a count that
neither reads nor keeps stored figures."""

from __future__ import annotations

import json
import random
import uuid
from collections import Counter
from dataclasses import asdict, fields
from datetime import date, timedelta

import pytest

from beratung_desktop.domain.catalogues import FORMS, TOPICS
from beratung_desktop.domain.statistics import EVERYTHING, Period, PeriodCounts, Selection, comparison_dict, figures_of
from beratung_desktop.services import demo, statistics
from beratung_desktop.storage import connection
from beratung_desktop.storage.stored_figures import PeriodFigures

TODAY = date(2026, 6, 15)
ORDERS = {"form_order": FORMS.codes(), "topic_order": TOPICS.codes()}
PERIODS = [
    Period.month(2026, 5),
    Period.month(2025, 11),
    Period.year(2025),
    Period(date(2026, 2, 10), date(2026, 3, 20)),
]


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    from beratung_desktop.services import accounts
    from beratung_desktop.storage.keyslots import TEST_KDF

    folder = tmp_path_factory.mktemp("office") / "store"
    session, _ = accounts.create_store(folder, "anna", "correct horse 42", office_name="Demo", kdf=TEST_KDF, demo=True)
    demo.generate(session, 120, today=TODAY, kdf=TEST_KDF)
    yield session
    session.close()


def _selections(session) -> list[Selection]:
    users = session.store.users.all()
    return [EVERYTHING, Selection(frozenset({"mbe", "jmd"})), Selection(counsellors=frozenset({users[1].id}))]


def _plain(figures: PeriodFigures, period: Period) -> dict:
    counts = {
        f.name: dict(v) if isinstance(v := getattr(figures.counts, f.name), Counter) else v
        for f in fields(PeriodCounts)
    }
    return {
        "counts": counts,
        "figures": asdict(figures_of(period, figures.counts, **ORDERS)),
        "network": asdict(figures.network),
    }


def _assert_stored_equal_fresh(session) -> None:
    for period in PERIODS:
        for chosen in _selections(session):
            stored = statistics.period_figures(session, period, chosen)
            fresh = statistics.period_figures(session, period, chosen, reuse=False)
            assert _plain(stored, period) == _plain(fresh, period), (period, chosen)


# -- random writes of every kind, in SQL (the triggers see every write, whatever code path made it) -------


def _day(rng: random.Random) -> date:
    return date(2024, 1, 1) + timedelta(days=rng.randrange((TODAY - date(2024, 1, 1)).days))


def _pick(db, table: str, rng: random.Random, where: str = "1") -> str:
    ids = [r[0] for r in db.query(f"SELECT id FROM {table} WHERE {where} ORDER BY id")]
    return rng.choice(ids)


def _copy(db, table: str, row_id: str, **changes) -> str:
    """A new row like an existing one, with some columns changed (an insert of that table)."""
    columns = [r[1] for r in db.query(f"PRAGMA table_info({table})")]
    new_id = str(uuid.uuid4())
    values = {"id": new_id, **changes}
    select = ", ".join(f":{c}" if c in values else c for c in columns)
    db.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {table} WHERE id = :old",
        {**values, "old": row_id},
    )
    return new_id


def _set(db, table: str, row_id: str, **changes) -> None:
    assignments = ", ".join(f"{c} = :{c}" for c in changes)
    db.execute(f"UPDATE {table} SET {assignments} WHERE id = :id", {**changes, "id": row_id})


def consultation_backdated(db, rng):
    row = _pick(db, "consultations", rng)
    _copy(db, "consultations", row, start=f"{_day(rng).isoformat()}T09:30:00")


def consultation_moved(db, rng):
    _set(db, "consultations", _pick(db, "consultations", rng), start=f"{_day(rng).isoformat()}T14:00:00")


def consultation_changed(db, rng):
    row = _pick(db, "consultations", rng)
    change = rng.choice(
        [
            {"form": rng.choice(["in_person", "phone", "group", "video"])},
            {"minutes": rng.randrange(5, 120)},
            {"topics": json.dumps(rng.sample(TOPICS.codes(), 2))},
            {"interpreter_used": rng.randrange(2), "interpreter_language": rng.choice(["", "ar", "fa"])},
            {"deleted": 1},
        ]
    )
    _set(db, "consultations", row, **change)


def consultation_other_case(db, rng):
    """Moved to another case of the same client (another service)."""
    row = _pick(db, "consultations", rng)
    client = db.query("SELECT client_id FROM consultations WHERE id = ?", (row,))[0][0]
    cases = [r[0] for r in db.query("SELECT id FROM cases WHERE client_id = ? ORDER BY id", (client,))]
    _set(db, "consultations", row, case_id=rng.choice(cases))


def consultation_replaced(db, rng):
    """INSERT OR REPLACE fires no delete trigger: the replaced row's day counts too."""
    row = _pick(db, "consultations", rng)
    columns = [r[1] for r in db.query("PRAGMA table_info(consultations)")]
    select = ", ".join(":start" if c == "start" else c for c in columns)
    db.execute(
        f"INSERT OR REPLACE INTO consultations ({', '.join(columns)}) "
        f"SELECT {select} FROM consultations WHERE id = :id",
        {"start": f"{_day(rng).isoformat()}T11:00:00", "id": row},
    )


def consultation_deleted(db, rng):
    db.execute("DELETE FROM consultations WHERE id = ?", (_pick(db, "consultations", rng),))


def case_service(db, rng):
    _set(db, "cases", _pick(db, "cases", rng), service=rng.choice(["mbe", "jmd", "fsa"]))


def case_changed(db, rng):
    row = _pick(db, "cases", rng)
    change = rng.choice(
        [
            {"opened": _day(rng).isoformat()},
            {"closed": _day(rng).isoformat(), "close_reason": rng.choice(["goals_achieved", "moved", ""])},
            {"closed": None, "close_reason": None},
            {"case_management": rng.randrange(2)},
            {"outside_target_group": json.dumps(["age"]), "target_group_reason": "x"},
            {"deleted": 1},
            {"counsellor_id": _pick(db, "users", rng)},
        ]
    )
    _set(db, "cases", row, **change)


def case_inserted(db, rng):
    _copy(db, "cases", _pick(db, "cases", rng), opened=_day(rng).isoformat(), service="fsa")


def client_facts(db, rng):
    row = _pick(db, "clients", rng)
    change = rng.choice(
        [
            {"birth_date": _day(rng).replace(year=rng.randrange(1950, 2015)).isoformat()},
            {"birth_date": None, "birth_year": rng.randrange(1950, 2015)},
            {"gender": rng.choice(["female", "male", "diverse", "unspecified"])},
            {"country_of_origin": rng.choice(["SY", "UA", "", "ER"])},
            {"arrival_date": _day(rng).isoformat()},
            {"household": json.dumps([{"given_name": "X", "counselled": True}])},
            {"support_needs": json.dumps(["disability"])},
            {"referred_by_partner_id": _pick(db, "partners", rng)},
            {"deleted": 1},
        ]
    )
    _set(db, "clients", row, **change)


def client_erased(db, rng):
    """Erasure: the client's every row physically (storage/privacy.py), or the pseudonymous skeleton."""
    from beratung_desktop.storage.privacy import delete_client_rows

    row = _pick(db, "clients", rng, "deleted = 0 AND erased = 0")
    if rng.randrange(2):
        delete_client_rows(db, row)
    else:
        _set(db, "clients", row, erased=1, given_name="", family_name="", birth_date=None, birth_year=1980)


def activity(db, rng):
    row = _pick(db, "activities", rng)
    choice = rng.randrange(3)
    if choice == 0:
        _copy(db, "activities", row, day=_day(rng).isoformat())
    elif choice == 1:
        _set(db, "activities", row, day=_day(rng).isoformat(), participants=rng.randrange(30))
    else:
        db.execute("DELETE FROM activities WHERE id = ?", (row,))


def referral(db, rng):
    row = _pick(db, "referrals", rng)
    choice = rng.randrange(3)
    if choice == 0:
        _copy(db, "referrals", row, day=_day(rng).isoformat())
    elif choice == 1:
        _set(db, "referrals", row, outcome=rng.choice(["arrived", "not_arrived", "unknown"]))
    else:
        _set(db, "referrals", row, deleted=1)


def short_contact(db, rng):
    row = _pick(db, "short_contacts", rng)
    choice = rng.randrange(3)
    if choice == 0:
        _copy(db, "short_contacts", row, day=_day(rng).isoformat())
    elif choice == 1:
        _set(db, "short_contacts", row, language=rng.choice(["", "ar", "tr"]), minutes=rng.randrange(5, 60))
    else:
        db.execute("DELETE FROM short_contacts WHERE id = ?", (row,))


def group_attendance(db, rng):
    row = _pick(db, "group_sessions", rng)
    choice = rng.randrange(4)
    if choice == 0:
        _copy(db, "group_sessions", row, day=_day(rng).isoformat())
    elif choice == 1:
        present = [r[0] for r in db.query("SELECT id FROM clients ORDER BY id LIMIT 5")]
        _set(db, "group_sessions", row, present=json.dumps(present), anonymous_present=rng.randrange(4))
    elif choice == 2:
        _set(db, "group_sessions", row, deleted=1)
    else:
        _set(db, "groups", _pick(db, "groups", rng), service=rng.choice(["mbe", "jmd", "fsa"]))


def partner(db, rng):
    if rng.randrange(2):
        _set(db, "partners", _pick(db, "partners", rng), kind=rng.choice(["authority", "counselling", "other"]))
    else:
        _copy(db, "partners", _pick(db, "partners", rng), name="Neu")


def notes_only(db, rng):
    """Columns no figure reads: the stored figures stay."""
    _set(db, "consultations", _pick(db, "consultations", rng), notes="more notes")
    _set(db, "clients", _pick(db, "clients", rng), phone="0151 000")


WRITES = [
    consultation_backdated,
    consultation_moved,
    consultation_changed,
    consultation_other_case,
    consultation_replaced,
    consultation_deleted,
    case_service,
    case_changed,
    case_inserted,
    client_facts,
    client_erased,
    activity,
    referral,
    short_contact,
    group_attendance,
    partner,
    notes_only,
]


def test_the_demo_store_has_rows_for_every_kind_of_write(office):
    for table in ("activities", "referrals", "short_contacts", "group_sessions", "groups", "partners"):
        assert office.store.db.query(f"SELECT count(*) FROM {table}")[0][0] > 0, table


@pytest.mark.parametrize("seed", range(2))
def test_stored_figures_equal_a_fresh_count_after_random_writes(office, seed):
    rng = random.Random(seed)
    db = office.store.db
    kinds = WRITES[:]
    rng.shuffle(kinds)
    _assert_stored_equal_fresh(office)
    kept_through = 0
    for write in kinds:
        before = len(office.store.stored_figures.periods())
        assert before > 0
        with db.transaction():
            for _ in range(rng.randrange(1, 3)):
                write(db, rng)
        kept_through += len(office.store.stored_figures.periods()) > 0
        _assert_stored_equal_fresh(office)
    # Not every write drops everything (the figures are reused across writes that leave them alone).
    assert kept_through > 0


def test_a_write_after_the_counting_began_is_not_kept(office):
    """A write between the reservation and the result drops the reservation: the count is not kept."""
    period = Period.month(2025, 3)
    stored = office.store.stored_figures
    token = stored.reserve(period, EVERYTHING)
    figures = statistics.period_figures(office, period, EVERYTHING, reuse=False)
    with office.store.db.transaction():
        row = _pick(office.store.db, "consultations", random.Random(7))
        _copy(office.store.db, "consultations", row, start="2025-03-10T10:00:00")
    assert not stored.keep(period, EVERYTHING, token, figures)
    assert stored.find(period, EVERYTHING) is None


def test_a_write_after_a_period_keeps_its_figures(office):
    statistics.period_figures(office, Period.month(2024, 3), EVERYTHING)
    with office.store.db.transaction():
        db = office.store.db
        _set(db, "consultations", _pick(db, "consultations", random.Random(3), "start > '2024-04'"), start="2026-06-01")
        _set(db, "activities", _pick(db, "activities", random.Random(4), "day > '2024-04'"), day="2026-05-30")
    assert office.store.stored_figures.find(Period.month(2024, 3), EVERYTHING) is not None


def test_without_the_triggers_the_comparison_fails(tmp_path):
    """The check above can fail: with the consultations' triggers gone, a backdated consultation leaves
    stale stored figures behind."""
    from beratung_desktop.services import accounts
    from beratung_desktop.storage.keyslots import TEST_KDF

    session, _ = accounts.create_store(tmp_path / "s", "anna", "correct horse 42", kdf=TEST_KDF, demo=True)
    try:
        demo.generate(session, 30, today=TODAY, kdf=TEST_KDF)
        db = session.store.db
        period = Period.month(2026, 5)
        statistics.period_figures(session, period, EVERYTHING)
        with db.transaction():
            db.execute("DROP TRIGGER stored_figures_consultations_insert")
            _copy(db, "consultations", _pick(db, "consultations", random.Random(1)), start="2026-05-20T10:00:00")
        stored = statistics.period_figures(session, period, EVERYTHING)
        fresh = statistics.period_figures(session, period, EVERYTHING, reuse=False)
        assert _plain(stored, period) != _plain(fresh, period)
    finally:
        session.close()


# -- reuse --------------------------------------------------------------------------------------------------


@pytest.fixture
def traced(monkeypatch) -> list[str]:
    """Every statement of the read-only connections the summary counts on."""
    statements: list[str] = []
    opened = connection.connect

    def tracing(*args, **kwargs):
        conn = opened(*args, **kwargs)
        if kwargs.get("read_only"):
            conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(connection, "connect", tracing)
    return statements


def _summary_statements(statements: list[str]) -> list[str]:
    return [s for s in statements if "consultations_facts" in s]


def test_a_second_summary_of_a_closed_month_reads_the_stored_figures(office, traced):
    office.store.stored_figures.clear()
    first = statistics.summary(office, Period.month(2026, 2), today=TODAY)
    assert len(_summary_statements(traced)) == 2  # February and January counted
    assert len(office.store.stored_figures.periods()) == 2
    traced.clear()
    again = statistics.summary(office, Period.month(2026, 2), today=TODAY)
    assert _summary_statements(traced) == []
    assert any("FROM stored_figures" in s for s in traced)
    assert comparison_dict(again) == comparison_dict(first)


def test_the_running_period_is_counted_live_and_not_kept(office, traced):
    office.store.stored_figures.clear()
    statistics.summary(office, Period.month(2026, 6), today=TODAY)  # June runs, May has ended
    assert [(s, e) for s, e, _sel in office.store.stored_figures.periods()] == [("2026-05-01", "2026-05-31")]
    traced.clear()
    statistics.summary(office, Period.month(2026, 6), today=TODAY)
    assert len(_summary_statements(traced)) == 1


def test_a_summary_inside_a_transaction_keeps_nothing(office):
    office.store.stored_figures.clear()
    with office.store.transaction():
        statistics.summary(office, Period.month(2025, 8), today=TODAY)
    assert office.store.stored_figures.periods() == []
