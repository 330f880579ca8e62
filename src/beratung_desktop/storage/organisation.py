"""Organisation side of the exchange: identity, accepted devices, imported packages and records.

Imported records are kept per (device, record type, record id, version) as canonical JSON; the
newest version of a record is the current one. Nothing is ever overwritten: a second, different
payload for the same key is stored as a conflict for review.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from .connection import Database


@dataclass(frozen=True)
class OrganisationIdentity:
    organisation_id: str
    name: str
    age_identity: str  # the X25519 secret packages are encrypted to
    signing_key: bytes  # Ed25519 private key for receipts
    allow_full_export: bool
    created_at: str


@dataclass(frozen=True)
class DeviceRecord:
    device_id: str
    office: str
    public_key: bytes
    enrolled_at: str
    accepted_at: str
    accepted_by: str


@dataclass(frozen=True)
class PackageRecord:
    package_id: str
    sha256: str
    device_id: str
    office: str
    sequence: int
    scope: str
    schema_version: int
    period_from: str | None
    period_to: str
    counts: dict[str, int]
    status: str
    received_at: str
    file_name: str
    inserted: int = 0


@dataclass(frozen=True)
class ImportedRow:
    record_type: str
    record_id: str
    version: int
    updated_at: str
    deleted: bool
    payload: str  # canonical JSON


@dataclass(frozen=True)
class ConflictRecord:
    id: int
    device_id: str
    record_type: str
    record_id: str
    version: int
    kept_package: str
    other_package: str
    kept_payload: str
    other_payload: str
    found_at: str


ORGANISATION_TABLES = ("org_identity", "org_devices", "org_packages", "org_records", "org_conflicts")


# -- identity and devices --------------------------------------------------------------------------

def load_identity(db: Database) -> OrganisationIdentity | None:
    rows = db.query("SELECT organisation_id, name, age_identity, signing_key, allow_full_export, created_at "
                    "FROM org_identity WHERE id = 1")
    if not rows:
        return None
    r = rows[0]
    return OrganisationIdentity(r[0], r[1], r[2], bytes(r[3]), bool(r[4]), r[5])


def save_identity(db: Database, identity: OrganisationIdentity) -> None:
    db.execute("INSERT INTO org_identity (id, organisation_id, name, age_identity, signing_key, "
               "allow_full_export, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
               (identity.organisation_id, identity.name, identity.age_identity, identity.signing_key,
                int(identity.allow_full_export), identity.created_at))


_DEVICE = "device_id, office, public_key, enrolled_at, accepted_at, accepted_by"


def _device(r: tuple) -> DeviceRecord:
    return DeviceRecord(r[0], r[1], bytes(r[2]), r[3], r[4], r[5])


def save_device(db: Database, device: DeviceRecord) -> None:
    db.execute(f"INSERT INTO org_devices ({_DEVICE}) VALUES (?, ?, ?, ?, ?, ?) "
               "ON CONFLICT(device_id) DO UPDATE SET office = excluded.office, "
               "public_key = excluded.public_key, "
               "enrolled_at = excluded.enrolled_at, accepted_at = excluded.accepted_at, "
               "accepted_by = excluded.accepted_by",
               (device.device_id, device.office, device.public_key, device.enrolled_at, device.accepted_at,
                device.accepted_by))


def device(db: Database, device_id: str) -> DeviceRecord | None:
    rows = db.query(f"SELECT {_DEVICE} FROM org_devices WHERE device_id = ?", (device_id,))
    return _device(rows[0]) if rows else None


def devices(db: Database) -> list[DeviceRecord]:
    return [_device(r) for r in db.query(f"SELECT {_DEVICE} FROM org_devices ORDER BY office, device_id")]


# -- packages --------------------------------------------------------------------------------------

_PACKAGE = ("package_id, sha256, device_id, office, sequence, scope, schema_version, period_from, period_to, "
            "counts, status, received_at, file_name, inserted")


def _package(r: tuple) -> PackageRecord:
    return PackageRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], json.loads(r[9]), r[10], r[11],
                         r[12], r[13])


def packages_with_id(db: Database, package_id: str) -> list[PackageRecord]:
    return [_package(r) for r in db.query(f"SELECT {_PACKAGE} FROM org_packages WHERE package_id = ?",
                                          (package_id,))]


def add_package(db: Database, p: PackageRecord) -> None:
    db.execute(f"INSERT INTO org_packages ({_PACKAGE}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (p.package_id, p.sha256, p.device_id, p.office, p.sequence, p.scope, p.schema_version,
                p.period_from, p.period_to, json.dumps(p.counts, sort_keys=True), p.status, p.received_at,
                p.file_name, p.inserted))


def packages(db: Database, device_id: str | None = None) -> list[PackageRecord]:
    if device_id is None:
        rows = db.query(f"SELECT {_PACKAGE} FROM org_packages ORDER BY received_at, id")
    else:
        rows = db.query(f"SELECT {_PACKAGE} FROM org_packages WHERE device_id = ? ORDER BY sequence, id",
                        (device_id,))
    return [_package(r) for r in rows]


def imported_sequences(db: Database, device_id: str) -> list[int]:
    return [r[0] for r in db.query("SELECT DISTINCT sequence FROM org_packages WHERE device_id = ? "
                                   "AND status = 'imported' ORDER BY sequence", (device_id,))]


# -- records ---------------------------------------------------------------------------------------

def insert_records(db: Database, device_id: str, office: str, package_id: str, scope: str,
                   rows: list[ImportedRow], found_at: str) -> tuple[int, int]:
    """Adds the rows of one package; identical rows already present are skipped, differing ones become
    conflicts (the stored row stays). Returns (inserted, conflicts). Call inside the import transaction."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (record_type TEXT, record_id TEXT, version INTEGER, "
               "updated_at TEXT, deleted INTEGER, payload TEXT)")
    db.execute("DELETE FROM incoming")
    db.executemany("INSERT INTO incoming VALUES (?, ?, ?, ?, ?, ?)",
                   [(r.record_type, r.record_id, r.version, r.updated_at, int(r.deleted), r.payload)
                    for r in rows])
    conflicts = db.execute(
        "INSERT INTO org_conflicts (device_id, record_type, record_id, version, kept_package, other_package, "
        "kept_payload, other_payload, found_at) "
        "SELECT r.device_id, r.record_type, r.record_id, r.version, r.package_id, ?, r.payload, i.payload, ? "
        "FROM incoming i JOIN org_records r ON r.device_id = ? AND r.record_type = i.record_type "
        "AND r.record_id = i.record_id AND r.version = i.version WHERE r.payload != i.payload",
        (package_id, found_at, device_id)).rowcount
    inserted = db.execute(
        "INSERT OR IGNORE INTO org_records (device_id, record_type, record_id, version, office, package_id, "
        "scope, updated_at, deleted, payload) "
        "SELECT ?, record_type, record_id, version, ?, ?, ?, updated_at, deleted, payload FROM incoming",
        (device_id, office, package_id, scope)).rowcount
    db.execute("DELETE FROM incoming")
    return inserted, conflicts


def current_records(db: Database, record_type: str,
                    device_ids: Iterable[str] | None = None) -> list[tuple[str, str, dict]]:
    """(device, office, payload) of the newest version of each record, tombstones included."""
    # SQLite takes the bare columns of an aggregate query from the row holding max().
    sql = ("SELECT device_id, office, payload, max(version) FROM org_records WHERE record_type = ? "
           "GROUP BY device_id, record_id")
    chosen = set(device_ids) if device_ids is not None else None
    return [(r[0], r[1], json.loads(r[2])) for r in db.query(sql, (record_type,))
            if chosen is None or r[0] in chosen]


def conflicts(db: Database, open_only: bool = True) -> list[ConflictRecord]:
    condition = "WHERE resolved_at IS NULL" if open_only else ""
    rows = db.query("SELECT id, device_id, record_type, record_id, version, kept_package, other_package, "
                    f"kept_payload, other_payload, found_at FROM org_conflicts {condition} ORDER BY id")
    return [ConflictRecord(*r) for r in rows]


def table_counts(db: Database) -> dict[str, int]:
    return {t: int(db.query(f"SELECT count(*) FROM {t}")[0][0]) for t in ORGANISATION_TABLES}
