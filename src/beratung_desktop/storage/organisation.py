"""Organisation side of the exchange: identity, accepted devices, imported packages and records.

Imported records are kept per (device, record type, record id, version) as canonical JSON; the
newest version of a record is the current one. Nothing is ever overwritten: a second, different
payload for the same key is stored as a conflict for review.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from .connection import Database
from .organisation_facts import forget_line


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
    replaces: str | None = None  # the device this one succeeds (a re-enrolled laptop)
    replaced_by: str | None = None


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


# (record type, record id, version, line of the record in the package's document, deleted)
ImportedRow = tuple[str, str, int, int, bool]
# Turns a stored package document into its record texts by line; the format belongs to
# exchange/package.py, which the services pass in.
Decoder = Callable[[bytes], list[str]]


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


ORGANISATION_TABLES = (
    "org_identity",
    "org_devices",
    "org_packages",
    "org_package_data",
    "org_records",
    "org_conflicts",
)


# -- identity and devices --------------------------------------------------------------------------


def load_identity(db: Database) -> OrganisationIdentity | None:
    rows = db.query(
        "SELECT organisation_id, name, age_identity, signing_key, allow_full_export, created_at "
        "FROM org_identity WHERE id = 1"
    )
    if not rows:
        return None
    r = rows[0]
    return OrganisationIdentity(r[0], r[1], r[2], bytes(r[3]), bool(r[4]), r[5])


def save_identity(db: Database, identity: OrganisationIdentity) -> None:
    db.execute(
        "INSERT INTO org_identity (id, organisation_id, name, age_identity, signing_key, "
        "allow_full_export, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
        (
            identity.organisation_id,
            identity.name,
            identity.age_identity,
            identity.signing_key,
            int(identity.allow_full_export),
            identity.created_at,
        ),
    )


_DEVICE = "device_id, office, public_key, enrolled_at, accepted_at, accepted_by, replaces, replaced_by"
# The number a device's records and export numbers are kept under: that of the first device of its line.
_LINE = "coalesce(lineage, number)"
_D_LINE = "coalesce(d.lineage, d.number)"


def _device(r: tuple) -> DeviceRecord:
    return DeviceRecord(r[0], r[1], bytes(r[2]), r[3], r[4], r[5], r[6], r[7])


def save_device(db: Database, device: DeviceRecord) -> None:
    db.execute(
        "INSERT INTO org_devices (device_id, office, public_key, enrolled_at, accepted_at, accepted_by) "
        "VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(device_id) DO UPDATE SET office = excluded.office, "
        "public_key = excluded.public_key, "
        "enrolled_at = excluded.enrolled_at, accepted_at = excluded.accepted_at, "
        "accepted_by = excluded.accepted_by",
        (
            device.device_id,
            device.office,
            device.public_key,
            device.enrolled_at,
            device.accepted_at,
            device.accepted_by,
        ),
    )


def add_successor(db: Database, device: DeviceRecord, predecessor_id: str) -> None:
    """Saves `device` as the successor of `predecessor_id`: same line, so its records and export
    numbers continue the predecessor's. Call inside a transaction."""
    save_device(db, device)
    db.execute(
        f"UPDATE org_devices SET lineage = (SELECT {_LINE} FROM org_devices WHERE device_id = ?1), replaces = ?1 "
        "WHERE device_id = ?2",
        (predecessor_id, device.device_id),
    )
    db.execute("UPDATE org_devices SET replaced_by = ? WHERE device_id = ?", (device.device_id, predecessor_id))


def _line_of(device_id: str) -> str:
    return f"(SELECT {_LINE} FROM org_devices WHERE device_id = {device_id})"


def device(db: Database, device_id: str) -> DeviceRecord | None:
    rows = db.query(f"SELECT {_DEVICE} FROM org_devices WHERE device_id = ?", (device_id,))
    return _device(rows[0]) if rows else None


def devices(db: Database, *, current_only: bool = False) -> list[DeviceRecord]:
    """All accepted devices, or only those no successor replaced."""
    condition = "WHERE replaced_by IS NULL" if current_only else ""
    return [_device(r) for r in db.query(f"SELECT {_DEVICE} FROM org_devices {condition} ORDER BY office, device_id")]


# -- packages --------------------------------------------------------------------------------------

_PACKAGE = (
    "package_id, sha256, device_id, office, sequence, scope, schema_version, period_from, period_to, "
    "counts, status, received_at, file_name, inserted"
)


def _package(r: tuple) -> PackageRecord:
    return PackageRecord(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], json.loads(r[9]), r[10], r[11], r[12], r[13]
    )


