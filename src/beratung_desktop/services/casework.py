"""Clients, cases, consultations, agreement goals, consents and non-client activities."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ..domain.activities import Activity, validate_activity
from ..domain.agreements import AgreementGoal, validate_goal
from ..domain.appointments import Appointment
from ..domain.audit import AuditEntry
from ..domain.cases import Case, target_group_issues, validate_case
from ..domain.clients import Client, validate_client
from ..domain.consents import Consent, validate_consent
from ..domain.consultations import Consultation, validate_consultation
from ..domain.names import family_keys, tokens
from ..domain.referrals import Referral, validate_referral
from ..domain.target_groups import deviations
from ..domain.validation import ValidationError, ValidationIssue
from .session import Session


def _raise_if(issues: list[ValidationIssue]) -> None:
    if issues:
        raise ValidationError(issues)


# -- clients -----------------------------------------------------------------------------------------


def new_client_number(session: Session, today: date | None = None) -> str:
    return session.store.clients.next_number((today or date.today()).year)


def save_client(session: Session, client: Client, today: date | None = None) -> Client:
    today = today or date.today()
    _raise_if(validate_client(client, today))
    # The number is chosen inside the writing transaction (BEGIN IMMEDIATE): another writer, also in
    # another process, waits for the lock and then sees this number as taken.
    with session.store.transaction():
        if not client.client_number:
            client.client_number = new_client_number(session, today)
        return session.save(session.store.clients, client, "client")


def open_client(session: Session, client_id: str) -> Client:
    """Loads a client for display; the view is written to the audit log."""
    client = session.store.clients.require(client_id)
    session.audit("view", "client", client_id)
    return client


def delete_client(session: Session, client_id: str) -> None:
    session.require_role("team_lead", "admin")
    with session.store.transaction():
        session.store.clients.delete(client_id)
        session.audit("delete", "client", client_id)


def search_clients(session: Session, text: str, limit: int = 50) -> list[Client]:
    return session.store.clients.search(text, limit) if text.strip() else []


def find_similar(session: Session, client: Client, limit: int = 5) -> list[Client]:
    """Existing clients that may be the same person: the repository's search for the typed family and
    given name (in Latin or the original script), then the same family name across spellings and
    scripts and a compatible birth year. Household members of other clients do not count."""
    family = tokens(client.family_name) or tokens(client.family_name_original)
    given = tokens(client.given_name) or tokens(client.given_name_original)
    if not family or not given:
        return []
    candidates = session.store.clients.search(f"{family[0]} {given[0]}", limit=50)
    keys = family_keys(client.family_name, client.family_name_original)
    year = client.effective_birth_year

    def same_person(other: Client) -> bool:
        if other.id == client.id:
            return False
        other_year = other.effective_birth_year
        if year and other_year and abs(year - other_year) > 1:
            return False
        return bool(keys & family_keys(other.family_name, other.family_name_original))

    return [c for c in candidates if same_person(c)][:limit]


# -- cases -------------------------------------------------------------------------------------------


def open_case(session: Session, case: Case, today: date | None = None) -> Case:
    """Opens a case. Outside the service's target group (domain/target_groups.py) it opens only with a
    reason; the case keeps the reason and how it deviates, and the summary counts such cases."""
    today = today or date.today()
    client = session.store.clients.get(case.client_id)
    _raise_if(validate_case(case, client, today) + target_group_issues(case, client))
    case.outside_target_group = deviations(case.service, client, case.opened)
    if not case.outside_target_group:
        case.target_group_reason = ""
    with session.store.transaction():
        session.store.cases.add(case)
        session.audit("create", "case", case.id, case.service)
    return case


def save_case(session: Session, case: Case, today: date | None = None) -> Case:
    today = today or date.today()
    client = session.store.clients.get(case.client_id)
    _raise_if(validate_case(case, client, today))
    session.store.cases.require(case.id)
    return session.save(session.store.cases, case, "case")


def close_case(session: Session, case_id: str, closed: date, reason: str) -> Case:
    case = session.store.cases.require(case_id)
    case.closed = closed
    case.close_reason = reason
    return save_case(session, case, max(closed, date.today()))


# -- consultations and activities --------------------------------------------------------------------


def record_consultation(
    session: Session,
    consultation: Consultation,
    now: datetime | None = None,
    *,
    new_case_service: str = "",
    appointment_id: str = "",
    referral_purpose: str = "",
    target_group_reason: str = "",
) -> Consultation:
    """Records a consultation as one use case: with `new_case_service` it first opens a case of that
    service for the client (the consultation joins it), with `appointment_id` a planned appointment it
    came from is marked done. A referral partner records a referral (with its purpose; the outcome is
    set later). Everything, audit entries included, commits together or not at all."""
    now = now or datetime.now()
    if consultation.interpreter_id or consultation.interpreter_language:
        consultation.interpreter_used = True
    pending = replace(consultation, case_id=consultation.case_id or "pending") if new_case_service else consultation
    _raise_if(validate_consultation(pending, now))
    with session.store.transaction():
        if new_case_service:
            opened = min(consultation.start.date(), now.date())
            case = Case(
                client_id=consultation.client_id,
                service=new_case_service,
                counsellor_id=consultation.counsellor_id or session.user.id,
                opened=opened,
                target_group_reason=target_group_reason,
            )
            consultation.case_id = open_case(session, case, now.date()).id
        session.save(session.store.consultations, consultation, "consultation")
        _record_referral(session, consultation, referral_purpose, now.date())
        appointment = session.store.appointments.get(appointment_id) if appointment_id else None
        if appointment is not None and appointment.status == "planned":
            appointment.status = "done"
            session.save(session.store.appointments, appointment, "appointment")
    return consultation


def _record_referral(session: Session, consultation: Consultation, purpose: str, today: date) -> None:
    """The consultation's referral as its own record (one per consultation; a changed partner or
    purpose updates it, no partner any more deletes it)."""
    store = session.store
    existing = [r for r in store.referrals.naming("consultation_id", consultation.id)]
    partner_id = consultation.referral_partner_id
    if not partner_id:
        for r in existing:
            store.referrals.delete(r.id)
            session.audit("delete", "referral", r.id)
        return
    case = store.cases.require(consultation.case_id)
    if existing:
        referral = existing[0]
        referral.partner_id = partner_id
        referral.purpose = purpose.strip() or referral.purpose
    else:
        referral = Referral(
            client_id=consultation.client_id,
            partner_id=partner_id,
            counsellor_id=consultation.counsellor_id,
            service=case.service,
            day=consultation.start.date(),
            consultation_id=consultation.id,
            purpose=purpose.strip(),
        )
    _raise_if(validate_referral(referral, max(today, referral.day)))
    session.save(store.referrals, referral, "referral")


def record_activity(session: Session, activity: Activity) -> Activity:
    _raise_if(validate_activity(activity))
    return session.save(session.store.activities, activity, "activity")


# -- agreements and consents -------------------------------------------------------------------------


def save_goal(session: Session, goal: AgreementGoal) -> AgreementGoal:
    _raise_if(validate_goal(goal))
    return session.save(session.store.goals, goal, "goal")


def overdue_goals(
    session: Session, today: date | None = None, *, own_cases: bool = False, limit: int = 500
) -> list[AgreementGoal]:
    """Overdue goals; with own_cases only those of cases the signed-in user leads (the start page)."""
    counsellor = session.user.id if own_cases else None
    return session.store.goals.overdue(today or date.today(), counsellor, limit)


def save_consent(session: Session, consent: Consent) -> Consent:
    _raise_if(validate_consent(consent))
    return session.save(session.store.consents, consent, "consent", consent.purpose)


# -- the client page ---------------------------------------------------------------------------------


@dataclass
class ClientFile:
    client: Client
    cases: list[Case] = field(default_factory=list)
    consultations: list[Consultation] = field(default_factory=list)
    goals: list[AgreementGoal] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)


def client_file(session: Session, client_id: str, *, audit_view: bool = True) -> ClientFile:
    """Everything the client page shows, read in one go. Showing the file again after a change the
    user just made (audit_view=False) is not a new view of it: the change is in the log already."""
    store = session.store
    client = open_client(session, client_id) if audit_view else store.clients.require(client_id)
    cases = store.cases.for_client(client_id)
    goals = [g for case in cases for g in store.goals.for_case(case.id)]
    return ClientFile(
        client=client,
        cases=cases,
        consultations=store.consultations.for_client(client_id),
        goals=goals,
        consents=store.consents.for_client(client_id),
        appointments=store.appointments.for_client(client_id),
        audit=store.audit.for_record(client_id),
    )


# -- lookups for the forms and the start page --------------------------------------------------------


def open_cases(session: Session, client_id: str) -> list[Case]:
    return [c for c in session.store.cases.for_client(client_id) if c.is_open]


def case_goals(session: Session, case_id: str) -> list[AgreementGoal]:
    return session.store.goals.for_case(case_id)


def client_names(session: Session, client_ids: list[str]) -> dict[str, str]:
    """Display names of several clients at once (for lists that show many appointments or goals)."""
    return {c.id: c.display_name for c in session.store.clients.by_ids(sorted(set(client_ids)))}


@dataclass
class OverdueGoal:
    goal: AgreementGoal
    case: Case
    client_name: str


def overdue_goals_with_clients(
    session: Session, today: date | None = None, *, own_cases: bool = False, limit: int = 500
) -> list[OverdueGoal]:
    goals = overdue_goals(session, today, own_cases=own_cases, limit=limit)
    found = {c.id: c for c in session.store.cases.by_ids(sorted({g.case_id for g in goals}))}
    cases = {g.case_id: found.get(g.case_id) for g in goals}
    names = client_names(session, [c.client_id for c in cases.values() if c])
    return [
        OverdueGoal(g, case, names.get(case.client_id, "")) for g in goals if (case := cases[g.case_id]) is not None
    ]
