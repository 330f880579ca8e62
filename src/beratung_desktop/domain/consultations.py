"""A consultation with a client (and household members) within a case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .catalogues import FORMS, TOPICS
from .record import Record
from .validation import N_, ValidationIssue

MAX_MINUTES = 12 * 60


@dataclass(kw_only=True)
class Consultation(Record):
    case_id: str
    client_id: str
    counsellor_id: str
    start: datetime
    minutes: int
    form: str = "in_person"
    topics: list[str] = field(default_factory=list)
    interpreter_used: bool = False
    referral_partner_id: str | None = None
    notes: str = ""
    # Which interpreter of the pool and which language were used (interpreter_used stays the flag).
    interpreter_id: str | None = None
    interpreter_language: str = ""


def validate_consultation(c: Consultation, now: datetime) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if c.minutes <= 0:
        issues.append(ValidationIssue("minutes", N_("The duration must be more than 0 minutes.")))
    elif c.minutes > MAX_MINUTES:
        issues.append(
            ValidationIssue("minutes", N_("A consultation cannot last more than {max} minutes."), {"max": MAX_MINUTES})
        )
    if c.form not in FORMS:
        issues.append(ValidationIssue("form", N_("Unknown form {code}."), {"code": c.form}))
    unknown = [t for t in c.topics if t not in TOPICS]
    if unknown:
        issues.append(ValidationIssue("topics", N_("Unknown topic {code}."), {"code": unknown[0]}))
    if not c.topics:
        issues.append(ValidationIssue("topics", N_("Choose at least one topic.")))
    if c.start > now.replace(tzinfo=None) and (c.start - now.replace(tzinfo=None)).days >= 1:
        issues.append(ValidationIssue("start", N_("A consultation cannot be recorded for a future day.")))
    return issues
