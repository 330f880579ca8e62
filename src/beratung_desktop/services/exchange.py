"""Office side of the exchange: enrolling this laptop, exporting packages, reading receipts."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from .. import __version__
from ..config import SettingsStore
from ..domain.record import utc_now
from ..errors import AppError
from ..exchange import package, pseudonymise
from ..exchange.enrollment import SUFFIX as ENROLLMENT_SUFFIX
from ..exchange.enrollment import Enrollment
from ..exchange.errors import BadReceipt
from ..exchange.keys import OrganisationKey, new_signing_key
from ..exchange.receipt import SUFFIX as RECEIPT_SUFFIX
from ..exchange.receipt import Receipt
from ..exchange.records import RECORD_TYPES, record_to_dict
from ..i18n import N_, _
from ..storage.atomic_file import staged_file, write_atomic
from ..storage.exchange_log import DeviceIdentity, ExportEntry
from ..storage.migrations import LATEST
from .session import Session

Progress = Callable[[int, int], None]  # (steps done, steps in total)


class NotEnrolled(AppError):
    message = N_("This laptop is not enrolled with the organisation yet. Ask IT to run 'device enroll'.")


class AlreadyEnrolled(AppError):
    message = N_("This laptop is already enrolled as device {device}; use --replace to enroll it again.")


class FullExportNotAllowed(AppError):
    message = N_("The organisation does not allow exports with full records; export statistics instead.")


class ExportRaced(AppError):
    message = N_("Another export ran at the same time; nothing was written. Export again.")


class UnknownScope(AppError):
    message = N_("Unknown export scope {scope}; use statistics or full.")


class ExportFolderMissing(AppError):
    message = N_("The export folder {path} does not exist. Connect the stick or choose another folder.")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    entry: ExportEntry

    @property
    def total(self) -> int:
        return sum(self.entry.counts.values())


SCOPE_LABELS = {"statistics": N_("pseudonymised statistics"), "full": N_("full records")}


def describe_export(result: ExportResult) -> str:
    """The one sentence the CLI and the GUI show after an export."""
    return _("Export {sequence} written to {path}: {count} records ({scope}).").format(
        sequence=result.entry.sequence,
        path=result.path,
        count=result.total,
        scope=_(SCOPE_LABELS.get(result.entry.scope, result.entry.scope)),
    )


@dataclass(frozen=True)
class ReceiptOutcome:
    path: Path
    receipt: Receipt | None
    newly_delivered: bool
    error: AppError | None = None


@dataclass(frozen=True)
class ExchangeStatus:
    enrolled: bool
    device_id: str
    organisation: str
    last_export: ExportEntry | None
    last_delivered: ExportEntry | None
    undelivered: int
    export_due: bool


# -- enrollment ------------------------------------------------------------------------------------


def device(session: Session) -> DeviceIdentity:
    found = session.store.exchange_log.load_device()
    if found is None:
        raise NotEnrolled()
    return found


def organisation_key(session: Session) -> OrganisationKey:
    return OrganisationKey.from_json(json.loads(device(session).organisation))


def enroll(
    session: Session, org_key: OrganisationKey, office: str, *, replace: bool = False, now: datetime | None = None
) -> tuple[Enrollment, bytes]:
    """Creates this laptop's signing key and pseudonym secret; returns the enrollment and its file bytes."""
    session.require_role("admin")
    existing = session.store.exchange_log.load_device()
    if existing is not None and not replace:
        raise AlreadyEnrolled(device=existing.device_id)
    private, public = new_signing_key()
    when = (now or utc_now()).isoformat()
    identity = DeviceIdentity(
        device_id=str(uuid.uuid4()),
        office=office.strip() or session.store.meta("office_name") or "office",
        signing_key=private,
        public_key=public,
        # A re-enrolled laptop keeps its pseudonyms, so the organisation's statistics stay continuous.
        pseudonym_secret=existing.pseudonym_secret if existing else pseudonymise.new_secret(),
        organisation=json.dumps(org_key.to_json()),
        enrolled_at=when,
    )
    enrollment = Enrollment(identity.device_id, identity.office, org_key.organisation_id, public, when)
    if existing is not None and _organisation_id(existing) == org_key.organisation_id:
        # The old key signs over to the new one, so the organisation continues the old device's
        # export numbers and records under the new device (nothing counted twice, no false gap).
        enrollment = enrollment.succeeding(existing.device_id, existing.signing_key)
    detail = f"device {identity.device_id} for {org_key.name}"
    with session.store.transaction():
        session.store.exchange_log.save_device(identity)
        session.audit("enroll", detail=detail + (f", replaces {enrollment.replaces}" if enrollment.replaces else ""))
    return enrollment, enrollment.to_bytes(private)


