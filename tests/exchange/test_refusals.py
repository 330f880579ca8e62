"""Packages the organisation must refuse or set aside, gaps, conflicts and the overview."""

from __future__ import annotations

import errno
from datetime import timedelta

import pytest

from beratung_desktop.domain.record import utc_now
from beratung_desktop.exchange import package
from beratung_desktop.services import exchange, organisation
from beratung_desktop.storage import atomic_file
from beratung_desktop.storage.errors import DiskFull
from tests import factories
from tests.conftest import PASSWORD
from tests.storage.raw_access import exports, overwrite, row_counts

from .conftest import World, enroll, fill_office, make_org


def test_unknown_device_is_refused(world: World, tmp_path):
    from beratung_desktop.services import accounts
    from beratung_desktop.storage.keyslots import TEST_KDF

    other, _ = accounts.create_store(tmp_path / "other-office", "olga", PASSWORD, kdf=TEST_KDF)
    exchange.enroll(other, world.org_key, "Not accepted")  # enrolled, but the file never reached IT
    factories.add_client(other)
    result = exchange.export(other, world.outbox)
    before = world.org_counts()
    [outcome] = world.import_(result.path)
    assert outcome.status == "refused"
    assert "has not accepted" in str(outcome.error)
    assert world.org_counts() == before
    other.close()


def test_package_for_another_organisation_is_refused(world: World, tmp_path):
    other_org, other_key = make_org(tmp_path / "other-org")
    # The laptop now belongs to another organisation.
    enroll(world.office, other_org, other_key, tmp_path, "Office A", replace=True)
    result = world.export()
    before = world.org_counts()
    [outcome] = world.import_(result.path)
    assert outcome.status == "refused" and "another organisation" in str(outcome.error)
    assert world.org_counts() == before
    other_org.close()


def test_foreign_file_is_refused(world: World):
    path = world.outbox / f"notes{package.SUFFIX}"
    path.write_bytes(b"hello, this is not a package")
    [outcome] = world.import_()
    assert outcome.status == "refused" and "not an export package" in str(outcome.error)


def test_sequence_gap_is_reported(world: World):
    fill_office(world.office)
    first = world.export()
    world.export()
    third = world.export()
    second_path = world.outbox / exports(world.office.store)[1].file_name
    second_path.rename(world.tmp / second_path.name)  # lost on the way
    outcomes = world.import_()
    sequences = [o.manifest.sequence for o in outcomes if o.manifest]
    assert sequences == [first.entry.sequence, third.entry.sequence]
    assert outcomes[-1].missing_sequences == [(2, 2)]
    view = organisation.overview(world.org)
    assert view.devices[0].missing_sequences == [(2, 2)]
    world.import_(world.tmp / second_path.name)
    assert organisation.overview(world.org).devices[0].missing_sequences == []


def test_conflicting_versions_are_both_kept_and_listed(world: World):
    client = factories.add_client(world.office, gender="female")
    world.export()
    world.import_()
    # The laptop was restored from a backup and the record edited again: same version, other content.
    overwrite(world.office.store, "clients", client.id, "gender", "male")
    world.export()
    outcomes = world.import_()
    assert outcomes[-1].conflicts == 1
    [conflict] = organisation.conflicts(world.org)
    assert conflict.record_type == "clients" and conflict.version == 1
    assert '"gender":"female"' in conflict.kept_payload and '"gender":"male"' in conflict.other_payload
    current = [r for _d, _o, r in organisation.current_records(world.org, "clients")]
    assert [r["gender"] for r in current] == ["female"]  # never silently overwritten
    assert organisation.overview(world.org).open_conflicts == 1


def test_same_package_id_with_other_content_is_quarantined(world: World):
    factories.add_client(world.office)
    result = world.export()
    world.import_()
    identity = exchange.device(world.office)
    m = package.parse(result.path.read_bytes(), "").manifest
    forged = package.Manifest(**{**m.__dict__, "counts": {}})
    data = package.build(forged, {}, world.org_key.age_recipient, identity.signing_key)
    path = world.tmp / f"again{package.SUFFIX}"
    path.write_bytes(data)
    records_before = row_counts(world.org.store, ["org_records"])
    [outcome] = world.import_(path)
    assert outcome.status == "quarantined"
    assert row_counts(world.org.store, ["org_records"]) == records_before
    assert organisation.overview(world.org).quarantined == 1
    assert list((world.org.store.folder / organisation.QUARANTINE_FOLDER).iterdir())


def test_full_stick_leaves_no_package_and_no_log_entry(world: World, monkeypatch: pytest.MonkeyPatch):
    factories.add_client(world.office)
    real_fdopen = atomic_file.os.fdopen

    class FullFile:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            self.f.write(data[:100])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "fdopen", lambda fd, mode: FullFile(real_fdopen(fd, mode)))
    with pytest.raises(DiskFull):
        world.export()
    monkeypatch.undo()
    assert list(world.outbox.iterdir()) == []
    assert exports(world.office.store) == []
    assert world.export().entry.sequence == 1


def test_overview_marks_silent_offices_overdue(world: World):
    world.export()
    world.import_()
    view = organisation.overview(world.org, overdue_days=30)
    assert view.overdue_offices == []
    later = organisation.overview(world.org, overdue_days=30, now=utc_now() + timedelta(days=31))
    assert later.overdue_offices == ["Office A"]
    assert later.devices[0].last_sequence == 1
