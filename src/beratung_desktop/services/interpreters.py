"""The office's pool of interpreters and language mediators, and their bookings on appointments."""

from __future__ import annotations

from ..domain.appointments import Appointment
from ..domain.interpreters import Interpreter, interpreter_overlaps, validate_interpreter
from ..domain.validation import ValidationError
from .session import Session


def list_interpreters(session: Session, include_archived: bool = False) -> list[Interpreter]:
    return session.store.interpreters.ordered_by_name(include_archived)


def interpreter_choices(session: Session, keep: str | None = None) -> list[Interpreter]:
    return session.store.interpreters.choices(keep)


def save_interpreter(session: Session, interpreter: Interpreter) -> Interpreter:
    interpreter.name = interpreter.name.strip()
    issues = validate_interpreter(interpreter)
    if issues:
        raise ValidationError(issues)
    return session.save(session.store.interpreters, interpreter, "interpreter")


def set_archived(session: Session, interpreter_id: str, archived: bool) -> Interpreter:
    interpreter = session.store.interpreters.require(interpreter_id)
    interpreter.archived = archived
    return session.save(session.store.interpreters, interpreter, "interpreter", "archived" if archived else "restored")


def bookings(session: Session, appointment: Appointment, days_around: int = 7) -> list[Appointment]:
    """The interpreter's other bookings in the week around the appointment (shown in the form)."""
    from datetime import timedelta

    if not appointment.interpreter_id:
        return []
    window = timedelta(days=days_around)
    found = session.store.appointments.of_interpreter(
        appointment.interpreter_id, appointment.start - window, appointment.end + window
    )
    return [a for a in found if a.id != appointment.id and a.blocks_time]


def booking_overlaps(session: Session, appointment: Appointment) -> list[Appointment]:
    """Other appointments that booked the same interpreter at an overlapping time (a warning)."""
    if not appointment.interpreter_id:
        return []
    nearby = session.store.appointments.of_interpreter(appointment.interpreter_id, appointment.start, appointment.end)
    return interpreter_overlaps(appointment, nearby)
