"""Work without a client: network meetings, group offers, course visits (equal in rank to casework)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .catalogues import ACTIVITY_TYPES, SERVICES
from .record import Record
from .validation import N_, ValidationIssue


@dataclass(kw_only=True)
class Activity(Record):
    counsellor_id: str
    kind: str
    service: str
    day: date
    minutes: int
    title: str = ""
    participants: int = 0
    partner_id: str | None = None
    notes: str = ""


def validate_activity(a: Activity) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if a.kind not in ACTIVITY_TYPES:
        issues.append(ValidationIssue("kind", N_("Unknown activity type {code}."), {"code": a.kind}))
    if a.service not in SERVICES:
        issues.append(ValidationIssue("service", N_("Unknown service {code}."), {"code": a.service}))
    if a.minutes <= 0:
        issues.append(ValidationIssue("minutes", N_("The duration must be more than 0 minutes.")))
    if a.participants < 0:
        issues.append(ValidationIssue("participants", N_("The number of participants cannot be negative.")))
    return issues
