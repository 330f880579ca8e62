"""An organisation store and an enrolled, accepted office store for exchange tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from beratung_desktop.exchange.keys import OrganisationKey
from beratung_desktop.services import exchange, organisation
from beratung_desktop.services.session import Session
from beratung_desktop.storage.keyslots import TEST_KDF
from tests import factories
from tests.conftest import PASSWORD
from tests.storage.raw_access import row_counts


@dataclass
class World:
    office: Session
    org: Session
    org_key: OrganisationKey
    outbox: Path  # the "USB stick"
    tmp: Path

    def export(self, **kwargs) -> exchange.ExportResult:
        return exchange.export(self.office, self.outbox, **kwargs)

    def import_(self, path: Path | None = None, **kwargs) -> list[organisation.ImportOutcome]:
        return organisation.import_packages(self.org, path or self.outbox, **kwargs)

    def org_counts(self) -> dict[str, int]:
        tables = ("org_devices", "org_packages", "org_package_data", "org_records", "org_conflicts", "audit_log")
        return row_counts(self.org.store, tables)


def make_org(folder: Path, *, allow_full_export: bool = False) -> tuple[Session, OrganisationKey]:
    session, _recovery, key = organisation.init(
        folder, "ida", PASSWORD, "Träger Test e.V.", allow_full_export=allow_full_export, kdf=TEST_KDF
    )
    return session, key


def enroll(
    office: Session, org: Session, org_key: OrganisationKey, tmp: Path, name: str = "Office A", *, replace: bool = False
) -> None:
    file = tmp / f"{name}.bdenroll"
    exchange.write_enrollment(office, org_key, name, file, replace=replace)
    organisation.accept_device(org, file)


def fill_office(office: Session) -> None:
    """A few invented clients with cases, consultations and one deleted client."""
    for i in range(3):
        c = factories.add_client(
            office,
            given_name=f"Testa{i}",
            family_name="Beispiel",
            phone="0170 123456",
            email=f"t{i}@example.org",
            address="Musterweg 1",
            notes="vertraulich",
        )
        case = factories.add_case(office, c, opened=date(2024, 1, 10 + i))
        factories.add_consultation(office, case, start=datetime(2024, 3, 5 + i, 10, 0), notes="Gesprächsnotiz")
    gone = factories.add_client(office, given_name="Geloescht", family_name="Person")
    office.store.clients.delete(gone.id)


@pytest.fixture
def world(session: Session, tmp_path: Path) -> Iterator[World]:
    org, key = make_org(tmp_path / "org")
    enroll(session, org, key, tmp_path)
    outbox = tmp_path / "stick"
    outbox.mkdir()
    yield World(session, org, key, outbox, tmp_path)
    org.close()
