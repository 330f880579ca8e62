"""The client's rights as use cases: erasure, legal holds, the retention review list, consent checks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..config import SettingsStore
from ..domain.catalogues import ERASURE_REASONS, SERVICES
from ..domain.clients import Client
from ..domain.consents import EXPIRY_NOTICE_DAYS, Consent
from ..domain.privacy import (
    Erasure,
    LegalHold,
    retention_due,
    retention_last_day,
    sharing_allowed,
    skeleton_of,
    storage_withdrawn,
)
from ..domain.referrals import Referral
from ..errors import N_, AppError
from .session import Session

PRIVACY_ROLES = ("team_lead", "admin")
DEFAULT_RETENTION_MONTHS = 36
RETENTION_META = "retention_months"


class UnknownErasureReason(AppError):
    message = N_("Choose the reason for the erasure ({known}).")


class ConfirmationMismatch(AppError):
    message = N_("The name typed does not match the client's name; nothing was erased. Type the name as shown.")


class LegalHoldActive(AppError):
    message = N_(
        "This client is under a legal hold ({reason}, until {until}); nothing was erased. Lift the hold first."
    )


class HoldReasonMissing(AppError):
    message = N_("Give the reason for the legal hold.")


class SharingWithdrawn(AppError):
    message = N_(
        "There is no consent in effect for passing this client's data to {recipient} (withdrawn, expired or "
        "never given); nothing was printed or exported. Record a new consent first."
    )


@dataclass(frozen=True)
class ErasureResult:
    skeleton_id: str
    rows_deleted: int
    consultations_kept: int
    wal_emptied: bool


# -- erasure -----------------------------------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def confirmation_matches(client: Client, typed: str) -> bool:
    """The team lead confirms with the client's name (either order, either script) or number."""
    wanted = _normal(typed)
    names = {
        client.display_name,
        f"{client.given_name} {client.family_name}",
        f"{client.given_name_original} {client.family_name_original}",
        f"{client.family_name_original} {client.given_name_original}",
        client.client_number,
    }
    return bool(wanted) and wanted in {_normal(n) for n in names if n.strip()}


def active_hold(session: Session, client_id: str, today: date | None = None) -> LegalHold | None:
    day = today or date.today()
    return next((h for h in session.store.legal_holds.for_client(client_id) if h.active_on(day)), None)


def erase_client(
    session: Session, client_id: str, reason: str, confirmation: str, today: date | None = None
) -> ErasureResult:
    """Erases a client (Art. 17 GDPR) in one transaction and leaves the pseudonymous skeleton.

    Names, contact data, notes, goals, appointments, consents and holds are deleted physically; cases
    and consultations stay as codes, dates and minutes under new ids, so reported figures do not change.
    """
    session.require_role(*PRIVACY_ROLES)
    if reason not in ERASURE_REASONS:
        raise UnknownErasureReason(known=", ".join(ERASURE_REASONS.codes()))
    today = today or date.today()
    client = session.store.clients.require(client_id)
    if client.erased or not confirmation_matches(client, confirmation):
        raise ConfirmationMismatch()
    return _erase(session, client, reason, today)


def _erase(session: Session, client: Client, reason: str, today: date) -> ErasureResult:
    store = session.store
    hold = active_hold(session, client.id, today)
    if hold is not None:
        raise LegalHoldActive(reason=hold.reason, until=hold.until.isoformat() if hold.until else "-")
    with store.transaction():
        cases = store.cases.for_client(client.id)
        skeleton = skeleton_of(client, cases, store.consultations.for_client(client.id))
        referrals = store.referrals.for_client(client.id)
        deleted = store.delete_client_rows(client.id)
        store.clients.add(skeleton.client)
        store.cases.add_many(skeleton.cases)
        store.consultations.add_many(skeleton.consultations)
        # Referrals stay in the figures as partner, service, day and outcome, without their purpose.
        store.referrals.add_many(
            Referral(
                client_id=skeleton.client.id,
                partner_id=r.partner_id,
                counsellor_id=r.counsellor_id,
                service=r.service,
                day=r.day,
                outcome=r.outcome,
                outcome_day=r.outcome_day,
            )
            for r in referrals
        )
        store.erasures.add(Erasure(client_id=client.id, day=today, reason=reason))
        session.audit("erase", "client", skeleton.client.id, f"reason={reason}")
    emptied = store.truncate_wal()
    return ErasureResult(skeleton.client.id, sum(deleted.values()), len(skeleton.consultations), emptied)


