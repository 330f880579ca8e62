"""Organisation side of the exchange: its store and keys, accepting devices, importing packages.

The organisation store is a normal encrypted store in its own data folder, marked role=organisation
in meta; its age identity and receipt signing key live only inside it.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count, repeat
from pathlib import Path

from ..domain.display_text import displayable
from ..domain.record import utc_now
from ..errors import N_, AppError, error_text
from ..exchange import package
from ..exchange.enrollment import Enrollment
from ..exchange.errors import (
    ExchangeError,
    NewerSchema,
    NotAPackage,
    ScopeNotAllowed,
    SequenceOutOfRange,
    UnknownDevice,
    WrongOrganisation,
)
from ..exchange.keys import OrganisationKey, fingerprint, new_age_identity, new_signing_key, public_of, recipient_of
from ..exchange.receipt import Receipt
from ..i18n import _
from ..storage import organisation as org_store
from ..storage.atomic_file import write_atomic
from ..storage.keyslots import DEFAULT_KDF, KdfParams
from ..storage.migrations import LATEST
from ..storage.organisation import (
    DeviceRecord,
    ImportedRow,
    OrganisationData,
    OrganisationIdentity,
    PackageRecord,
)
from . import accounts, organisation_facts
from .session import Session

ROLE = "organisation"
QUARANTINE_FOLDER = "quarantine"
DEFAULT_OVERDUE_DAYS = 35
# Export numbers count a laptop's exports: a million is centuries of daily exports. A package
# claiming more is refused before anything is stored, so no gap report ever spans a huge range.
MAX_SEQUENCE = 1_000_000
Gap = tuple[int, int]  # first and last missing export number of one gap


class NotAnOrganisationStore(AppError):
    message = N_(
        "The data folder {path} holds an office store, not the organisation's store. "
        "Use --data-dir with the organisation's folder."
    )


class DeviceKeyChanged(AppError):
    message = N_(
        "Device {device} is already accepted with another key (fingerprint {old}, the file has {new}); "
        "nothing was changed. If the laptop was really enrolled again, accept it with --replace."
    )


class UnknownPredecessor(AppError):
    message = N_("Device {device} is not accepted here, so nothing can succeed it; nothing was changed.")


class AlreadyReplaced(AppError):
    message = N_("Device {device} was already replaced by device {successor}; nothing was changed.")


class SuccessionNotSigned(AppError):
    message = N_(
        "The enrollment file {path} says the laptop replaces device {device}, but that device's key did not "
        "sign it; nothing was changed. If you know the laptop replaces it, accept it with --replaces {device}."
    )


class DeviceOfOtherOrganisation(AppError):
    message = N_("The enrollment file {path} was made for another organisation; nothing was changed.")


@dataclass
class ImportOutcome:
    path: Path
    status: str  # imported, duplicate, quarantined or refused
    manifest: package.Manifest | None = None
    inserted: int = 0
    conflicts: int = 0
    missing_sequences: list[Gap] = field(default_factory=list)
    error: AppError | None = None
    receipt_path: Path | None = None
    receipt_error: AppError | None = None


@dataclass(frozen=True)
class DeviceOverview:
    device: DeviceRecord
    packages: int
    last_received: str | None
    last_sequence: int | None
    last_period_to: str | None
    missing_sequences: list[Gap]
    overdue: bool


@dataclass(frozen=True)
class Overview:
    organisation: str
    devices: list[DeviceOverview]
    open_conflicts: int
    quarantined: int

    @property
    def overdue_offices(self) -> list[str]:
        return sorted({d.device.office for d in self.devices if d.overdue})


# -- set-up ----------------------------------------------------------------------------------------


def init(
    folder: Path,
    user_name: str,
    password: str,
    name: str,
    *,
    allow_full_export: bool = False,
    kdf: KdfParams = DEFAULT_KDF,
) -> tuple[Session, str, OrganisationKey]:
    """Creates the organisation's store with its keys; returns session, recovery key and public key."""
    session, recovery_key = accounts.create_store(folder, user_name, password, office_name=name, kdf=kdf)
    age_identity, _recipient = new_age_identity()
    signing_key, _public = new_signing_key()
    identity = OrganisationIdentity(
        organisation_id=str(uuid.uuid4()),
        name=name,
        age_identity=age_identity,
        signing_key=signing_key,
        allow_full_export=allow_full_export,
        created_at=utc_now().isoformat(),
    )
    with session.store.transaction():
        session.store.set_meta("role", ROLE)
        session.store.organisation.save_identity(identity)
    session.audit("organisation", detail=f"organisation {name} created")
    return session, recovery_key, public_key(session)


