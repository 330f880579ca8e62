"""Group offers: a group with its participants (clients and anonymous ones) and its sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .catalogues import SERVICES
from .record import Record
from .validation import N_, ValidationIssue


@dataclass(kw_only=True)
class Group(Record):
    title: str
    service: str
    counsellor_id: str
    facilitator: str = ""
    place: str = ""
    first_day: date | None = None
    last_day: date | None = None
    # Participants without a client file, counted only (never named).
    anonymous_participants: int = 0
    notes: str = ""
    archived: bool = False


@dataclass(kw_only=True)
class GroupMember(Record):
    group_id: str
    client_id: str
    joined: date


@dataclass(kw_only=True)
class GroupSession(Record):
    group_id: str
    day: date
    start_time: str = ""  # "HH:MM", empty when not fixed
    minutes: int = 90
    present: list[str] = field(default_factory=list)  # client ids of the members who attended
    anonymous_present: int = 0
    notes: str = ""


def validate_group(g: Group) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if not g.title.strip():
        issues.append(ValidationIssue("title", N_("Enter the group's title.")))
    if g.service not in SERVICES:
        issues.append(ValidationIssue("service", N_("Unknown service {code}."), {"code": g.service}))
    if g.first_day and g.last_day and g.last_day < g.first_day:
        issues.append(ValidationIssue("last_day", N_("The last date lies before the first.")))
    if g.anonymous_participants < 0:
        issues.append(ValidationIssue("anonymous_participants", N_("The number of participants cannot be negative.")))
    return issues


def validate_session(s: GroupSession, members: set[str], today: date) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if not 0 < s.minutes <= 12 * 60:
        issues.append(ValidationIssue("minutes", N_("The duration must be more than 0 minutes.")))
    if s.anonymous_present < 0:
        issues.append(ValidationIssue("anonymous_present", N_("The number of participants cannot be negative.")))
    if set(s.present) - members:
        issues.append(ValidationIssue("present", N_("Only members of the group can attend a session.")))
    if s.day > today and (s.present or s.anonymous_present):
        issues.append(ValidationIssue("day", N_("Attendance cannot be recorded for a future session.")))
    return issues
