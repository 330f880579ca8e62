"""Deadlines a letter or a consultation sets: appeal by, permit expires on, appointment at an authority."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .catalogues import DEADLINE_KINDS, DEADLINE_STATUSES
from .record import Record
from .validation import N_, ValidationIssue

# The start page looks this many days ahead; overdue deadlines are listed however old they are.
LOOKAHEAD_DAYS = 14
NOTE_LIMIT = 500


@dataclass(kw_only=True)
class Deadline(Record):
    client_id: str
    counsellor_id: str
    kind: str
    due: date
    note: str = ""
    case_id: str | None = None
    document_id: str | None = None
    consultation_id: str | None = None
    status: str = "open"
    completed_on: date | None = None
    # The last move: the date it had before, and why it was moved (a new letter, an extension granted).
    moved_from: date | None = None
    move_reason: str = ""

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def overdue_on(self, day: date) -> bool:
        return self.is_open and self.due < day


def validate_deadline(d: Deadline) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if d.kind not in DEADLINE_KINDS:
        issues.append(ValidationIssue("kind", N_("Unknown kind of deadline {code}."), {"code": d.kind}))
    if d.status not in DEADLINE_STATUSES:
        issues.append(ValidationIssue("status", N_("Unknown status {code}."), {"code": d.status}))
    if len(d.note) > NOTE_LIMIT:
        issues.append(
            ValidationIssue("note", N_("The text is too long (at most {limit} characters)."), {"limit": NOTE_LIMIT})
        )
    return issues