# -- legal holds -------------------------------------------------------------------------------------


def place_hold(session: Session, client_id: str, reason: str, until: date | None = None) -> LegalHold:
    session.require_role(*PRIVACY_ROLES)
    if not reason.strip():
        raise HoldReasonMissing()
    session.store.clients.require(client_id)
    hold = LegalHold(client_id=client_id, reason=reason.strip(), until=until, placed_by=session.actor)
    with session.store.transaction():
        session.store.legal_holds.add(hold)
        session.audit("hold", "client", client_id, f"placed until {until.isoformat() if until else '-'}")
    return hold


def lift_hold(session: Session, hold_id: str) -> None:
    session.require_role(*PRIVACY_ROLES)
    hold = session.store.legal_holds.require(hold_id)
    with session.store.transaction():
        session.store.legal_holds.delete(hold_id)
        session.audit("hold", "client", hold.client_id, "lifted")


def holds(session: Session, client_id: str) -> list[LegalHold]:
    return session.store.legal_holds.for_client(client_id)


@dataclass(frozen=True)
class HeldClient:
    hold: LegalHold
    name: str
    client_number: str


def holds_in_force(session: Session, today: date | None = None) -> list[HeldClient]:
    """The legal holds in force today with their clients, for the retention review."""
    session.require_role(*PRIVACY_ROLES)
    day = today or date.today()
    live = [h for h in session.store.legal_holds.live() if h.active_on(day)]
    clients = {c.id: c for c in session.store.clients.by_ids(sorted({h.client_id for h in live}))}
    return [
        HeldClient(h, clients[h.client_id].display_name, clients[h.client_id].client_number)
        for h in live
        if h.client_id in clients
    ]


# -- retention ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionPolicy:
    """Months after the last case closed; per service, or one value for all when fixed by machine policy."""

    default_months: int
    per_service: dict[str, int]
    fixed: bool = False

    def months(self, service: str) -> int:
        return self.default_months if self.fixed else self.per_service.get(service, self.default_months)


def retention_policy(session: Session, machine_months: int | None, default_months: int) -> RetentionPolicy:
    """The store's per-service months (set by the team lead), unless IT fixed one value for the machine."""
    if machine_months is not None:
        return RetentionPolicy(machine_months, {}, fixed=True)
    stored = session.store.meta(RETENTION_META)
    per_service = {k: int(v) for k, v in json.loads(stored).items() if k in SERVICES} if stored else {}
    return RetentionPolicy(default_months, per_service)


def set_retention_months(session: Session, months: dict[str, int]) -> None:
    """The team lead's months per service (ignored while IT fixes one value for the machine)."""
    session.require_role(*PRIVACY_ROLES)
    clean = {k: int(v) for k, v in months.items() if k in SERVICES and 1 <= int(v) <= 1200}
    with session.store.transaction():
        session.store.set_meta(RETENTION_META, json.dumps(clean, sort_keys=True))
        session.audit("update", "settings", RETENTION_META, json.dumps(clean, sort_keys=True))


@dataclass(frozen=True)
class ReviewItem:
    """A client due for review: the retention ended or the storage consent was withdrawn."""

    client_id: str
    name: str
    client_number: str
    last_contact: date | None
    cases: int
    reason: str  # an ERASURE_REASONS code
    since: date  # the day the retention ended or the consent was withdrawn


@dataclass(frozen=True)
class _Due:
    client: Client
    cases: int
    reason: str
    since: date


