"""Imported statistics records become the facts of the summary, and the organisation's summary over
several offices adds up their figures."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from beratung_desktop.domain.statistics import Period
from beratung_desktop.exchange import imported_records
from beratung_desktop.services import accounts, exchange, organisation, organisation_report
from beratung_desktop.storage.keyslots import TEST_KDF
from tests import factories
from tests.conftest import PASSWORD

from .conftest import World, enroll, fill_office


def test_statistics_records_back_to_facts(world: World):
    fill_office(world.office)
    world.export()
    world.import_()
    rows = organisation.current_records(world.org, "clients")
    clients = [imported_records.client(d, r) for d, _o, r in rows if not r["deleted"]]
    assert len(clients) == 3
    assert {c.birth_year for c in clients} == {1990} and all(c.birth_date is None for c in clients)
    assert {c.arrival_date for c in clients} == {date(2016, 2, 1)}
    consultations = [
        imported_records.consultation(d, r) for d, _o, r in organisation.current_records(world.org, "consultations")
    ]
    assert sorted(c.day for c in consultations) == [date(2024, 3, d) for d in (5, 6, 7)]
    assert {c.client_id for c in consultations} == {c.id for c in clients}
    cases = [imported_records.case(d, r) for d, _o, r in organisation.current_records(world.org, "cases")]
    assert {c.id for c in cases} == {c.case_id for c in consultations}
    assert {c.opened for c in cases} == {date(2024, 1, 10), date(2024, 1, 11), date(2024, 1, 12)}


def test_organisation_summary_adds_up_offices(world: World, tmp_path: Path):
    fill_office(world.office)  # three clients counselled in March 2024
    second, _ = accounts.create_store(tmp_path / "second", "bert", PASSWORD, kdf=TEST_KDF)
    enroll(second, world.org, world.org_key, tmp_path, "Office B")
    client = factories.add_client(second, gender="male", birth_date=date(2000, 1, 1))
    case = factories.add_case(second, client, service="jmd", opened=date(2024, 3, 1))
    factories.add_consultation(second, case, start=datetime(2024, 3, 20, 9, 0), minutes=60)
    world.export()
    exchange.export(second, world.outbox)
    assert {o.status for o in world.import_()} == {"imported"}

    march = organisation_report.summary(world.org, Period.month(2024, 3))
    assert march.current.consultations == 4 and march.current.clients_counselled == 4
    assert march.current.minutes_total == 3 * 45 + 60
    assert march.current.genders == {"female": 3, "male": 1}
    assert march.current.cases_opened == 1 and march.previous.consultations == 0
    only_b = organisation_report.summary(world.org, Period.month(2024, 3), offices=["Office B"])
    assert only_b.current.consultations == 1
    pdf = organisation_report.summary_file(world.org, Period.month(2024, 3), "pdf", "de")
    assert pdf.startswith(b"%PDF")
    second.close()