def packages_with_id(db: Database, device_id: str, package_id: str) -> list[PackageRecord]:
    """The packages one device delivered under this id (ids are only unique per device)."""
    rows = db.query(
        f"SELECT {_PACKAGE} FROM org_packages WHERE device_id = ? AND package_id = ?", (device_id, package_id)
    )
    return [_package(r) for r in rows]


def add_package(db: Database, p: PackageRecord) -> int:
    """Logs a package; returns its number for the records it brings."""
    return db.execute(
        f"INSERT INTO org_packages ({_PACKAGE}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            p.package_id,
            p.sha256,
            p.device_id,
            p.office,
            p.sequence,
            p.scope,
            p.schema_version,
            p.period_from,
            p.period_to,
            json.dumps(p.counts, sort_keys=True),
            p.status,
            p.received_at,
            p.file_name,
            p.inserted,
        ),
    ).lastrowid


def packages(db: Database, device_id: str | None = None) -> list[PackageRecord]:
    if device_id is None:
        rows = db.query(f"SELECT {_PACKAGE} FROM org_packages ORDER BY received_at, id")
    else:
        rows = db.query(f"SELECT {_PACKAGE} FROM org_packages WHERE device_id = ? ORDER BY sequence, id", (device_id,))
    return [_package(r) for r in rows]


def line_packages(db: Database, device_id: str) -> list[PackageRecord]:
    """The packages of a device and of every device of its line (predecessors and successors)."""
    rows = db.query(
        f"SELECT {', '.join('p.' + c.strip() for c in _PACKAGE.split(','))} FROM org_packages p "
        f"JOIN org_devices d ON d.device_id = p.device_id WHERE {_D_LINE} = {_line_of('?')} "
        "ORDER BY p.sequence, p.id",
        (device_id,),
    )
    return [_package(r) for r in rows]


def imported_sequences(db: Database, device_id: str) -> list[int]:
    """Export numbers imported from a device's line: a re-enrolled laptop continues its numbers."""
    return [
        r[0]
        for r in db.query(
            "SELECT DISTINCT p.sequence FROM org_packages p JOIN org_devices d ON d.device_id = p.device_id "
            f"WHERE {_D_LINE} = {_line_of('?')} AND p.status = 'imported' ORDER BY p.sequence",
            (device_id,),
        )
    ]


# -- records ---------------------------------------------------------------------------------------


def insert_records(
    db: Database,
    device_id: str,
    package: int,
    package_id: str,
    rows: list[ImportedRow],
    document: bytes,
    decode: Decoder,
    found_at: str,
) -> tuple[int, int]:
    """Adds the records of one package (`package` = its org_packages id, `document` = its compressed
    record texts); record versions already present are skipped, and listed as conflicts when their text
    differs (the stored one stays). Returns (inserted, conflicts). Call inside the import transaction."""
    # Records are kept under the device's line, so a successor sending a record again adds nothing.
    device = int(db.query(f"SELECT {_LINE} FROM org_devices WHERE device_id = ?", (device_id,))[0][0])
    db.execute("INSERT INTO org_package_data (package, document) VALUES (?, ?)", (package, document))
    # Rows come in key order (the exporter sorts them), so the index grows in one place. Device and
    # package are the same for every row: written into the statement as integers.
    before = _total_changes(db)
    db.executemany(
        "INSERT OR IGNORE INTO org_records (record_type, device, record_id, version, package, line, "
        f"deleted) VALUES (?1, {int(device)}, ?2, ?3, {int(package)}, ?4, ?5)",
        rows,
    )
    inserted = _total_changes(db) - before
    if inserted == len(rows):
        return inserted, 0
    return inserted, _record_conflicts(db, device_id, device, package, package_id, rows, document, decode, found_at)


def set_inserted(db: Database, package: int, inserted: int) -> None:
    db.execute("UPDATE org_packages SET inserted = ? WHERE id = ?", (inserted, package))


def _total_changes(db: Database) -> int:
    return int(db.query("SELECT total_changes()")[0][0])


