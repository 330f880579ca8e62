"""A client's consent to one purpose of data processing (DSGVO)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .catalogues import CONSENT_PURPOSES
from .record import Record
from .validation import N_, ValidationIssue


@dataclass(kw_only=True)
class Consent(Record):
    client_id: str
    purpose: str
    given: date
    recipient: str = ""  # named authority or partner when purpose is "sharing"
    withdrawn: date | None = None
    expires: date | None = None

    def is_valid_on(self, day: date) -> bool:
        if day < self.given:
            return False
        if self.withdrawn is not None and day >= self.withdrawn:
            return False
        return self.expires is None or day <= self.expires


def validate_consent(c: Consent) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if c.purpose not in CONSENT_PURPOSES:
        issues.append(ValidationIssue("purpose", N_("Unknown purpose {code}."), {"code": c.purpose}))
    if c.purpose == "sharing" and not c.recipient.strip():
        issues.append(ValidationIssue("recipient", N_("Name the authority or partner the data goes to.")))
    if c.withdrawn and c.withdrawn < c.given:
        issues.append(ValidationIssue("withdrawn", N_("Consent cannot be withdrawn before it was given.")))
    if c.expires and c.expires < c.given:
        issues.append(ValidationIssue("expires", N_("Consent cannot expire before it was given.")))
    return issues


# Consents that end within this many days show as "expiring" (client page) and on the start page.
EXPIRY_NOTICE_DAYS = 30


@dataclass(frozen=True)
class ConsentStatus:
    """Where one purpose (for sharing: one recipient) stands on a day.

    `state` is "given", "expiring", "withdrawn", "expired", "pending" (given from a later day) or
    "missing" (never recorded); `day` is the expiry or withdrawal day that explains it."""

    purpose: str
    recipient: str
    state: str
    day: date | None = None
    consent_id: str = ""


def _recipient_key(recipient: str) -> str:
    return " ".join(recipient.split()).casefold()


def _status_of(group: list[Consent], day: date, within_days: int) -> ConsentStatus:
    valid = [c for c in group if c.is_valid_on(day)]
    if valid:
        # The one that lasts longest decides: a renewed consent replaces the one about to end.
        best = max(valid, key=lambda c: c.expires or date.max)
        soon = best.expires is not None and (best.expires - day).days <= within_days
        return ConsentStatus(best.purpose, best.recipient, "expiring" if soon else "given", best.expires, best.id)
    latest = max(group, key=lambda c: c.given)
    if latest.given > day:
        return ConsentStatus(latest.purpose, latest.recipient, "pending", latest.given, latest.id)
    if latest.withdrawn is not None and latest.withdrawn <= day:
        return ConsentStatus(latest.purpose, latest.recipient, "withdrawn", latest.withdrawn, latest.id)
    return ConsentStatus(latest.purpose, latest.recipient, "expired", latest.expires, latest.id)


def consent_status(consents: list[Consent], day: date, within_days: int = EXPIRY_NOTICE_DAYS) -> list[ConsentStatus]:
    """One status per purpose in catalogue order, sharing once per recipient; a purpose without any
    consent is "missing" (sharing only when no recipient was ever named)."""
    groups: dict[tuple[str, str], list[Consent]] = {}
    for c in consents:
        if not c.deleted:
            key = (c.purpose, _recipient_key(c.recipient) if c.purpose == "sharing" else "")
            groups.setdefault(key, []).append(c)
    found: list[ConsentStatus] = []
    for purpose in CONSENT_PURPOSES.codes():
        keys = sorted(k for k in groups if k[0] == purpose)
        if not keys:
            found.append(ConsentStatus(purpose, "", "missing"))
        found += [_status_of(groups[k], day, within_days) for k in keys]
    return found
