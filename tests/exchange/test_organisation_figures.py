"""The organisation's summary counted in SQL over the summary facts equals the figures the domain
computes in Python from the newest imported version of every record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import date

import pytest

from beratung_desktop.domain.catalogues import FORMS, TOPICS
from beratung_desktop.domain.statistics import EVERYTHING, Period, Records, Selection, compute
from beratung_desktop.exchange import imported_records
from beratung_desktop.services import accounts, demo, exchange, organisation, organisation_report
from beratung_desktop.services.session import Session
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSWORD

from .conftest import enroll, make_org

TODAY = date(2026, 6, 15)
ORDERS = {"form_order": FORMS.codes(), "topic_order": TOPICS.codes()}


@pytest.fixture(scope="module")
def org(tmp_path_factory) -> Iterator[Session]:
    """Two demo offices of different sizes and seeds; one exports statistics, the other everything."""
    tmp = tmp_path_factory.mktemp("org")
    org, key = make_org(tmp / "org", allow_full_export=True)
    for name, clients, seed, scope in (("Office A", 90, 7, "statistics"), ("Office B", 60, 11, "full")):
        office, _ = accounts.create_store(tmp / name, "anna", PASSWORD, office_name=name, kdf=TEST_KDF, demo=True)
        demo.generate(office, clients, seed=seed, today=TODAY, kdf=TEST_KDF)
        enroll(office, org, key, tmp, name)
        for n in (1, 2):
            stick = tmp / f"stick-{name}-{n}"
            stick.mkdir()
            exchange.export(office, stick, scope=scope, machine_allows_full=True)
            assert {o.status for o in organisation.import_packages(org, stick)} == {"imported"}
            if n == 1:
                assert organisation_report.fold_new_packages(org) == 0  # the import wrote the facts
                _change(office)  # newer versions and tombstones in the second package
        office.close()
    yield org
    org.close()


def _change(office: Session) -> None:
    store = office.store
    for consultation in store.consultations.between(date(2026, 5, 1), date(2026, 5, 31))[:5]:
        store.consultations.delete(consultation.id)
    for client in store.clients.all()[:5]:
        client.country_of_origin = "IS"
        store.clients.update(client)
    for case in store.cases.all()[:5]:
        if case.closed is None:
            case.closed, case.close_reason = date(2026, 5, 20), "goals_achieved"
            store.cases.update(case)


def _python_records(session: Session, offices: frozenset[str]) -> Records:
    """What the organisation's summary computed before it counted in SQL: every current record decoded."""
    found = organisation.current_records_of(session, "clients", "cases", "consultations", "activities")

    def live(record_type: str):
        for device_id, office, row in found[record_type]:
            if not row["deleted"] and (not offices or office in offices):
                yield device_id, row

    return Records(
        clients={c.id: c for c in (imported_records.client(d, r) for d, r in live("clients"))},
        cases={c.id: c for c in (imported_records.case(d, r) for d, r in live("cases"))},
        consultations=[imported_records.consultation(d, r) for d, r in live("consultations")],
        activities=[imported_records.activity(d, r) for d, r in live("activities")],
    )


@pytest.mark.parametrize(
    "period",
    [Period.month(2026, 5), Period.month(2026, 2), Period.month(2025, 10), Period.year(2025)],
)
def test_org_figures_in_sql_equal_those_computed_in_python(org, period):
    services = [EVERYTHING, Selection(frozenset({"mbe"})), Selection(frozenset({"jmd", "fsa"}))]
    for offices in (frozenset(), frozenset({"Office B"})):
        records = _python_records(org, offices)
        for chosen in services:
            counted = organisation_report.summary(org, period, chosen, offices)
            for figures, p in ((counted.current, period), (counted.previous, period.previous())):
                reference = compute(p, records, chosen, **ORDERS)
                # The network figures come from records of their own (tests/exchange/test_network_exchange.py).
                reference.network = figures.network
                assert asdict(figures) == asdict(reference), (p, chosen, offices)
                for name, value in vars(reference).items():
                    if isinstance(value, dict) and name != "country_counts":
                        assert list(getattr(figures, name)) == list(value), (p, chosen, name)
    assert organisation_report.summary(org, period).current.consultations > 0


def test_packages_are_folded_once(org):
    figures = organisation_report.summary(org, Period.month(2026, 5)).current
    assert figures.clients_counselled > 0 and figures.countries.get("IS")
    assert organisation_report.fold_new_packages(org) == 0
