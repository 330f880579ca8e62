"""The figures counted in SQL equal those the domain computes in Python from every record."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from beratung_desktop.domain.catalogues import FORMS, TOPICS
from beratung_desktop.domain.statistics import EVERYTHING, Period, Records, Selection, compute, figures_of
from beratung_desktop.services import demo
from beratung_desktop.storage.statistics_queries import period_counts

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


@pytest.fixture(scope="module")
def everything(office) -> Records:
    store = office.store
    return Records.of(store.clients.all(), store.cases.all(), store.consultations.all(), store.activities.all())


def _selections(office) -> list[Selection]:
    users = office.store.users.all()
    chosen = [EVERYTHING, Selection(frozenset({"mbe"})), Selection(frozenset({"jmd", "fsa"}))]
    chosen += [Selection(counsellors=frozenset({u.id})) for u in users[:3]]
    chosen.append(Selection(frozenset({"mbe", "jmd"}), frozenset(u.id for u in users[:2])))
    return chosen


@pytest.mark.parametrize(
    "period",
    [
        Period.month(2026, 5),
        Period.month(2026, 4),
        Period.month(2026, 1),
        Period.month(2025, 11),
        Period.month(2024, 2),
        Period.year(2025),
        Period.year(2024),
        Period(date(2026, 2, 10), date(2026, 3, 20)),
    ],
)
def test_sql_counts_give_the_figures_computed_from_every_record(office, everything, period):
    for chosen in _selections(office):
        with office.store.reading():
            counted = figures_of(period, period_counts(office.store, period, chosen), **ORDERS)
        reference = compute(period, everything, chosen, **ORDERS)
        assert asdict(counted) == asdict(reference), (period, chosen)
        # Same order of every breakdown too (the PDF and spreadsheets list them in this order).
        for name, value in vars(reference).items():
            if isinstance(value, dict) and name != "country_counts":  # that one is looked up, never listed
                assert list(getattr(counted, name)) == list(value), (period, chosen, name)


def test_every_breakdown_is_exercised(office, everything):
    """The demo month has something in each breakdown, so the comparison above covers them all."""
    f = compute(Period.month(2026, 5), everything, EVERYTHING, **ORDERS)
    assert f.consultations and f.group_sessions and f.interpreter_consultations and f.household_members
    assert f.clients_new and f.clients_continuing and f.case_management_clients and f.cases_closed
    assert f.cases_opened and f.activities and len(f.topics) > 3 and len(f.age_groups) > 3
    assert len(f.countries) > 3 and len(f.arrival) > 1 and len(f.genders) > 1