def _record_conflicts(
    db: Database,
    device_id: str,
    device: int,
    package: int,
    package_id: str,
    rows: list[ImportedRow],
    document: bytes,
    decode: Decoder,
    found_at: str,
) -> int:
    """Records of this package whose key was stored before with another text, listed for review."""
    db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS incoming (record_type TEXT, record_id TEXT, version INTEGER, line INTEGER)"
    )
    db.execute("DELETE FROM incoming")
    db.executemany("INSERT INTO incoming VALUES (?, ?, ?, ?)", [row[:4] for row in rows])
    clashes = db.query(
        "SELECT r.record_type, r.record_id, r.version, i.line, r.package, r.line, p.package_id FROM incoming i "
        "JOIN org_records r ON r.record_type = i.record_type AND r.device = ? AND r.record_id = i.record_id "
        "AND r.version = i.version JOIN org_packages p ON p.id = r.package WHERE r.package != ?",
        (device, package),
    )
    db.execute("DELETE FROM incoming")
    if not clashes:
        return 0
    incoming = decode(document)
    documents = _Documents(db, decode)
    found = 0
    for record_type, record_id, version, line, kept, kept_line, kept_id in clashes:
        kept_text, other_text = documents.line(kept, kept_line), incoming[line]
        if kept_text != other_text:
            db.execute(
                "INSERT INTO org_conflicts (device_id, record_type, record_id, version, kept_package, "
                "other_package, kept_payload, other_payload, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (device_id, record_type, record_id, version, kept_id, package_id, kept_text, other_text, found_at),
            )
            found += 1
    return found


class _Documents:
    """Record texts out of stored package documents, each document decoded once."""

    def __init__(self, db: Database, decode: Decoder):
        self.db, self.decode = db, decode
        self._cache: dict[int, list[str]] = {}

    def line(self, package: int, line: int) -> str:
        if package not in self._cache:
            self._cache.clear()  # callers go package by package; keep one in memory
            rows = self.db.query("SELECT document FROM org_package_data WHERE package = ?", (package,))
            self._cache[package] = self.decode(bytes(rows[0][0]))
        return self._cache[package][line]


def current_records(db: Database, record_type: str, decode: Decoder) -> list[tuple[str, str, dict]]:
    """(device id, office, record) of the newest version of each record, tombstones included."""
    return current_records_of(db, (record_type,), decode)[record_type]


def current_records_of(
    db: Database, record_types: tuple[str, ...], decode: Decoder
) -> dict[str, list[tuple[str, str, dict]]]:
    """current_records for several types, reading each package document once."""
    keys: list[tuple] = []
    for record_type in record_types:
        # SQLite takes the bare columns of an aggregate query from the row holding max().
        keys += db.query(
            "SELECT r.record_type, d.device_id, d.office, max(r.version), r.package, r.line "
            f"FROM org_records r JOIN org_devices d ON {_D_LINE} = r.device AND d.replaced_by IS NULL "
            "WHERE r.record_type = ? "
            "GROUP BY r.device, r.record_id",
            (record_type,),
        )
    keys.sort(key=lambda k: (k[4], k[5]))
    documents = _Documents(db, decode)
    found: dict[str, list[tuple[str, str, dict]]] = {t: [] for t in record_types}
    for record_type, device_id, office, _version, package, line in keys:
        found[record_type].append((device_id, office, json.loads(documents.line(package, line))))
    return found


def conflicts(db: Database, open_only: bool = True) -> list[ConflictRecord]:
    condition = "WHERE resolved_at IS NULL" if open_only else ""
    rows = db.query(
        "SELECT id, device_id, record_type, record_id, version, kept_package, other_package, "
        f"kept_payload, other_payload, found_at FROM org_conflicts {condition} ORDER BY id"
    )
    return [ConflictRecord(*r) for r in rows]


def table_counts(db: Database) -> dict[str, int]:
    return {t: int(db.query(f"SELECT count(*) FROM {t}")[0][0]) for t in ORGANISATION_TABLES}


# -- erasure ---------------------------------------------------------------------------------------

# Record types that belong to one client, and the field naming it; goals belong to it through a case.
_CLIENT_FIELD = {"clients": "id", "cases": "client_id", "consultations": "client_id", "appointments": "client_id"}
_CLIENT_FIELD["consents"] = "client_id"
ERASED_LINE = "{}"
Encoder = Callable[[list[str]], bytes]


