"""An erasure travels with the next export; the organisation's import erases its copy and audits it."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from beratung_desktop.domain.statistics import Period, as_dict
from beratung_desktop.services import organisation, organisation_report, privacy
from beratung_desktop.services.session import Session
from tests import factories
from tests.storage.plaintext_pages import occurrences
from tests.storage.raw_access import database_file, org_record_ids

from .conftest import World, enroll, make_org

MARKER = "Qarnivorux"


def _world(session: Session, tmp_path, *, full: bool) -> World:
    org, key = make_org(tmp_path / "org", allow_full_export=full)
    enroll(session, org, key, tmp_path)
    outbox = tmp_path / "stick"
    outbox.mkdir()
    return World(session, org, key, outbox, tmp_path)


def _client_records(world: World) -> dict[str, list[dict]]:
    found = organisation.current_records_of(world.org, "clients", "cases", "consultations", "consents", "erasures")
    return {t: [r for _d, _o, r in rows] for t, rows in found.items()}


@pytest.mark.parametrize("scope", ["full", "statistics"])
def test_the_organisation_keeps_only_the_skeleton(session: Session, tmp_path, scope: str) -> None:
    world = _world(session, tmp_path, full=scope == "full")
    client = factories.add_client(session, family_name=MARKER, notes=f"{MARKER} notes")
    case = factories.add_case(session, client, opened=date(2024, 1, 10))
    factories.add_consultation(session, case, start=datetime(2024, 3, 5, 10), notes=f"{MARKER} consultation")
    factories.add_consultation(session, case, start=datetime(2024, 3, 12, 10))
    kept = factories.add_client(session, family_name="Bleibt")
    factories.add_consultation(session, factories.add_case(session, kept), start=datetime(2024, 3, 6, 9))
    world.export(scope=scope, machine_allows_full=True)
    world.import_()
    before = _client_records(world)
    figures_before = as_dict(organisation_report.summary(world.org, Period.month(2024, 3)).current)

    privacy.erase_client(session, client.id, "client_request", client.client_number)
    world.export(scope=scope, machine_allows_full=True)
    outcomes = world.import_()

    assert [o.status for o in outcomes][-1] == "imported"
    after = _client_records(world)
    assert len(after["erasures"]) == 1
    # One client (the skeleton) replaces the erased one; nothing else of the erased client remains.
    assert len(after["clients"]) == len(before["clients"])
    gone = {r["id"] for r in before["clients"]} - {r["id"] for r in after["clients"]}
    assert len(gone) == 1
    (old_id,) = gone
    assert after["erasures"][0]["client_id"] == old_id
    for record_type in ("cases", "consultations", "consents"):
        assert all(r.get("client_id") != old_id for r in after[record_type])
    assert len(after["consultations"]) == len(before["consultations"])
    if scope == "full":
        skeleton = next(r for r in after["clients"] if r["erased"])
        assert skeleton["family_name"] == "" and skeleton["notes"] == ""
        assert old_id not in org_record_ids(world.org.store)
        found = occurrences(*database_file(world.org.store), [MARKER.encode()])
        assert found == {MARKER.encode(): 0}
    assert as_dict(organisation_report.summary(world.org, Period.month(2024, 3)).current) == figures_before
    entry = next(e for e in world.org.store.audit.recent(5) if e.action == "erase")
    assert "1 erased clients" in entry.detail and MARKER not in entry.detail
    assert world.org.store.audit.verify() == []
    # Importing the same package again changes nothing.
    assert [o.status for o in world.import_()][-1] == "duplicate"
    world.org.close()


def test_an_older_package_arriving_late_does_not_bring_the_client_back(session: Session, tmp_path) -> None:
    world = _world(session, tmp_path, full=True)
    client = factories.add_client(session, family_name=MARKER)
    factories.add_consultation(session, factories.add_case(session, client), start=datetime(2024, 3, 5, 10))
    first = world.export(scope="full", machine_allows_full=True)
    late = world.tmp / "late"
    late.mkdir()
    first.path.rename(late / first.path.name)
    # The erasure's package may go out only after the first was delivered: here it is exported after it.

    session.store.exchange_log.mark_delivered(first.entry.package_id, first.entry.created_at, "imported")
    privacy.erase_client(session, client.id, "client_request", client.client_number)
    world.export(scope="full", machine_allows_full=True)
    world.import_()
    world.import_(late)
    records = _client_records(world)
    assert [r["family_name"] for r in records["clients"]] == [""]
    assert all(json.dumps(r).find(MARKER) < 0 for rows in records.values() for r in rows)
    world.org.close()