def _due_clients(session: Session, policy: RetentionPolicy, today: date) -> list[_Due]:
    """The review's decision for each client: storage names the few candidates, the domain rules decide."""
    store = session.store
    held = {h.client_id for h in store.legal_holds.live() if h.active_on(today)}
    months = {code: policy.months(code) for code in SERVICES.codes()}
    ids = store.review_candidates(
        {code: retention_last_day(today, m) for code, m in months.items()},
        retention_last_day(today, policy.default_months),
        today,
    )
    ids = [i for i in ids if i not in held]
    cases_of: dict[str, list] = {}
    for case in store.cases.for_clients(ids):
        cases_of.setdefault(case.client_id, []).append(case)
    consents_of: dict[str, list] = {}
    for consent in store.consents.for_clients(ids):
        consents_of.setdefault(consent.client_id, []).append(consent)
    due = []
    for client in store.clients.by_ids(ids):
        if client.erased or client.id in held:
            continue
        cases = cases_of.get(client.id, [])
        withdrawn = storage_withdrawn(consents_of.get(client.id, []), today)
        ends = retention_due(cases, client.created_at.date(), months, policy.default_months)
        if withdrawn is not None and withdrawn.withdrawn is not None:
            due.append(_Due(client, len(cases), "consent_withdrawn", withdrawn.withdrawn))
        elif ends is not None and ends <= today:
            due.append(_Due(client, len(cases), "retention_expired", ends))
    return due


def review_list(session: Session, policy: RetentionPolicy, today: date | None = None) -> list[ReviewItem]:
    """Clients due for a decision; clients under a legal hold are left out. Nothing is erased here."""
    session.require_role(*PRIVACY_ROLES)
    today = today or date.today()
    items = []
    for d in _due_clients(session, policy, today):
        last = session.store.consultations.last_contact(d.client.id)
        items.append(
            ReviewItem(
                d.client.id,
                d.client.display_name,
                d.client.client_number,
                last.date() if last else None,
                d.cases,
                d.reason,
                d.since,
            )
        )
    return sorted(items, key=lambda i: (i.since, i.name))


def due_for_review(session: Session, policy: RetentionPolicy, today: date | None = None) -> int:
    """How many clients the review list holds, without its names and last contacts (the start page)."""
    session.require_role(*PRIVACY_ROLES)
    return len(_due_clients(session, policy, today or date.today()))


def erase_reviewed(
    session: Session, items: list[ReviewItem], today: date | None = None
) -> list[tuple[ReviewItem, ErasureResult | AppError]]:
    """Erases clients a person picked from the review list (their confirmation is the call itself);
    each client is its own transaction, and a refusal (a hold placed meanwhile) does not stop the rest."""
    session.require_role(*PRIVACY_ROLES)
    today = today or date.today()
    done: list[tuple[ReviewItem, ErasureResult | AppError]] = []
    for item in items:
        try:
            client = session.store.clients.require(item.client_id)
            done.append((item, _erase(session, client, item.reason, today)))
        except AppError as exc:
            done.append((item, exc))
    return done


# -- consent in effect -------------------------------------------------------------------------------


def require_sharing(session: Session, client_id: str, recipient: str, today: date | None = None) -> None:
    """Refuses (SharingWithdrawn) to produce anything addressed to `recipient` without a sharing consent
    for that recipient in effect today: withdrawn, expired or never given all stop it."""
    day = today or date.today()
    if not sharing_allowed(session.store.consents.for_client(client_id), recipient, day):
        raise SharingWithdrawn(recipient=recipient)


def sharing_recipients(session: Session, client_id: str) -> list[str]:
    """Every recipient a sharing consent of the client names (in effect or not), for choosing whom a
    printout is for; the choice is checked with require_sharing."""
    names: dict[str, str] = {}
    for c in session.store.consents.for_client(client_id):
        if c.purpose == "sharing" and c.recipient.strip():
            names.setdefault(" ".join(c.recipient.split()).casefold(), c.recipient.strip())
    return sorted(names.values(), key=str.casefold)


# A scanned A4 page or two; larger scans are refused with the size in the message.
SIGNED_FORM_LIMIT = 10 * 1024 * 1024


class SignedFormMissing(AppError):
    message = N_("No signed form is stored for this consent. Attach the scan first.")


