"""A referral of a client to a network partner, with its outcome set later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .catalogues import REFERRAL_OUTCOMES, SERVICES
from .record import Record
from .validation import N_, ValidationIssue


@dataclass(kw_only=True)
class Referral(Record):
    client_id: str
    partner_id: str
    counsellor_id: str
    service: str
    day: date
    consultation_id: str | None = None
    purpose: str = ""
    outcome: str = "unknown"  # arrived / not_arrived / unknown
    outcome_day: date | None = None


def validate_referral(r: Referral, today: date) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if not r.partner_id:
        issues.append(ValidationIssue("partner_id", N_("Choose the partner the client is referred to.")))
    if r.service not in SERVICES:
        issues.append(ValidationIssue("service", N_("Unknown service {code}."), {"code": r.service}))
    if r.outcome not in REFERRAL_OUTCOMES:
        issues.append(ValidationIssue("outcome", N_("Unknown outcome {code}."), {"code": r.outcome}))
    if r.day > today:
        issues.append(ValidationIssue("day", N_("A referral cannot lie in the future.")))
    if r.outcome_day is not None and r.outcome_day < r.day:
        issues.append(ValidationIssue("outcome_day", N_("The outcome cannot be known before the referral.")))
    return issues