def erase_client_records(db: Database, device_id: str, client_ids: set[str], decode: Decoder, encode: Encoder) -> int:
    """Removes every stored version of the given clients' records of one device: their key rows, their
    lines in the kept package documents (replaced by an empty record) and conflicts about them.
    Returns the record versions removed. Call inside the import transaction."""
    device = int(db.query(f"SELECT {_LINE} FROM org_devices WHERE device_id = ?", (device_id,))[0][0])
    rows = db.query(
        "SELECT record_type, record_id, package, line FROM org_records WHERE device = ? AND record_type IN "
        "('clients', 'cases', 'consultations', 'appointments', 'consents', 'agreement_goals') ORDER BY package, line",
        (device,),
    )
    documents = _Documents(db, decode)
    texts = {(package, line): documents.line(package, line) for _type, _id, package, line in rows}
    doomed: set[tuple[str, str]] = set()
    cases: set[str] = set()
    for record_type, record_id, package, line in rows:
        record = json.loads(texts[(package, line)])
        owner = record_id if record_type == "clients" else record.get(_CLIENT_FIELD.get(record_type, ""), "")
        if owner in client_ids:
            doomed.add((record_type, record_id))
            if record_type == "cases":
                cases.add(record_id)
    for record_type, record_id, package, line in rows:
        if record_type == "agreement_goals" and json.loads(texts[(package, line)]).get("case_id") in cases:
            doomed.add((record_type, record_id))
    places: dict[int, list[int]] = {}
    for record_type, record_id, package, line in rows:
        if (record_type, record_id) in doomed:
            places.setdefault(package, []).append(line)
    for package, lines in places.items():
        document = decode(bytes(db.query("SELECT document FROM org_package_data WHERE package = ?", (package,))[0][0]))
        for line in lines:
            document[line] = ERASED_LINE
        db.execute("UPDATE org_package_data SET document = ? WHERE package = ?", (encode(document), package))
    for record_type, record_id in doomed:
        db.execute(
            "DELETE FROM org_records WHERE record_type = ? AND device = ? AND record_id = ?",
            (record_type, device, record_id),
        )
        db.execute(  # conflicts of every device of the line (a re-enrolled laptop)
            "DELETE FROM org_conflicts WHERE record_type = ? AND record_id = ? AND device_id IN "
            f"(SELECT device_id FROM org_devices WHERE {_LINE} = ?)",
            (record_type, record_id, device),
        )
    forget_line(db, device)  # the summary facts are folded in again from the rewritten documents
    return sum(len(lines) for lines in places.values())


def erased_client_ids(db: Database, device_id: str, decode: Decoder) -> set[str]:
    """The client ids of every erasure a device has sent."""
    rows = db.query(
        f"SELECT r.package, r.line FROM org_records r WHERE r.device = {_line_of('?')} "
        "AND r.record_type = 'erasures' AND r.deleted = 0 ORDER BY r.package, r.line",
        (device_id,),
    )
    documents = _Documents(db, decode)
    return {json.loads(documents.line(package, line))["client_id"] for package, line in rows}


class OrganisationData:
    """The organisation's identity, devices, packages and imported records: `Store.organisation`."""

    def __init__(self, db: Database):
        self._db = db

    def load_identity(self) -> OrganisationIdentity | None:
        return load_identity(self._db)

    def save_identity(self, identity: OrganisationIdentity) -> None:
        return save_identity(self._db, identity)

    def save_device(self, device: DeviceRecord) -> None:
        return save_device(self._db, device)

    def add_successor(self, device: DeviceRecord, predecessor_id: str) -> None:
        return add_successor(self._db, device, predecessor_id)

    def device(self, device_id: str) -> DeviceRecord | None:
        return device(self._db, device_id)

    def devices(self, *, current_only: bool = False) -> list[DeviceRecord]:
        return devices(self._db, current_only=current_only)

    def packages_with_id(self, device_id: str, package_id: str) -> list[PackageRecord]:
        return packages_with_id(self._db, device_id, package_id)

    def add_package(self, p: PackageRecord) -> int:
        return add_package(self._db, p)

    def packages(self, device_id: str | None = None) -> list[PackageRecord]:
        return packages(self._db, device_id)

    def line_packages(self, device_id: str) -> list[PackageRecord]:
        return line_packages(self._db, device_id)

    def imported_sequences(self, device_id: str) -> list[int]:
        return imported_sequences(self._db, device_id)

    def insert_records(
        self,
        device_id: str,
        package: int,
        package_id: str,
        rows: list[ImportedRow],
        document: bytes,
        decode: Decoder,
        found_at: str,
    ) -> tuple[int, int]:
        return insert_records(self._db, device_id, package, package_id, rows, document, decode, found_at)

    def set_inserted(self, package: int, inserted: int) -> None:
        return set_inserted(self._db, package, inserted)

    def current_records(self, record_type: str, decode: Decoder) -> list[tuple[str, str, dict]]:
        return current_records(self._db, record_type, decode)

    def current_records_of(
        self, record_types: tuple[str, ...], decode: Decoder
    ) -> dict[str, list[tuple[str, str, dict]]]:
        return current_records_of(self._db, record_types, decode)

    def conflicts(self, open_only: bool = True) -> list[ConflictRecord]:
        return conflicts(self._db, open_only)

    def table_counts(self) -> dict[str, int]:
        return table_counts(self._db)

    def erase_client_records(self, device_id: str, client_ids: set[str], decode: Decoder, encode: Encoder) -> int:
        return erase_client_records(self._db, device_id, client_ids, decode, encode)

    def erased_client_ids(self, device_id: str, decode: Decoder) -> set[str]:
        return erased_client_ids(self._db, device_id, decode)
