"""A case: one client in one service, from opening to closing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .catalogues import CLOSE_REASONS, SERVICES
from .clients import Client, age_on
from .record import Record
from .validation import N_, ValidationIssue

# Age limits of services at case opening (JMD serves young people aged 12 to 27).
SERVICE_AGE_LIMITS: dict[str, tuple[int, int]] = {"jmd": (12, 27)}


@dataclass(kw_only=True)
class Case(Record):
    client_id: str
    service: str
    counsellor_id: str
    opened: date
    closed: date | None = None
    close_reason: str | None = None
    case_management: bool = False

    @property
    def is_open(self) -> bool:
        return self.closed is None

    def open_during(self, start: date, end: date) -> bool:
        """True when the case was open on at least one day of [start, end]."""
        return self.opened <= end and (self.closed is None or self.closed >= start)


def validate_case(case: Case, client: Client | None, today: date) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if case.service not in SERVICES:
        issues.append(ValidationIssue("service", N_("Unknown service {code}."), {"code": case.service}))
    if case.opened > today:
        issues.append(ValidationIssue("opened", N_("A case cannot be opened in the future.")))
    if case.closed is not None:
        if case.closed < case.opened:
            issues.append(ValidationIssue("closed", N_("The case cannot close before it opened.")))
        if not case.close_reason:
            issues.append(ValidationIssue("close_reason", N_("Choose why the case was closed.")))
    if case.close_reason and case.close_reason not in CLOSE_REASONS:
        issues.append(ValidationIssue("close_reason", N_("Unknown close reason {code}."), {"code": case.close_reason}))
    limits = SERVICE_AGE_LIMITS.get(case.service)
    if limits and client is not None:
        age = age_on(client, case.opened)
        low, high = limits
        if age is not None and not low <= age <= high:
            issues.append(
                ValidationIssue(
                    "service",
                    N_("This service is for people aged {low} to {high}; the client is {age}."),
                    {"low": low, "high": high, "age": age},
                )
            )
    return issues
