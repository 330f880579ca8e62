"""Office side of the exchange: this laptop's device identity and the log of its exports."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .connection import Database


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str
    office: str
    signing_key: bytes  # Ed25519 private key; it never leaves the encrypted store
    public_key: bytes
    pseudonym_secret: bytes
    organisation: str  # the organisation's key file as JSON
    enrolled_at: str


@dataclass(frozen=True)
class ExportEntry:
    sequence: int
    package_id: str
    file_name: str
    sha256: str
    scope: str
    period_from: str | None
    period_to: str
    counts: dict[str, int]
    created_at: str
    delivered_at: str | None = None
    receipt_status: str | None = None


_DEVICE_COLUMNS = "device_id, office, signing_key, public_key, pseudonym_secret, organisation, enrolled_at"
_EXPORT_COLUMNS = (
    "sequence, package_id, file_name, sha256, scope, period_from, period_to, counts, "
    "created_at, delivered_at, receipt_status"
)


def load_device(db: Database) -> DeviceIdentity | None:
    rows = db.query(f"SELECT {_DEVICE_COLUMNS} FROM exchange_device WHERE id = 1")
    if not rows:
        return None
    r = rows[0]
    return DeviceIdentity(r[0], r[1], bytes(r[2]), bytes(r[3]), bytes(r[4]), r[5], r[6])


def save_device(db: Database, device: DeviceIdentity) -> None:
    """Stores the device identity, replacing an earlier one (re-enrollment)."""
    with db.transaction():
        db.execute("DELETE FROM exchange_device")
        db.execute(
            f"INSERT INTO exchange_device (id, {_DEVICE_COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            (
                device.device_id,
                device.office,
                device.signing_key,
                device.public_key,
                device.pseudonym_secret,
                device.organisation,
                device.enrolled_at,
            ),
        )


def set_organisation(db: Database, organisation: str) -> None:
    db.execute("UPDATE exchange_device SET organisation = ? WHERE id = 1", (organisation,))


def _entry(row: tuple) -> ExportEntry:
    return ExportEntry(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], json.loads(row[7]), row[8], row[9], row[10]
    )


def next_sequence(db: Database) -> int:
    return int(db.query("SELECT coalesce(max(sequence), 0) + 1 FROM export_log")[0][0])


def add_export(db: Database, entry: ExportEntry) -> None:
    db.execute(
        f"INSERT INTO export_log ({_EXPORT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.sequence,
            entry.package_id,
            entry.file_name,
            entry.sha256,
            entry.scope,
            entry.period_from,
            entry.period_to,
            json.dumps(entry.counts, sort_keys=True),
            entry.created_at,
            entry.delivered_at,
            entry.receipt_status,
        ),
    )


def exports(db: Database) -> list[ExportEntry]:
    return [_entry(r) for r in db.query(f"SELECT {_EXPORT_COLUMNS} FROM export_log ORDER BY sequence")]


def export_by_package(db: Database, package_id: str) -> ExportEntry | None:
    rows = db.query(f"SELECT {_EXPORT_COLUMNS} FROM export_log WHERE package_id = ?", (package_id,))
    return _entry(rows[0]) if rows else None


def last_export(db: Database) -> ExportEntry | None:
    rows = db.query(f"SELECT {_EXPORT_COLUMNS} FROM export_log ORDER BY sequence DESC LIMIT 1")
    return _entry(rows[0]) if rows else None


def last_delivered(db: Database, scope: str | None = None) -> ExportEntry | None:
    """The newest export the organisation confirmed (of one scope, if given); later exports start from
    its end."""
    condition, params = ("AND scope = ?", (scope,)) if scope else ("", ())
    rows = db.query(
        f"SELECT {_EXPORT_COLUMNS} FROM export_log WHERE delivered_at IS NOT NULL {condition} "
        "ORDER BY sequence DESC LIMIT 1",
        params,
    )
    return _entry(rows[0]) if rows else None


def mark_delivered(db: Database, package_id: str, delivered_at: str, status: str) -> bool:
    """Records a receipt; returns False when it was recorded before."""
    cursor = db.execute(
        "UPDATE export_log SET delivered_at = ?, receipt_status = ? WHERE package_id = ? AND delivered_at IS NULL",
        (delivered_at, status, package_id),
    )
    return cursor.rowcount == 1


class ExchangeLog:
    """The office's device identity and export log: `Store.exchange_log`."""

    def __init__(self, db: Database):
        self._db = db

    def load_device(self) -> DeviceIdentity | None:
        return load_device(self._db)

    def save_device(self, device: DeviceIdentity) -> None:
        return save_device(self._db, device)

    def set_organisation(self, organisation: str) -> None:
        return set_organisation(self._db, organisation)

    def next_sequence(self) -> int:
        return next_sequence(self._db)

    def add_export(self, entry: ExportEntry) -> None:
        return add_export(self._db, entry)

    def exports(self) -> list[ExportEntry]:
        return exports(self._db)

    def export_by_package(self, package_id: str) -> ExportEntry | None:
        return export_by_package(self._db, package_id)

    def last_export(self) -> ExportEntry | None:
        return last_export(self._db)

    def last_delivered(self, scope: str | None = None) -> ExportEntry | None:
        return last_delivered(self._db, scope)

    def mark_delivered(self, package_id: str, delivered_at: str, status: str) -> bool:
        return mark_delivered(self._db, package_id, delivered_at, status)
