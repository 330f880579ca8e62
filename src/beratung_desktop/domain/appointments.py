"""Appointments of a counsellor, with a client, a group or at an outreach location."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .catalogues import APPOINTMENT_STATUSES
from .record import Record
from .validation import N_, ValidationIssue


@dataclass(kw_only=True)
class Appointment(Record):
    start: datetime
    end: datetime
    counsellor_id: str
    place: str = ""
    client_id: str | None = None
    group_name: str = ""
    # Outreach days in shared accommodation count as their own kind of appointment.
    outreach: bool = False
    status: str = "planned"
    notes: str = ""
    # An interpreter of the pool booked for this appointment, and the language.
    interpreter_id: str | None = None
    interpreter_language: str = ""

    def overlaps(self, other: Appointment) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def blocks_time(self) -> bool:
        return self.status in ("planned", "done")


def validate_appointment(a: Appointment) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if a.end <= a.start:
        issues.append(ValidationIssue("end", N_("The end must lie after the start.")))
    if a.status not in APPOINTMENT_STATUSES:
        issues.append(ValidationIssue("status", N_("Unknown status {code}."), {"code": a.status}))
    if not a.client_id and not a.group_name.strip() and not a.outreach:
        issues.append(ValidationIssue("client_id", N_("Choose a client, a group or mark it as outreach.")))
    return issues


def find_overlaps(candidate: Appointment, existing: list[Appointment]) -> list[Appointment]:
    """Other time-blocking appointments of the same counsellor that overlap the candidate."""
    return [
        a
        for a in existing
        if a.id != candidate.id
        and a.counsellor_id == candidate.counsellor_id
        and a.blocks_time
        and candidate.overlaps(a)
    ]
