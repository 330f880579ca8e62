"""Imported statistics records become domain records with the coarsened values."""

from __future__ import annotations

from datetime import date, datetime

from beratung_desktop.exchange import imported_records
from beratung_desktop.services import organisation

from .conftest import World, fill_office


def test_statistics_records_back_to_domain(world: World):
    fill_office(world.office)
    world.export()
    world.import_()
    rows = organisation.current_records(world.org, "clients")
    clients = [imported_records.client(d, r) for d, _o, r in rows if not r["deleted"]]
    assert len(clients) == 3
    assert {c.birth_year for c in clients} == {1990} and all(c.birth_date is None for c in clients)
    assert {c.arrival_date for c in clients} == {date(2016, 2, 1)}
    assert all(c.given_name == "" and c.phone == "" for c in clients)
    consultations = [imported_records.consultation(d, r)
                     for d, _o, r in organisation.current_records(world.org, "consultations")]
    assert sorted(c.start for c in consultations) == [datetime(2024, 3, d) for d in (5, 6, 7)]
    client_ids = {c.id for c in clients}
    assert {c.client_id for c in consultations} == client_ids
    cases = [imported_records.case(d, r) for d, _o, r in organisation.current_records(world.org, "cases")]
    assert {c.id for c in cases} == {c.case_id for c in consultations}
    assert {c.opened for c in cases} == {date(2024, 1, 10), date(2024, 1, 11), date(2024, 1, 12)}
