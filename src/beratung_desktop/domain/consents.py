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
