"""Export on the office side, import on the organisation side: what arrives, and what does not."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from beratung_desktop.domain.record import utc_now
from beratung_desktop.exchange import package, pseudonymise
from beratung_desktop.exchange.records import RECORD_TYPES, record_to_dict
from beratung_desktop.services import exchange, organisation
from beratung_desktop.services.exchange import FullExportNotAllowed
from tests import factories
from tests.storage.raw_access import backdate

from .conftest import World, enroll, fill_office, make_org

PERSONAL = (
    "Testa",
    "Beispiel",
    "Geloescht",
    "0170",
    "example.org",
    "Musterweg",
    "vertraulich",
    "Gesprächsnotiz",
    "1990-05-17",
    "Anna A.",
)


def _source(world: World, scope: str) -> dict[str, dict[str, dict]]:
    secret = exchange.device(world.office).pseudonym_secret
    expected: dict[str, dict[str, dict]] = {}
    for record_type in RECORD_TYPES:
        rows = [
            record_to_dict(r)
            for r in getattr(world.office.store, exchange._REPOSITORIES[record_type]).all(include_deleted=True)
        ]
        if scope == "statistics":
            rows = [pseudonymise.statistics_view(record_type, r, secret) for r in rows]
        expected[record_type] = {r["id"]: r for r in rows}
    return expected


def _arrived(world: World) -> dict[str, dict[str, dict]]:
    return {t: {r["id"]: r for _d, _o, r in organisation.current_records(world.org, t)} for t in RECORD_TYPES}


def _decrypted(world: World, path: Path) -> dict[str, list[dict]]:
    parsed = package.parse(path.read_bytes(), str(path))
    return package.open_records(parsed, organisation.identity(world.org).age_identity, str(path))


def test_statistics_round_trip_equals_source(world: World):
    fill_office(world.office)
    result = world.export()
    [outcome] = world.import_()
    assert outcome.status == "imported", outcome.error
    assert outcome.inserted == result.total > 0
    assert _arrived(world) == _source(world, "statistics")


def test_statistics_package_holds_no_personal_data(world: World):
    fill_office(world.office)
    result = world.export()
    records = _decrypted(world, result.path)
    raw_ids = {c.id for c in world.office.store.clients.all(include_deleted=True)}
    text = json.dumps(records, ensure_ascii=False)
    for word in PERSONAL:
        assert word not in text
    assert not any(i in text for i in raw_ids)
    for record_type, rows in records.items():
        for row in rows:
            assert set(row) <= pseudonymise.ALLOWED_FIELDS[record_type] | pseudonymise.COMMON_FIELDS
    clients = [r for r in records["clients"] if not r["deleted"]]
    assert {r["birth_year"] for r in clients} == {1990}
    assert len(records["clients"]) == 4 and sum(r["deleted"] for r in records["clients"]) == 1
    # The manifest is readable without the key and names no client.
    manifest_text = result.path.read_bytes()[:600]
    assert b"Testa" not in manifest_text


def test_full_round_trip_when_the_organisation_allows_it(session, tmp_path):
    org, key = make_org(tmp_path / "org-full", allow_full_export=True)
    enroll(session, org, key, tmp_path)
    fill_office(session)
    outbox = tmp_path / "out"
    outbox.mkdir()
    world = World(session, org, key, outbox, tmp_path)
    world.export(scope="full", machine_allows_full=True)
    [outcome] = world.import_()
    assert outcome.status == "imported", outcome.error
    assert _arrived(world) == _source(world, "full")
    org.close()


def test_full_export_refused_without_permission(world: World):
    with pytest.raises(FullExportNotAllowed):
        world.export(scope="full", machine_allows_full=True)
    assert list(world.outbox.iterdir()) == []


def test_double_import_inserts_nothing_and_says_so(world: World):
    fill_office(world.office)
    world.export()
    [first] = world.import_()
    before = world.org_counts()
    [second] = world.import_()
    assert first.status == "imported" and first.inserted > 0
    assert second.status == "duplicate" and second.inserted == 0
    assert world.org_counts() == before


def test_next_export_holds_only_changes_after_the_delivered_one(world: World):
    fill_office(world.office)
    earlier = (utc_now() - timedelta(hours=1)).isoformat()
    backdate(world.office.store, exchange._REPOSITORIES, earlier)
    first = world.export()
    world.import_(receipts_to=world.tmp / "receipts")
    exchange.import_receipts(world.office, world.tmp / "receipts")
    new = factories.add_client(world.office, given_name="Neu", family_name="Kundin")
    second = world.export()
    assert second.entry.period_from == first.entry.period_to
    ids = {r["id"] for r in _decrypted(world, second.path).get("clients", [])}
    assert ids == {pseudonymise.pseudonym(exchange.device(world.office).pseudonym_secret, new.id)}


def test_undelivered_exports_are_repeated_and_import_idempotently(world: World):
    fill_office(world.office)
    first = world.export()
    second = world.export()
    assert second.entry.period_from is None and second.total == first.total
    outcomes = world.import_()
    assert [o.status for o in outcomes] == ["imported", "imported"]
    assert outcomes[1].inserted == 0 and outcomes[1].conflicts == 0


def test_older_schema_imports_newer_is_refused(world: World):
    from beratung_desktop.storage.migrations import LATEST

    identity = exchange.device(world.office)
    key = world.org_key
    for schema, expected in ((LATEST - 1, "imported"), (LATEST + 1, "refused")):
        manifest = package.Manifest(
            package_id=f"p-{schema}",
            organisation_id=key.organisation_id,
            office=identity.office,
            device_id=identity.device_id,
            sequence=schema,
            period_from=None,
            period_to="2024-04-01T00:00:00",
            scope="statistics",
            schema_version=schema,
            counts={},
            created_at="2024-04-01T00:00:00",
        )
        path = world.tmp / f"schema-{schema}{package.SUFFIX}"
        path.write_bytes(package.build(manifest, {}, key.age_recipient, identity.signing_key))
        [outcome] = world.import_(path)
        assert outcome.status == expected
    assert "Update the organisation's installation" in outcome.error.message


def test_pseudonyms_are_stable_per_office_and_differ_between_offices(world: World, tmp_path):
    from beratung_desktop.services import accounts
    from beratung_desktop.storage.keyslots import TEST_KDF
    from tests.conftest import PASSWORD

    client = factories.add_client(world.office)
    first = _decrypted(world, world.export().path)["clients"][0]["id"]
    again = _decrypted(world, world.export().path)["clients"][0]["id"]
    assert first == again == pseudonymise.pseudonym(exchange.device(world.office).pseudonym_secret, client.id)
    other, _ = accounts.create_store(tmp_path / "other", "olga", PASSWORD, kdf=TEST_KDF)
    exchange.enroll(other, world.org_key, "Office B")
    assert pseudonymise.pseudonym(exchange.device(other).pseudonym_secret, client.id) != first
    other.close()
