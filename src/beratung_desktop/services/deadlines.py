"""Deadlines as use cases: set from a document or a consultation, done, moved with a reason, dropped;
the start page's list and the reminder at sign-in."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..domain.deadlines import LOOKAHEAD_DAYS, Deadline, validate_deadline
from ..domain.validation import ValidationError, ValidationIssue
from ..errors import N_, AppError
from .session import Session


class DeadlineClosed(AppError):
    message = N_("This deadline is already done or dropped; nothing was changed.")


class MoveReasonMissing(AppError):
    message = N_("Say why the deadline is moved (for example: extension granted until ...).")


@dataclass(frozen=True)
class DueDeadline:
    """A deadline with the client's name, for the start page and the reminder."""

    deadline: Deadline
    client_name: str
    client_number: str

    def overdue(self, today: date) -> bool:
        return self.deadline.overdue_on(today)


def _raise_if(issues: list[ValidationIssue]) -> None:
    if issues:
        raise ValidationError(issues)


def set_deadline(
    session: Session,
    client_id: str,
    kind: str,
    due: date,
    note: str = "",
    *,
    document_id: str | None = None,
    consultation_id: str | None = None,
    case_id: str | None = None,
    counsellor_id: str | None = None,
) -> Deadline:
    """A new open deadline of the client, for the signed-in counsellor unless another one is named."""
    session.store.clients.require(client_id)
    if document_id is not None:
        document = session.store.documents.require(document_id)
        case_id = case_id or document.case_id
    if consultation_id is not None:
        case_id = case_id or session.store.consultations.require(consultation_id).case_id
    deadline = Deadline(
        client_id=client_id,
        counsellor_id=counsellor_id or session.user.id,
        kind=kind,
        due=due,
        note=note.strip(),
        case_id=case_id,
        document_id=document_id,
        consultation_id=consultation_id,
    )
    _raise_if(validate_deadline(deadline))
    return session.save(session.store.deadlines, deadline, "deadline", kind)


def _open(session: Session, deadline_id: str) -> Deadline:
    deadline = session.store.deadlines.require(deadline_id)
    if not deadline.is_open:
        raise DeadlineClosed()
    return deadline


def complete(session: Session, deadline_id: str, today: date | None = None) -> Deadline:
    deadline = _open(session, deadline_id)
    done = replace(deadline, status="done", completed_on=today or date.today())
    return session.save(session.store.deadlines, done, "deadline", "done")


def move(session: Session, deadline_id: str, new_due: date, reason: str) -> Deadline:
    if not reason.strip():
        raise MoveReasonMissing()
    deadline = _open(session, deadline_id)
    moved = replace(deadline, due=new_due, moved_from=deadline.due, move_reason=reason.strip())
    _raise_if(validate_deadline(moved))
    return session.save(session.store.deadlines, moved, "deadline", f"moved from {deadline.due.isoformat()}")


def drop(session: Session, deadline_id: str, reason: str = "", today: date | None = None) -> Deadline:
    deadline = _open(session, deadline_id)
    note = deadline.note if not reason.strip() else f"{deadline.note}\n{reason.strip()}".strip()
    dropped = replace(deadline, status="dropped", completed_on=today or date.today(), note=note[:500])
    return session.save(session.store.deadlines, dropped, "deadline", "dropped")


def deadlines_of(session: Session, client_id: str) -> list[Deadline]:
    return session.store.deadlines.for_client(client_id)


def _with_names(session: Session, found: list[Deadline]) -> list[DueDeadline]:
    clients = session.store.clients.by_ids(sorted({d.client_id for d in found})) if found else []
    by_id = {c.id: c for c in clients}
    return [
        DueDeadline(d, by_id[d.client_id].display_name, by_id[d.client_id].client_number)
        for d in found
        if d.client_id in by_id
    ]


def upcoming(
    session: Session, today: date | None = None, days: int = LOOKAHEAD_DAYS, *, in_worker: bool = False
) -> list[DueDeadline]:
    """The signed-in counsellor's open deadlines: the overdue ones and those of the next `days` days.

    A worker reads through a connection of its own (the window thread's reads never wait for it)."""
    today = today or date.today()
    with session.store.reading() if in_worker else contextlib.nullcontext():
        return _with_names(session, session.store.deadlines.open_until(session.user.id, today + timedelta(days=days)))


def reminders(session: Session, today: date | None = None) -> list[DueDeadline]:
    """What the reminder at sign-in lists: due today and overdue."""
    today = today or date.today()
    return _with_names(session, session.store.deadlines.open_until(session.user.id, today))