def identity(session: Session) -> OrganisationIdentity:
    found = session.store.organisation.load_identity() if session.store.meta("role") == ROLE else None
    if found is None:
        raise NotAnOrganisationStore(path=str(session.store.folder))
    return found


def public_key(session: Session) -> OrganisationKey:
    own = identity(session)
    return OrganisationKey(
        own.organisation_id, own.name, recipient_of(own.age_identity), public_of(own.signing_key), own.allow_full_export
    )


def accept_device(session: Session, path: Path, *, replace: bool = False, replaces: str | None = None) -> Enrollment:
    """Trusts a laptop's signing key; returns the enrollment as accepted (`replaces` set when it
    succeeds an earlier device).

    A known device id with a different key is refused unless `replace`: device ids travel in clear
    text, so a crafted enrollment file could otherwise swap in its own key. A re-enrolled laptop
    succeeds the device it names when its old key signed the succession, or when IT names the
    predecessor (`replaces`, e.g. after the old store was lost): the successor continues the
    predecessor's export numbers and records, so nothing is counted twice and no gap appears."""
    session.require_role("admin")
    own = identity(session)
    org = session.store.organisation
    enrollment = Enrollment.from_bytes(Path(path).read_bytes(), str(path))
    if enrollment.organisation_id != own.organisation_id:
        raise DeviceOfOtherOrganisation(path=str(path))
    known = org.device(enrollment.device_id)
    if known is not None and known.public_key != enrollment.public_key and not replace:
        raise DeviceKeyChanged(
            device=enrollment.device_id, old=fingerprint(known.public_key), new=enrollment.fingerprint
        )
    predecessor = _predecessor(org, enrollment, replaces, str(path))
    record = DeviceRecord(
        enrollment.device_id,
        displayable(enrollment.office),
        enrollment.public_key,
        enrollment.created_at,
        utc_now().isoformat(),
        session.actor,
    )
    with session.store.transaction():
        if predecessor is None:
            org.save_device(record)
        else:
            org.add_successor(record, predecessor.device_id)
        detail = f"device {enrollment.device_id} of {record.office}"
        session.audit("accept-device", detail=detail + (f", replaces {predecessor.device_id}" if predecessor else ""))
    return dataclasses.replace(enrollment, replaces=predecessor.device_id if predecessor else "")


def _predecessor(
    org: OrganisationData, enrollment: Enrollment, named_by_it: str | None, path: str
) -> DeviceRecord | None:
    """The accepted device this enrollment succeeds, or None; raises when the succession is not proven."""
    wanted = named_by_it or enrollment.replaces
    if not wanted or wanted == enrollment.device_id:
        return None
    found = org.device(wanted)
    if found is None:
        if named_by_it:
            raise UnknownPredecessor(device=displayable(wanted))
        return None  # the laptop was enrolled with another organisation before: a new device here
    if found.replaced_by and found.replaced_by != enrollment.device_id:
        raise AlreadyReplaced(device=displayable(wanted), successor=found.replaced_by)
    if not named_by_it and not enrollment.signed_by_predecessor(found.public_key):
        raise SuccessionNotSigned(path=path, device=displayable(wanted))
    return found


def devices(session: Session) -> list[DeviceRecord]:
    identity(session)
    return session.store.organisation.devices()