def attach_signed_form(session: Session, consent_id: str, path: Path) -> str:
    """Stores the scan of the signed consent form (PDF, JPEG or PNG, checked like a document) inside
    the encrypted store; read straight from the chosen file, no copy on disk. Returns the media type."""
    from .documents import check_content, read_document_file

    session.store.consents.require(consent_id)
    content = read_document_file(Path(path), SIGNED_FORM_LIMIT)
    media_type = check_content(Path(path).name, content, SIGNED_FORM_LIMIT)
    with session.store.transaction():
        session.store.consents.set_signed_form(consent_id, content, media_type)
        session.audit("update", "consent", consent_id, f"signed form attached; {media_type}")
    return media_type


def signed_forms(session: Session, client_id: str) -> set[str]:
    """The ids of the client's consents with a signed form stored."""
    return session.store.consents.with_signed_form(client_id)


def open_signed_form(session: Session, consent_id: str) -> tuple[bytes, str]:
    """The scan and its media type, for viewing in memory; the view is audited."""
    found = session.store.consents.signed_form(consent_id)
    if found is None:
        raise SignedFormMissing()
    with session.store.transaction():
        session.audit("view", "consent", consent_id, "signed form")
    return found


def save_signed_form(session: Session, consent_id: str, folder: Path) -> Path:
    """An unencrypted copy of the scan in `folder` (temporary name, flushed, renamed), audited."""
    from ..domain.documents import SAVED_EXTENSION
    from ..storage.atomic_file import atomic_writer
    from .documents import SaveFolderMissing

    folder = Path(folder)
    if not folder.is_dir():
        raise SaveFolderMissing(path=str(folder))
    found = session.store.consents.signed_form(consent_id)
    if found is None:
        raise SignedFormMissing()
    content, media_type = found
    consent = session.store.consents.require(consent_id)
    target = folder / f"consent-{consent.purpose}-{consent.given.isoformat()}{SAVED_EXTENSION.get(media_type, '.bin')}"
    number = 2
    while target.exists():
        target = target.with_name(f"{target.stem.split(' (')[0]} ({number}){target.suffix}")
        number += 1
    with session.store.transaction():
        session.audit("save_copy", "consent", consent_id, f"unencrypted copy of the signed form to {folder}")
        with atomic_writer(target) as f:
            f.write(content)
    return target


@dataclass(frozen=True)
class ExpiringConsent:
    consent: Consent
    client_name: str


def expiring_consents(
    session: Session, today: date | None = None, within_days: int = EXPIRY_NOTICE_DAYS, limit: int = 100
) -> list[ExpiringConsent]:
    """Consents in effect that end within the next days: a counsellor's own clients' (cases they lead),
    every client's for team leads and administrators."""
    day = today or date.today()
    own = None if session.user.role in PRIVACY_ROLES else session.user.id
    found = session.store.consents.expiring(day, day + timedelta(days=within_days), own, limit)
    names = {c.id: c.display_name for c in session.store.clients.by_ids(sorted({k.client_id for k in found}))}
    return [ExpiringConsent(k, names[k.client_id]) for k in found if k.client_id in names]


def policy_from_settings(session: Session, settings_store: SettingsStore) -> RetentionPolicy:
    """The policy in force: a `retention_months` in the machine settings (the MSI's RETENTION) fixes
    one value for every service; otherwise the team lead's months per service, defaulting to the
    user settings' value."""
    machine = settings_store.locked()
    settings = settings_store.load()
    return retention_policy(
        session, settings.retention_months if "retention_months" in machine else None, settings.retention_months
    )


@dataclass(frozen=True)
class StartNotices:
    """What the start page says about privacy: clients due for review (team leads) and consents ending."""

    due_for_review: int
    expiring: list[ExpiringConsent]


def start_notices(session: Session, settings_store: SettingsStore, today: date | None = None) -> StartNotices:
    """Read through a connection of its own: the start page asks from a worker."""
    with session.store.reading():
        due = (
            due_for_review(session, policy_from_settings(session, settings_store), today)
            if session.user.role in PRIVACY_ROLES
            else 0
        )
        return StartNotices(due, expiring_consents(session, today))