def _organisation_id(identity: DeviceIdentity) -> str:
    return str(json.loads(identity.organisation).get("organisation_id", ""))


def write_enrollment(
    session: Session, org_key: OrganisationKey, office: str, out: Path, *, replace: bool = False
) -> Enrollment:
    enrollment, data = enroll(session, org_key, office, replace=replace)
    write_atomic(Path(out), data)
    return enrollment


def enroll_with_machine_key(session: Session, key_file: Path, folder: Path) -> tuple[Enrollment, Path] | None:
    """The organisation key IT rolled out with the installer (ORGKEY): the first administrator's sign-in
    enrols the laptop by itself and leaves the enrollment file in `folder` for IT to accept.
    None when there is nothing to do (no key file set, already enrolled, not an administrator)."""
    if session.user.role != "admin" or session.store.exchange_log.load_device() is not None:
        return None
    org_key = OrganisationKey.load(key_file)
    enrollment, data = enroll(session, org_key, "")
    out = folder / f"enrollment-{enrollment.device_id[:8]}{ENROLLMENT_SUFFIX}"
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(out, data)
    return enrollment, out


# -- export ----------------------------------------------------------------------------------------


def full_export_allowed(session: Session, machine_allows: bool) -> bool:
    """Full records need both the organisation's key file and the machine settings to allow them."""
    return machine_allows and organisation_key(session).allow_full_export


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:40] or "office"


def _changed_since(session: Session, record_type: str, since: str | None) -> list:
    repository = getattr(session.store, _REPOSITORIES[record_type])
    if since is None:
        return repository.all(include_deleted=True)
    # One second of overlap: records saved in the very second of the last export are sent again,
    # which the organisation recognises as identical.
    overlap = (datetime.fromisoformat(since) - timedelta(seconds=1)).isoformat()
    return list(repository.changed_since(overlap))


_REPOSITORIES = {
    "users": "users",
    "partners": "partners",
    "clients": "clients",
    "cases": "cases",
    "consultations": "consultations",
    "agreement_goals": "goals",
    "appointments": "appointments",
    "consents": "consents",
    "activities": "activities",
    "erasures": "erasures",
    "referrals": "referrals",
    "short_contacts": "short_contacts",
    "groups": "groups",
    "group_members": "group_members",
    "group_sessions": "group_sessions",
}


def collect(session: Session, scope: str, since: str | None, progress: Progress | None = None) -> dict[str, list[dict]]:
    """The records changed since `since` in the form the scope allows."""
    identity = device(session)
    records: dict[str, list[dict]] = {}
    for step, record_type in enumerate(RECORD_TYPES):
        rows = [record_to_dict(r) for r in _changed_since(session, record_type, since)]
        if scope == "statistics":
            rows = [pseudonymise.statistics_view(record_type, row, identity.pseudonym_secret) for row in rows]
        if rows:
            records[record_type] = rows
        if progress:
            progress(step + 1, len(RECORD_TYPES) + 2)
    return records


