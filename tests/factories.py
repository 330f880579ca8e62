"""Builders for records in tests. Names are invented, never real clients."""

from __future__ import annotations

from datetime import date, datetime

from beratung_desktop.domain.cases import Case
from beratung_desktop.domain.clients import Client
from beratung_desktop.domain.consultations import Consultation
from beratung_desktop.services import casework
from beratung_desktop.services.session import Session


def client(**overrides) -> Client:
    values = dict(
        given_name="Testa",
        family_name="Beispiel",
        birth_date=date(1990, 5, 17),
        gender="female",
        country_of_origin="SY",
        nationality="SY",
        languages=["ar"],
        residence_status="refugee",
        arrival_date=date(2016, 2, 1),
    )
    values.update(overrides)
    return Client(**values)


def add_client(session: Session, **overrides) -> Client:
    return casework.save_client(session, client(**overrides))


def add_case(
    session: Session, client_: Client, service: str = "mbe", opened: date = date(2024, 1, 10), **overrides
) -> Case:
    case = Case(client_id=client_.id, service=service, counsellor_id=session.user.id, opened=opened, **overrides)
    return casework.open_case(session, case, today=max(opened, date.today()))


def add_consultation(
    session: Session,
    case: Case,
    start: datetime = datetime(2024, 3, 5, 10, 0),
    minutes: int = 45,
    topics: list[str] | None = None,
    **overrides,
) -> Consultation:
    c = Consultation(
        case_id=case.id,
        client_id=case.client_id,
        counsellor_id=session.user.id,
        start=start,
        minutes=minutes,
        topics=topics or ["residence_law"],
        **overrides,
    )
    return casework.record_consultation(session, c)
