"""Goals of a voluntary agreement (Förderplan / Fördervereinbarung) in case management."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .catalogues import GOAL_RESPONSIBLE, GOAL_STATUSES
from .record import Record
from .validation import N_, ValidationIssue


@dataclass(kw_only=True)
class AgreementGoal(Record):
    case_id: str
    goal: str
    steps: list[str] = field(default_factory=list)
    responsible: str = "together"
    due: date | None = None
    status: str = "open"
    reviewed: date | None = None

    @property
    def is_active(self) -> bool:
        return self.status in ("open", "in_progress")

    def is_overdue(self, today: date) -> bool:
        return self.is_active and self.due is not None and self.due < today


def validate_goal(goal: AgreementGoal) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if not goal.goal.strip():
        issues.append(ValidationIssue("goal", N_("Describe the goal.")))
    if goal.status not in GOAL_STATUSES:
        issues.append(ValidationIssue("status", N_("Unknown status {code}."), {"code": goal.status}))
    if goal.responsible not in GOAL_RESPONSIBLE:
        issues.append(ValidationIssue("responsible", N_("Unknown responsibility {code}."), {"code": goal.responsible}))
    return issues