# -- import ----------------------------------------------------------------------------------------


@dataclass
class _Checked:
    path: Path
    package: package.Package
    device: DeviceRecord


def _check(session: Session, own: OrganisationIdentity, path: Path) -> _Checked:
    """Everything that can be checked without decrypting; raises ExchangeError."""
    label = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotAPackage(path=label) from exc
    parsed = package.parse(data, label)
    manifest = parsed.manifest
    if manifest.organisation_id != own.organisation_id:
        raise WrongOrganisation(path=label, found=manifest.organisation_id, expected=own.organisation_id)
    known = session.store.organisation.device(manifest.device_id)
    if known is None:
        raise UnknownDevice(path=label, device=manifest.device_id, office=manifest.office)
    package.check_signature(parsed, known.public_key, label)
    if manifest.sequence > MAX_SEQUENCE:
        raise SequenceOutOfRange(path=label, sequence=manifest.sequence, limit=MAX_SEQUENCE)
    if manifest.schema_version > LATEST:
        raise NewerSchema(path=label, found=manifest.schema_version, known=LATEST)
    if manifest.scope == "full" and not own.allow_full_export:
        raise ScopeNotAllowed(path=label)
    return _Checked(path, parsed, known)


def _rows(keys: dict[str, package.Keys]) -> list[ImportedRow]:
    """(type, id, version, line, deleted) in key order, built without a Python loop per record."""
    return [
        row
        for record_type, k in keys.items()
        for row in zip(repeat(record_type), k.ids, k.versions, count(k.first_line), k.deleted)
    ]


def _package_record(checked: _Checked, status: str, received_at: str, inserted: int) -> PackageRecord:
    m = checked.package.manifest
    return PackageRecord(
        m.package_id,
        checked.package.sha256,
        m.device_id,
        checked.device.office,
        m.sequence,
        m.scope,
        m.schema_version,
        m.period_from,
        m.period_to,
        m.counts,
        status,
        received_at,
        checked.path.name,
        inserted,
    )


def _missing(sequences: list[int]) -> list[Gap]:
    """The gaps in a device's export numbers as ranges, so a gap never becomes a list of numbers."""
    gaps: list[Gap] = []
    expected = 1
    for n in sorted(set(sequences)):
        if n > expected:
            gaps.append((expected, n - 1))
        expected = n + 1
    return gaps


def describe_gaps(gaps: list[Gap]) -> str:
    """'2, 5-9' for the command line and the organisation page."""
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in gaps)


def _known(org: OrganisationData, checked: _Checked) -> str | None:
    """What became of an earlier package with this id from this device: its status ('duplicate' for an
    identical one that was imported), 'different' for other content, None when there was none. Ids are
    looked up per device, so no device can claim another device's package id."""
    m = checked.package.manifest
    earlier = org.packages_with_id(m.device_id, m.package_id)
    same = [p.status for p in earlier if p.sha256 == checked.package.sha256]
    if same:
        return "duplicate" if same[0] == "imported" else same[0]
    return "different" if earlier else None


def _quarantine(session: Session, checked: _Checked, outcome: ImportOutcome, received_at: str) -> None:
    """Same package id, different content: never merged, kept aside for a person to look at."""
    org = session.store.organisation
    quarantine = session.store.folder / QUARANTINE_FOLDER
    quarantine.mkdir(exist_ok=True)
    write_atomic(quarantine / f"{checked.package.sha256[:16]}-{checked.path.name}", checked.path.read_bytes())
    with session.store.transaction():
        known = _known(org, checked)
        if known != "different":  # another import of this file finished meanwhile
            outcome.status = known or "refused"
            return
        org.add_package(_package_record(checked, "quarantined", received_at, 0))
        session.audit("import", detail=f"quarantined {checked.path.name}: package id seen before")
    outcome.status = "quarantined"


