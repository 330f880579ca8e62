"""Appointments: planning, moving, cancelling, and what is due today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..domain.appointments import Appointment, find_overlaps, validate_appointment
from ..domain.validation import ValidationError
from .session import Session


def overlapping(session: Session, appointment: Appointment) -> list[Appointment]:
    """Appointments of the same counsellor that overlap; shown as a warning, not refused."""
    nearby = session.store.appointments.between(appointment.start, appointment.end, appointment.counsellor_id)
    return find_overlaps(appointment, nearby)


def save_appointment(session: Session, appointment: Appointment) -> Appointment:
    issues = validate_appointment(appointment)
    if issues:
        raise ValidationError(issues)
    return session.save(session.store.appointments, appointment, "appointment")


def move_appointment(session: Session, appointment_id: str, new_start: datetime) -> Appointment:
    appointment = session.store.appointments.require(appointment_id)
    length = appointment.end - appointment.start
    appointment.start = new_start
    appointment.end = new_start + length
    return save_appointment(session, appointment)


def set_status(session: Session, appointment_id: str, status: str) -> Appointment:
    appointment = session.store.appointments.require(appointment_id)
    appointment.status = status
    return save_appointment(session, appointment)


def day_appointments(session: Session, day: date, counsellor_id: str | None = None) -> list[Appointment]:
    start = datetime.combine(day, time.min)
    return session.store.appointments.between(start, start + timedelta(days=1), counsellor_id)


def week_appointments(session: Session, any_day: date, counsellor_id: str | None = None) -> list[Appointment]:
    monday = any_day - timedelta(days=any_day.weekday())
    start = datetime.combine(monday, time.min)
    return session.store.appointments.between(start, start + timedelta(days=7), counsellor_id)


def unresolved_past(
    session: Session, now: datetime, days: int = 14, counsellor_id: str | None = None
) -> list[Appointment]:
    """Past appointments still marked planned: follow-ups the counsellor has not closed."""
    found = session.store.appointments.between(now - timedelta(days=days), now, counsellor_id)
    return [a for a in found if a.status == "planned" and a.end <= now]


def known_places(session: Session) -> list[str]:
    return session.store.appointments.places()
