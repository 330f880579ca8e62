"""Repositories of the record types without derived data."""

from __future__ import annotations

from datetime import date, datetime

from ..domain.activities import Activity
from ..domain.agreements import AgreementGoal
from ..domain.appointments import Appointment
from ..domain.cases import Case
from ..domain.consents import Consent
from ..domain.consultations import Consultation
from ..domain.partners import NetworkPartner
from ..domain.users import User
from .errors import NotFound
from .repository import NamedPool, Repository


class UserRepository(Repository[User]):
    table = "users"
    record_type = User

    def by_name(self, name: str) -> User | None:
        found = self._where("name = ?", (name,))
        return found[0] if found else None

    def ordered_by_name(self) -> list[User]:
        return self._where(order="name")

    def with_role(self, role: str) -> list[User]:
        return self._where("role = ?", (role,), order="name")


class CaseRepository(Repository[Case]):
    table = "cases"
    record_type = Case

    def by_ids(self, ids: list[str]) -> list[Case]:
        return self._where(f"id IN ({', '.join('?' for _ in ids)})", tuple(ids)) if ids else []

    def for_client(self, client_id: str) -> list[Case]:
        return self._where("client_id = ?", (client_id,), order="opened DESC")

    def for_clients(self, client_ids: list[str]) -> list[Case]:
        return self._in_chunks("client_id", client_ids)

    def of_service(self, service: str) -> list[Case]:
        return self._where("service = ?", (service,), order="opened")

    def open_by_opening(self) -> list[Case]:
        """Open cases, the earliest opened first (those opened the same day in the order written)."""
        return self._where("closed IS NULL", order="opened, rowid")


class ConsultationRepository(Repository[Consultation]):
    table = "consultations"
    record_type = Consultation

    def for_client(self, client_id: str) -> list[Consultation]:
        return self._where("client_id = ?", (client_id,), order="start DESC")

    def between(self, start: date, end: date) -> list[Consultation]:
        """Consultations on the days start..end inclusive."""
        return self._where(
            "start >= ? AND start < date(?, '+1 day')", (start.isoformat(), end.isoformat()), order="start"
        )

    def last_contact(self, client_id: str) -> datetime | None:
        row = self.db.query("SELECT max(start) FROM consultations WHERE client_id = ? AND deleted = 0", (client_id,))
        return datetime.fromisoformat(row[0][0]) if row and row[0][0] else None


class GoalRepository(Repository[AgreementGoal]):
    table = "agreement_goals"
    record_type = AgreementGoal

    def for_case(self, case_id: str) -> list[AgreementGoal]:
        return self._where("case_id = ?", (case_id,), order="due IS NULL, due")

    def overdue(self, today: date, counsellor_id: str | None = None, limit: int = 500) -> list[AgreementGoal]:
        """Active goals past their due date, oldest first; only those of one counsellor's cases if given."""
        condition = "status IN ('open', 'in_progress') AND due < ?"
        params: tuple = (today.isoformat(),)
        if not counsellor_id:
            return self._where(condition, params, order="due", limit=limit)
        # The start page: the open goals in order of their due day (migration 15) until `limit` of the
        # counsellor's are found, each case looked up by id. Starting from the counsellor's cases read all
        # of them (33,500 at 200,000 clients: 0.37 s before the main window appeared).
        return self._rows(
            f"{self._select} INDEXED BY goals_open_due WHERE deleted = 0 AND {condition} AND EXISTS "
            "(SELECT 1 FROM cases k WHERE k.id = agreement_goals.case_id AND k.counsellor_id = ? AND k.deleted = 0) "
            f"ORDER BY due LIMIT {int(limit)}",
            (*params, counsellor_id),
        )


