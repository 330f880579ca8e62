"""Network partners: authorities and services the office works with and refers clients to."""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalogues import PARTNER_KINDS
from .record import Record
from .validation import N_, ValidationIssue


@dataclass(kw_only=True)
class NetworkPartner(Record):
    name: str
    kind: str = "other"
    # Kept from the first schema: e-mail, web site or whatever else reaches the partner.
    contact: str = ""
    notes: str = ""
    contact_person: str = ""
    address: str = ""
    phone: str = ""
    languages: list[str] = field(default_factory=list)
    # Archived partners stay on old records and in the figures but are not offered for new ones.
    archived: bool = False
    # A partner entered twice is merged into the other one: its references move there.
    merged_into: str | None = None


def validate_partner(p: NetworkPartner) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if not p.name.strip():
        issues.append(ValidationIssue("name", N_("Enter the partner's name.")))
    if p.kind not in PARTNER_KINDS:
        issues.append(ValidationIssue("kind", N_("Unknown partner type {code}."), {"code": p.kind}))
    return issues
