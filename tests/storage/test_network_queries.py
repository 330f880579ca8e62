"""The network facts read for a summary (one per distinct fact, streamed) give the figures computed from
one fact per consultation, built here from every record."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from beratung_desktop.domain.network_figures import (
    CounselledFacts,
    InterpretedFacts,
    NetworkRecords,
    compute_network,
)
from beratung_desktop.domain.statistics import EVERYTHING, Period, Selection
from beratung_desktop.services import demo
from beratung_desktop.storage.network_queries import load_network_records

TODAY = date(2026, 6, 15)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    from beratung_desktop.services import accounts
    from beratung_desktop.storage.keyslots import TEST_KDF

    folder = tmp_path_factory.mktemp("office") / "store"
    session, _ = accounts.create_store(folder, "anna", "correct horse 42", office_name="Demo", kdf=TEST_KDF, demo=True)
    demo.generate(session, 150, today=TODAY, kdf=TEST_KDF)
    yield session
    session.close()


def _per_consultation(store, start: date, end: date) -> tuple[list[InterpretedFacts], list[CounselledFacts]]:
    cases = {c.id: c for c in store.cases.all()}
    clients = {c.id: c for c in store.clients.all()}
    kinds = {p.id: p.kind for p in store.partners.all(include_deleted=True)}
    interpreted, counselled = [], []
    for c in store.consultations.all():
        day = c.start.date()
        if not start <= day <= end:
            continue
        service, client = cases[c.case_id].service, clients[c.client_id]
        if c.interpreter_used:
            interpreted.append(InterpretedFacts(c.counsellor_id, service, day, c.interpreter_language))
        kind = kinds.get(client.referred_by_partner_id or "", "")
        counselled.append(
            CounselledFacts(c.client_id, c.counsellor_id, service, day, tuple(client.support_needs), kind)
        )
    return interpreted, counselled


@pytest.mark.parametrize(
    "period",
    [Period.month(2026, 5), Period.month(2026, 1), Period.year(2025), Period(date(2026, 2, 10), date(2026, 3, 20))],
)
def test_facts_kept_once_give_the_figures_of_every_consultation(office, period):
    store = office.store
    previous = period.previous()
    users = store.users.all()
    with store.reading():
        read = load_network_records(store, previous.start, period.end, split=period.start)
        by_day = load_network_records(store, previous.start, period.end)
    interpreted, counselled = _per_consultation(store, previous.start, period.end)
    reference = NetworkRecords(read.referrals, read.short_contacts, read.group_sessions, interpreted, counselled)
    reference.opened_cases = read.opened_cases
    assert len(read.counselled) < len(counselled) and len(read.interpreted) < len(interpreted)
    assert sum(i.count for i in read.interpreted) == len(interpreted)
    for chosen in (EVERYTHING, Selection(frozenset({"mbe"})), Selection(counsellors=frozenset({users[0].id}))):
        for p in (period, previous):
            expected = asdict(compute_network(p, reference, chosen))
            assert asdict(compute_network(p, read, chosen)) == expected, (p, chosen)
            assert asdict(compute_network(p, by_day, chosen)) == expected, (p, chosen)