def export(
    session: Session,
    folder: Path,
    *,
    scope: str = "statistics",
    machine_allows_full: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ExportResult:
    """Writes one package with everything changed since the last delivered export into `folder`."""
    if scope not in package.SCOPES:
        raise UnknownScope(scope=scope)
    identity = device(session)
    org_key = organisation_key(session)
    if scope == "full" and not full_export_allowed(session, machine_allows_full):
        raise FullExportNotAllowed()
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportFolderMissing(path=str(folder))
    log = session.store.exchange_log
    # Each scope continues from its own last delivered export: a first full export after statistics
    # exports must carry everything, not only the latest changes.
    delivered = log.last_delivered(scope)
    since = delivered.period_to if delivered else None
    until = (now or utc_now()).isoformat()
    with session.store.reading():  # the export runs in a worker; the window thread's reads do not wait for it
        records = collect(session, scope, since, progress)
    sequence = log.next_sequence()
    package_id = str(uuid.uuid4())
    manifest = package.Manifest(
        package_id=package_id,
        organisation_id=org_key.organisation_id,
        office=identity.office,
        device_id=identity.device_id,
        sequence=sequence,
        period_from=since,
        period_to=until,
        scope=scope,
        schema_version=LATEST,
        counts={k: len(v) for k, v in records.items()},
        created_at=until,
        app_version=__version__,
    )
    data = package.build(manifest, records, org_key.age_recipient, identity.signing_key)
    if progress:
        progress(len(RECORD_TYPES) + 1, len(RECORD_TYPES) + 2)
    name = f"{_slug(identity.office)}-{sequence:06d}-{package_id[:8]}{package.SUFFIX}"
    entry = ExportEntry(
        sequence=sequence,
        package_id=package_id,
        file_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        scope=scope,
        period_from=since,
        period_to=until,
        counts=manifest.counts,
        created_at=until,
    )
    # The slow write to the stick happens outside the database lock, so the window stays responsive;
    # the log entry and the rename into place then commit together. A pulled or full stick leaves
    # neither a log entry nor a partial file.
    with staged_file(folder / name, data) as publish, session.store.transaction():
        if log.next_sequence() != sequence:
            raise ExportRaced()
        log.add_export(entry)
        session.audit("export", detail=f"{name} ({scope}, {sum(manifest.counts.values())} records)")
        publish()
    if progress:
        progress(len(RECORD_TYPES) + 2, len(RECORD_TYPES) + 2)
    return ExportResult(folder / name, entry)


# -- receipts and status ---------------------------------------------------------------------------


def _receipt_files(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == RECEIPT_SUFFIX and p.is_file())
    return [path]


def read_receipt(session: Session, path: Path) -> ReceiptOutcome:
    org_key = organisation_key(session)
    try:
        receipt = Receipt.from_bytes(Path(path).read_bytes(), org_key.receipt_key, str(path))
        entry = session.store.exchange_log.export_by_package(receipt.package_id)
        # Not the device id: a receipt for a package of this laptop's earlier enrollment still counts;
        # the package's hash in our own export log binds the receipt to this laptop.
        if receipt.organisation_id != org_key.organisation_id or entry is None or entry.sha256 != receipt.sha256:
            raise BadReceipt(path=str(path))
    except BadReceipt as exc:
        return ReceiptOutcome(Path(path), None, False, exc)
    fresh = False
    if receipt.delivered:
        fresh = session.store.exchange_log.mark_delivered(receipt.package_id, receipt.received_at, receipt.status)
        if fresh:
            session.audit("receipt", detail=f"package {receipt.sequence} delivered {receipt.received_at}")
    return ReceiptOutcome(Path(path), receipt, fresh)


def import_receipts(session: Session, path: Path) -> list[ReceiptOutcome]:
    """Reads one receipt file or all receipts in a folder; bad files are reported, not fatal."""
    files = _receipt_files(path)
    if not files or not files[0].exists():
        raise BadReceipt(path=str(path))
    return [read_receipt(session, f) for f in files]


def status(session: Session, reminder_days: int, now: datetime | None = None) -> ExchangeStatus:
    identity = session.store.exchange_log.load_device()
    if identity is None:
        return ExchangeStatus(False, "", "", None, None, 0, False)
    log = session.store.exchange_log
    last = log.last_export()
    undelivered = sum(1 for e in log.exports() if e.delivered_at is None)
    now = now or utc_now()
    due = reminder_days > 0 and (
        last is None or now - datetime.fromisoformat(last.created_at) >= timedelta(days=reminder_days)
    )
    org_name = OrganisationKey.from_json(json.loads(identity.organisation)).name
    return ExchangeStatus(True, identity.device_id, org_name, last, log.last_delivered(), undelivered, due)


def machine_allows_full(settings_store: SettingsStore) -> bool:
    """Only IT can allow full exports on a laptop: the value must come from the machine settings file."""
    return "allow_full_export" in settings_store.locked() and settings_store.load().allow_full_export
