"""A short contact without a client file: an anonymous enquiry at the open hour, by phone or messenger.

It has no name and is never counted as a client; if the person comes back, it becomes a client file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .age_groups import AGE_GROUPS, UNKNOWN
from .catalogues import GENDERS, SERVICES, SHORT_CONTACT_FORMS, TOPICS
from .record import Record
from .validation import N_, ValidationIssue

MAX_SHORT_MINUTES = 120
AGE_GROUP_CODES = frozenset([code for code, *_rest in AGE_GROUPS] + [UNKNOWN])


@dataclass(kw_only=True)
class ShortContact(Record):
    counsellor_id: str
    service: str
    day: date
    minutes: int
    form: str = "open_hour"
    topics: list[str] = field(default_factory=list)
    language: str = ""  # ISO 639 code of the language the contact was held in
    gender: str = "unspecified"
    age_group: str = UNKNOWN
    referral_partner_id: str | None = None
    # Set when the person came back and got a client file.
    converted_client_id: str | None = None


def validate_short_contact(s: ShortContact, today: date) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if s.service not in SERVICES:
        issues.append(ValidationIssue("service", N_("Unknown service {code}."), {"code": s.service}))
    if s.form not in SHORT_CONTACT_FORMS:
        issues.append(ValidationIssue("form", N_("Unknown form {code}."), {"code": s.form}))
    if not 0 < s.minutes <= MAX_SHORT_MINUTES:
        issues.append(
            ValidationIssue("minutes", N_("A short contact lasts 1 to {max} minutes."), {"max": MAX_SHORT_MINUTES})
        )
    unknown = [t for t in s.topics if t not in TOPICS]
    if unknown:
        issues.append(ValidationIssue("topics", N_("Unknown topic {code}."), {"code": unknown[0]}))
    if s.gender not in GENDERS:
        issues.append(ValidationIssue("gender", N_("Unknown gender code {code}."), {"code": s.gender}))
    if s.age_group not in AGE_GROUP_CODES:
        issues.append(ValidationIssue("age_group", N_("Unknown age group {code}."), {"code": s.age_group}))
    if s.day > today:
        issues.append(ValidationIssue("day", N_("A short contact cannot be recorded for a future day.")))
    return issues