class AppointmentRepository(Repository[Appointment]):
    table = "appointments"
    record_type = Appointment

    def between(self, start: datetime, end: datetime, counsellor_id: str | None = None) -> list[Appointment]:
        condition = 'start < ? AND "end" > ?'
        params: tuple = (end.isoformat(), start.isoformat())
        if counsellor_id:
            condition += " AND counsellor_id = ?"
            params += (counsellor_id,)
        return self._where(condition, params, order="start")

    def for_client(self, client_id: str) -> list[Appointment]:
        return self._where("client_id = ?", (client_id,), order="start DESC")

    def of_interpreter(self, interpreter_id: str, start: datetime, end: datetime) -> list[Appointment]:
        """Appointments that booked the interpreter and overlap [start, end)."""
        return self._where(
            'interpreter_id = ? AND start < ? AND "end" > ?',
            (interpreter_id, end.isoformat(), start.isoformat()),
            order="start",
        )

    def places(self, limit: int = 50) -> list[str]:
        """Places used before, most recent first (outreach locations are typed once, then chosen)."""
        rows = self.db.query(
            "SELECT place FROM appointments WHERE place != '' AND deleted = 0 "
            "GROUP BY place ORDER BY max(start) DESC LIMIT ?",
            (limit,),
        )
        return [r[0] for r in rows]


class ConsentRepository(Repository[Consent]):
    table = "consents"
    record_type = Consent

    def for_client(self, client_id: str) -> list[Consent]:
        return self._where("client_id = ?", (client_id,), order="given DESC")

    def for_clients(self, client_ids: list[str]) -> list[Consent]:
        return self._in_chunks("client_id", client_ids)

    def set_signed_form(self, consent_id: str, content: bytes, media_type: str) -> None:
        """Stores the scan of the signed form (replacing one stored before)."""
        cursor = self.db.execute(
            "UPDATE consents SET signed_form = ?, signed_form_type = ? WHERE id = ?", (content, media_type, consent_id)
        )
        if cursor.rowcount != 1:
            raise NotFound(record_id=consent_id)

    def signed_form(self, consent_id: str) -> tuple[bytes, str] | None:
        rows = self.db.query(
            "SELECT signed_form, signed_form_type FROM consents WHERE id = ? AND signed_form IS NOT NULL",
            (consent_id,),
        )
        return (bytes(rows[0][0]), rows[0][1]) if rows else None

    def signed_form_facts(self, client_id: str) -> dict[str, tuple[str, int]]:
        """The media type and size in bytes of each stored signed form of the client, by consent id
        (without reading the scans)."""
        rows = self.db.query(
            "SELECT id, signed_form_type, length(signed_form) FROM consents "
            "WHERE client_id = ? AND signed_form IS NOT NULL",
            (client_id,),
        )
        return {r[0]: (r[1], int(r[2])) for r in rows}

    def with_signed_form(self, client_id: str) -> set[str]:
        """The ids of the client's consents that have a signed form stored."""
        rows = self.db.query("SELECT id FROM consents WHERE client_id = ? AND signed_form IS NOT NULL", (client_id,))
        return {r[0] for r in rows}

    def expiring(self, first: date, last: date, counsellor_id: str | None = None, limit: int = 500) -> list[Consent]:
        """Consents not withdrawn that expire on the days first..last, soonest first; with a counsellor,
        only those of clients whose cases they lead."""
        condition = "expires >= ? AND expires <= ? AND given <= ? AND (withdrawn IS NULL OR withdrawn > ?)"
        params: tuple = (first.isoformat(), last.isoformat(), first.isoformat(), first.isoformat())
        if counsellor_id:
            condition += " AND client_id IN (SELECT client_id FROM cases WHERE counsellor_id = ? AND deleted = 0)"
            params += (counsellor_id,)
        return self._where(condition, params, order="expires, client_id", limit=limit)


class PartnerRepository(NamedPool[NetworkPartner]):
    table = "partners"
    record_type = NetworkPartner


class ActivityRepository(Repository[Activity]):
    table = "activities"
    record_type = Activity

    def between(self, start: date, end: date) -> list[Activity]:
        return self._where("day >= ? AND day <= ?", (start.isoformat(), end.isoformat()), order="day")

    def with_partner(self, partner_id: str) -> list[Activity]:
        return self._where("partner_id = ?", (partner_id,), order="day DESC")
