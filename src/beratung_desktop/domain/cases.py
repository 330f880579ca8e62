"""A case: one client in one service, from opening to closing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .catalogues import CLOSE_REASONS, SERVICES
from .clients import Client, age_on
from .record import Record
from .target_groups import TARGET_GROUPS, deviations
from .validation import N_, ValidationIssue

# Age limits of services (JMD serves young people aged 12 to 27); the demo data opens cases within them.
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
    # Outside the service's target group (codes of TARGET_GROUP_DEVIATIONS) and why it was opened anyway.
    outside_target_group: list[str] = field(default_factory=list)
    target_group_reason: str = ""

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
    return issues


def target_group_message(case: Case, client: Client | None) -> ValidationIssue | None:
    """The warning shown when the client lies outside the service's target group (None when inside)."""
    found = deviations(case.service, client, case.opened)
    if not found:
        return None
    group = TARGET_GROUPS[case.service]
    if "too_young" in found or "too_old" in found:
        if group.high_age is not None:
            text = N_("This service is for people aged {low} to {high}; the client is {age}.")
        else:
            text = N_("This service is for people aged {low} and older; the client is {age}.")
        age = age_on(client, case.opened) if client else None
        return ValidationIssue("target_group_reason", text, {"low": group.low_age, "high": group.high_age, "age": age})
    return ValidationIssue(
        "target_group_reason", N_("The client's residence status lies outside this service's target group.")
    )


def target_group_issues(case: Case, client: Client | None) -> list[ValidationIssue]:
    """Outside the target group a case opens only with a reason (a warning the counsellor answers)."""
    warning = target_group_message(case, client)
    return [] if warning is None or case.target_group_reason.strip() else [warning]
