"""Interpreters and language mediators of the office's pool, and their bookings on appointments."""

from __future__ import annotations

from dataclasses import dataclass, field

from .appointments import Appointment
from .catalogues import INTERPRETER_KINDS
from .record import Record
from .validation import N_, ValidationIssue


@dataclass(kw_only=True)
class Interpreter(Record):
    name: str
    languages: list[str] = field(default_factory=list)
    contact: str = ""
    kind: str = "volunteer"  # volunteer or paid
    notes: str = ""
    archived: bool = False


def validate_interpreter(i: Interpreter) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if not i.name.strip():
        issues.append(ValidationIssue("name", N_("Enter the interpreter's name.")))
    if i.kind not in INTERPRETER_KINDS:
        issues.append(ValidationIssue("kind", N_("Unknown kind {code}."), {"code": i.kind}))
    if not i.languages:
        issues.append(ValidationIssue("languages", N_("Choose at least one language.")))
    return issues


def interpreter_overlaps(candidate: Appointment, existing: list[Appointment]) -> list[Appointment]:
    """Other time-blocking appointments that booked the same interpreter at an overlapping time.

    Whoever the counsellor is: an interpreter cannot be in two rooms at once."""
    if not candidate.interpreter_id or not candidate.blocks_time:
        return []
    return [
        a
        for a in existing
        if a.id != candidate.id
        and a.interpreter_id == candidate.interpreter_id
        and a.blocks_time
        and candidate.overlaps(a)
    ]
