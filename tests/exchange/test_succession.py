"""A laptop enrolled again succeeds its old device: export numbers continue, nothing counts twice (11.5)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from beratung_desktop.domain.statistics import Period
from beratung_desktop.exchange.enrollment import Enrollment
from beratung_desktop.exchange.keys import new_signing_key
from beratung_desktop.services import accounts, exchange, organisation, organisation_report
from beratung_desktop.services.organisation import SuccessionNotSigned, UnknownPredecessor
from beratung_desktop.storage.keyslots import TEST_KDF
from tests import factories
from tests.cli.test_exchange_commands import run
from tests.conftest import PASSWORD
from tests.storage import raw_access

from .conftest import World, fill_office
from .hostile import snapshot

MARCH = Period.month(2024, 3)


def _reenroll(world: World, name: str = "again") -> Path:
    file = world.tmp / f"{name}.bdenroll"
    exchange.write_enrollment(world.office, world.org_key, "Office A", file, replace=True)
    return file


def test_reenrolled_laptop_continues_numbers_and_counts_nothing_twice(world: World):
    fill_office(world.office)
    world.export()
    first = world.import_()
    old = exchange.device(world.office).device_id
    assert organisation_report.summary(world.org, MARCH).current.consultations == 3

    accepted = organisation.accept_device(world.org, _reenroll(world))  # no flag: the old key signed it
    assert accepted.replaces == old and accepted.device_id != old
    world.export()  # no receipt yet, so it repeats every record under the new device
    [again] = organisation.import_packages(
        world.org, world.outbox / raw_access.exports(world.office.store)[-1].file_name
    )
    assert first[0].status == again.status == "imported"
    assert again.manifest.sequence == 2 and again.missing_sequences == []
    assert again.inserted == 0 and again.conflicts == 0

    factories.add_client(world.office, given_name="Neu")
    world.export()
    [third] = organisation.import_packages(
        world.org, world.outbox / raw_access.exports(world.office.store)[-1].file_name
    )
    assert third.inserted == 1 and third.missing_sequences == []

    view = organisation.overview(world.org)
    [row] = view.devices
    assert row.device.device_id == accepted.device_id and row.device.replaces == old
    assert row.packages == 3 and row.last_sequence == 3 and row.missing_sequences == []
    march = organisation_report.summary(world.org, MARCH).current
    assert march.consultations == 3 and march.clients_counselled == 3


def test_receipts_for_the_old_devices_packages_still_count(world: World):
    world.export()
    [outcome] = world.import_()
    organisation.accept_device(world.org, _reenroll(world))
    [read] = exchange.import_receipts(world.office, outcome.receipt_path)
    assert read.error is None and read.newly_delivered


def test_a_succession_the_old_key_did_not_sign_is_refused_unless_it_names_it(world: World):
    old = organisation.devices(world.org)[0]
    private, public = new_signing_key()
    own = organisation.identity(world.org)
    claim = Enrollment("laptop-new", "Office A", own.organisation_id, public, "2026-11-23T10:00:00+00:00")
    other_private, _ = new_signing_key()
    forged = claim.succeeding(old.device_id, other_private)
    file = world.tmp / "forged.bdenroll"
    file.write_bytes(forged.to_bytes(private))
    before = snapshot(world)
    with pytest.raises(SuccessionNotSigned):
        organisation.accept_device(world.org, file)
    unsigned = replace(claim, replaces=old.device_id, succession=b"")
    file.write_bytes(unsigned.to_bytes(private))
    with pytest.raises(SuccessionNotSigned):
        organisation.accept_device(world.org, file)
    assert snapshot(world) == before
    accepted = organisation.accept_device(world.org, file, replaces=old.device_id)  # IT vouches for it
    assert accepted.replaces == old.device_id
    assert [d.device.device_id for d in organisation.overview(world.org).devices] == ["laptop-new"]


def test_it_names_the_predecessor_when_the_old_store_is_lost(world: World, tmp_path: Path):
    factories.add_client(world.office)
    world.export()
    world.import_()
    old = exchange.device(world.office).device_id
    fresh, _ = accounts.create_store(tmp_path / "reinstalled", "anna", PASSWORD, kdf=TEST_KDF)
    file = tmp_path / "fresh.bdenroll"
    exchange.write_enrollment(fresh, world.org_key, "Office A", file)
    with pytest.raises(UnknownPredecessor):
        organisation.accept_device(world.org, file, replaces="no-such-device")
    assert organisation.accept_device(world.org, file, replaces=old).replaces == old
    factories.add_client(fresh)
    exchange.export(fresh, world.outbox)
    exchange.export(fresh, world.outbox)
    outcomes = world.import_()
    assert {o.status for o in outcomes} == {"duplicate", "imported"}
    [row] = organisation.overview(world.org).devices
    assert row.missing_sequences == [] and row.packages == 3
    fresh.close()


def test_cli_accepts_a_succession_and_says_so(world: World, monkeypatch, capsys):
    file = _reenroll(world)
    org_args = ("--data-dir", str(world.org.store.folder), "--user", "ida", "--password-stdin")
    code, out, err = run(monkeypatch, capsys, *org_args, "org", "accept-device", str(file))
    assert code == 0, err
    assert "replaces device" in out


def test_an_erasure_sent_by_the_successor_reaches_the_old_devices_records(world: World):
    from beratung_desktop.services import privacy

    client = factories.add_client(world.office, family_name="Weg")
    factories.add_consultation(world.office, factories.add_case(world.office, client))
    world.export()
    world.import_()
    organisation.accept_device(world.org, _reenroll(world))
    before = organisation.current_records_of(world.org, "consultations")["consultations"]
    assert len(before) == 1
    privacy.erase_client(world.office, client.id, "client_request", client.client_number)
    world.export()
    assert world.import_()[-1].status == "imported"
    found = organisation.current_records_of(world.org, "clients", "consultations", "erasures")
    assert len(found["erasures"]) == 1
    assert before[0][2]["id"] not in {r["id"] for _d, _o, r in found["consultations"]}
