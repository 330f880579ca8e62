"""The summary loader reads only a period's rows; the figures equal those computed from every record."""

from __future__ import annotations

from datetime import date

import pytest

from beratung_desktop.domain.catalogues import FORMS, TOPICS
from beratung_desktop.domain.statistics import EVERYTHING, Period, Records, Selection, compute
from beratung_desktop.services import demo
from beratung_desktop.storage.statistics_queries import load_records

TODAY = date(2026, 6, 15)
ORDERS = {"form_order": FORMS.codes(), "topic_order": TOPICS.codes()}


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    from beratung_desktop.services import accounts
    from beratung_desktop.storage.keyslots import TEST_KDF

    folder = tmp_path_factory.mktemp("office") / "store"
    session, _ = accounts.create_store(folder, "anna", "correct horse 42", office_name="Demo", kdf=TEST_KDF, demo=True)
    demo.generate(session, 150, today=TODAY, kdf=TEST_KDF)
    yield session
    session.close()


def _everything(session) -> Records:
    store = session.store
    return Records.of(store.clients.all(), store.cases.all(), store.consultations.all(), store.activities.all())


@pytest.mark.parametrize(
    "period",
    [
        Period.month(2026, 5),
        Period.month(2026, 1),
        Period.year(2025),
        Period.year(2024),
        Period(date(2026, 2, 10), date(2026, 3, 20)),
    ],
)
def test_figures_from_the_period_rows_equal_those_from_every_record(office, period):
    everything = _everything(office)
    users = office.store.users.all()
    selections = [EVERYTHING, Selection(frozenset({"mbe"})), Selection(frozenset({"jmd", "fsa"}))]
    selections += [Selection(counsellors=frozenset({u.id})) for u in users[:3]]
    span = load_records(office.store, period.previous().start, period.end)
    for chosen in selections:
        for p in (period, period.previous()):
            assert compute(p, span, chosen, **ORDERS) == compute(p, everything, chosen, **ORDERS), (p, chosen)
    assert compute(period, span, EVERYTHING).consultations > 0


def test_the_loader_reads_no_more_than_the_span(office):
    period = Period.month(2026, 5)
    span = load_records(office.store, period.previous().start, period.end)
    assert len(span.clients) < office.store.clients.count()
    assert len(span.cases) < office.store.cases.count()