def _apply(
    session: Session, own: OrganisationIdentity, checked: _Checked, outcome: ImportOutcome, received_at: str
) -> None:
    org = session.store.organisation
    m = checked.package.manifest
    known = _known(org, checked)
    if known == "different":
        _quarantine(session, checked, outcome, received_at)
        return
    if known is not None:
        outcome.status = known
        return
    entries, document = package.open_document(checked.package, own.age_identity, str(checked.path))
    records = package.check_records(checked.package, entries, document, str(checked.path))
    with session.store.transaction():
        # Checked again under the write lock: another import of the same file (a second window, a
        # script) may have finished while this one decrypted and checked it.
        if _known(org, checked) is not None:
            raced, erased = True, 0
        else:
            raced = False
            number = org.add_package(_package_record(checked, "imported", received_at, 0))
            inserted, conflicts = org.insert_records(
                m.device_id, number, m.package_id, _rows(entries), document, package.record_lines, received_at
            )
            org.set_inserted(number, inserted)
            # The summary facts in the same transaction: no report ever derives them.
            organisation_facts.add_package_facts(session, number, m.device_id, records)
            session.audit("import", detail=f"{checked.path.name}: {inserted} rows, {conflicts} conflicts")
            erased = _apply_erasures(session, m.device_id, entries, document)
            if erased:  # the erasure dropped the line's facts: derived again from the rewritten documents
                organisation_facts.fold_pending_in_transaction(session)
    if raced:
        _apply(session, own, checked, outcome, received_at)
        return
    if erased:
        session.store.truncate_wal()
    outcome.status, outcome.inserted, outcome.conflicts = "imported", inserted, conflicts


def _apply_erasures(session: Session, device_id: str, entries: dict[str, package.Keys], document: bytes) -> int:
    """Erases the organisation's copy of clients the office erased (the `erasures` records).

    Also when an older package arrives after the one carrying the erasure: its records of an erased
    client are removed as they come in.
    """
    org = session.store.organisation
    keys = entries.get("erasures")
    earlier = org.erased_client_ids(device_id, package.record_lines)
    if not (keys and keys.ids) and not earlier:
        return 0  # the usual case: nothing to decode
    lines = package.record_lines(document)
    here = {json.loads(lines[keys.first_line + n])["client_id"] for n in range(len(keys.ids))} if keys else set()
    earlier -= here
    late = earlier and any(
        json.loads(lines[k.first_line + n]).get("client_id" if t != "clients" else "id") in earlier
        for t, k in entries.items()
        if t in ("clients", "cases", "consultations", "appointments", "consents")
        for n in range(len(k.ids))
    )
    targets = here | (earlier if late else set())
    if not targets:
        return 0
    removed = org.erase_client_records(device_id, targets, package.record_lines, package.document_of)
    session.audit("erase", detail=f"{len(targets)} erased clients of device {device_id}: {removed} record versions")
    return len(targets)


def _write_receipt(
    own: OrganisationIdentity, checked: _Checked, outcome: ImportOutcome, received_at: str, folder: Path
) -> None:
    m = checked.package.manifest
    receipt = Receipt(
        own.organisation_id,
        m.package_id,
        m.device_id,
        checked.device.office,
        m.sequence,
        checked.package.sha256,
        outcome.status,
        received_at,
        outcome.inserted,
    )
    target = folder / receipt.file_name()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(target, receipt.to_bytes(own.signing_key))
        outcome.receipt_path = target
    except (AppError, OSError) as exc:
        outcome.receipt_error = (
            exc
            if isinstance(exc, AppError)
            else AppError(N_("Could not write the receipt to {path}."), path=str(target))
        )


def package_files(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == package.SUFFIX and p.is_file())
    return [path]


def import_packages(
    session: Session, path: Path, *, receipts_to: Path | None = None, now: datetime | None = None
) -> list[ImportOutcome]:
    """Imports one package file or every package in a folder, in sequence order per device.

    A refused file changes nothing and does not stop the others. Receipts go to `receipts_to`
    (default: a 'receipts' folder next to the packages).
    """
    session.require_role("admin", "team_lead")
    own = identity(session)
    files = package_files(path)
    base = Path(path) if Path(path).is_dir() else Path(path).parent
    receipts = Path(receipts_to) if receipts_to else base / "receipts"
    outcomes: list[ImportOutcome] = []
    checked: list[tuple[_Checked, ImportOutcome]] = []
    for file in files:
        outcome = ImportOutcome(file, "refused")
        outcomes.append(outcome)
        try:
            item = _check(session, own, file)
        except ExchangeError as exc:
            outcome.error = exc
            continue
        outcome.manifest = item.package.manifest
        checked.append((item, outcome))
    checked.sort(key=lambda pair: (pair[0].package.manifest.device_id, pair[0].package.manifest.sequence))
    for item, outcome in checked:
        received_at = (now or utc_now()).isoformat()
        try:
            _apply(session, own, item, outcome, received_at)
        except ExchangeError as exc:
            outcome.status, outcome.error = "refused", exc
            continue
        outcome.missing_sequences = _missing(
            session.store.organisation.imported_sequences(item.package.manifest.device_id)
        )
        _write_receipt(own, item, outcome, received_at, receipts)
    return outcomes


def outcome_message(o: ImportOutcome) -> str:
    """One translated line per imported file, for the command line and the organisation page."""
    where = displayable(f"{o.manifest.office} #{o.manifest.sequence}" if o.manifest else o.path.name)
    if o.status == "imported":
        text = _("{package}: imported, {inserted} new rows, {conflicts} conflicts.").format(
            package=where, inserted=o.inserted, conflicts=o.conflicts
        )
    elif o.status == "duplicate":
        text = _("{package}: imported before; nothing was inserted.").format(package=where)
    elif o.status == "quarantined":
        text = _(
            "{package}: a different package with this id was imported before; set aside in quarantine "
            "for review, nothing was inserted."
        ).format(package=where)
    else:
        text = error_text(o.error) if o.error else where
    if o.missing_sequences:
        text += " " + _("Missing packages from this device: {numbers}.").format(
            numbers=describe_gaps(o.missing_sequences)
        )
    if o.receipt_error is not None:
        text += " " + error_text(o.receipt_error)
    return text


# -- overview --------------------------------------------------------------------------------------


def overview(session: Session, *, overdue_days: int = DEFAULT_OVERDUE_DAYS, now: datetime | None = None) -> Overview:
    own = identity(session)
    org = session.store.organisation
    now = now or utc_now()
    limit = now - timedelta(days=overdue_days)
    rows: list[DeviceOverview] = []
    for d in org.devices(current_only=True):
        # A re-enrolled laptop is one row: its packages include those of the devices it replaced.
        received = [p for p in org.line_packages(d.device_id) if p.status == "imported"]
        last = max(received, key=lambda p: p.received_at, default=None)
        newest = max(received, key=lambda p: p.sequence, default=None)
        reference = last.received_at if last else d.accepted_at
        rows.append(
            DeviceOverview(
                d,
                len(received),
                last.received_at if last else None,
                newest.sequence if newest else None,
                newest.period_to if newest else None,
                _missing([p.sequence for p in received]),
                datetime.fromisoformat(reference) < limit,
            )
        )
    quarantined = sum(1 for p in org.packages() if p.status == "quarantined")
    return Overview(own.name, rows, len(org.conflicts()), quarantined)


def conflicts(session: Session) -> list[org_store.ConflictRecord]:
    identity(session)
    return session.store.organisation.conflicts()


def current_records(session: Session, record_type: str) -> list[tuple[str, str, dict]]:
    """(device, office, record) of the newest version of every imported record of one type."""
    identity(session)
    return session.store.organisation.current_records(record_type, package.record_lines)


def current_records_of(session: Session, *record_types: str) -> dict[str, list[tuple[str, str, dict]]]:
    """current_records for several types at once (each package is read once)."""
    identity(session)
    return session.store.organisation.current_records_of(record_types, package.record_lines)
