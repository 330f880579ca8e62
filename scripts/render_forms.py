"""Renders every form, the appointments view and the start page to PNG with invented demo data.

Run: QT_QPA_PLATFORM=offscreen uv run python scripts/render_forms.py [--rtl] [--out FOLDER]
Files: FOLDER/ui-<ltr|rtl>-<name>.png (default FOLDER: the system temp folder). For checking layouts at
laptop sizes (1366x768) and right-to-left; the committed screenshots come from scripts/screenshots.py.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from beratung_desktop.domain.agreements import AgreementGoal
from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.domain.cases import Case
from beratung_desktop.domain.clients import Client, HouseholdMember
from beratung_desktop.domain.partners import NetworkPartner
from beratung_desktop.services import accounts, casework, scheduling
from beratung_desktop.services.partners import save_partner
from beratung_desktop.services.session import Session
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.ui.activities.activity_dialog import ActivityDialog
from beratung_desktop.ui.appointments.appointment_dialog import AppointmentDialog
from beratung_desktop.ui.appointments.appointments_view import AppointmentsView
from beratung_desktop.ui.cases.case_dialog import CaseDialog, CloseCaseDialog
from beratung_desktop.ui.cases.goals_editor import GoalsDialog
from beratung_desktop.ui.clients.client_dialog import ClientDialog
from beratung_desktop.ui.consents.consent_dialog import ConsentDialog
from beratung_desktop.ui.consultations.consultation_dialog import ConsultationDialog
from beratung_desktop.ui.qt import Qt, QtWidgets
from beratung_desktop.ui.start_page import StartPage

PASSWORD = "correct horse battery"
PAGE_SIZE = (1300, 680)  # the main window's content area on a 1366x768 screen


def demo_store() -> tuple[Session, dict]:
    session, _key = accounts.create_store(
        Path(tempfile.mkdtemp()) / "store", "anna", PASSWORD, display_name="Anna Albers", kdf=TEST_KDF
    )
    accounts.add_user(session, "jonas", "counsellor", PASSWORD, display_name="Jonas Brandt", kdf=TEST_KDF)
    save_partner(session, NetworkPartner(name="Jobcentre Kreis Nord", kind="jobcentre"))
    save_partner(session, NetworkPartner(name="Sprachschule Lindenhof", kind="course_provider"))
    samira = casework.save_client(
        session,
        Client(
            given_name="Samira",
            family_name="Haddad",
            given_name_original="سميرة",
            family_name_original="حداد",
            birth_date=date(1988, 3, 2),
            gender="female",
            country_of_origin="SY",
            nationality="SY",
            languages=["ar", "en"],
            residence_status="refugee",
            arrival_date=date(2016, 2, 1),
            phone="0151 0000000",
            household=[HouseholdMember(given_name="Yusuf", family_name="Haddad", relation="son", birth_year=2012)],
        ),
    )
    omid = casework.save_client(
        session,
        Client(given_name="Omid", family_name="Rahimi", birth_year=1999, country_of_origin="AF", languages=["fa"]),
    )
    case = casework.open_case(
        session,
        Case(
            client_id=samira.id,
            service="mbe",
            counsellor_id=session.user.id,
            opened=date(2024, 1, 10),
            case_management=True,
        ),
    )
    today = date.today()
    casework.save_goal(
        session,
        AgreementGoal(
            case_id=case.id,
            goal="Apply for housing benefit",
            steps=["Collect rent contract", "Fill in the form"],
            due=today - timedelta(days=4),
        ),
    )
    casework.save_goal(
        session,
        AgreementGoal(
            case_id=case.id,
            goal="Find a B1 language course",
            status="in_progress",
            due=today + timedelta(days=20),
            responsible="client",
        ),
    )

    def plan(day: date, hour: int, minute: int, minutes: int, **values) -> None:
        start = datetime.combine(day, time(hour, minute))
        scheduling.save_appointment(
            session,
            Appointment(start=start, end=start + timedelta(minutes=minutes), counsellor_id=session.user.id, **values),
        )

    monday = today - timedelta(days=today.weekday())
    plan(today, 9, 0, 60, client_id=samira.id)
    plan(today, 9, 30, 45, client_id=omid.id)
    plan(today, 13, 0, 180, outreach=True, place="Unterkunft Lindenweg")
    plan(today - timedelta(days=2), 10, 0, 45, client_id=omid.id)
    plan(monday + timedelta(days=3), 14, 0, 90, group_name="Frauencafé", place="Stadtteilzentrum")
    plan(monday + timedelta(days=1), 11, 0, 60, client_id=samira.id, status="done")
    return session, {"samira": samira, "omid": omid, "case": case}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rtl", action="store_true", help="lay the widgets out right to left")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    app = QtWidgets.QApplication([])
    if args.rtl:
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    session, demo = demo_store()
    samira, omid, case = demo["samira"], demo["omid"], demo["case"]
    prefix = "rtl" if args.rtl else "ltr"

    def shot(name: str, widget: QtWidgets.QWidget, size: tuple[int, int] | None = None) -> None:
        if size:
            widget.resize(*size)
        widget.show()
        app.processEvents()
        widget.grab().save(str(args.out / f"ui-{prefix}-{name}.png"))
        widget.close()

    client = ClientDialog(session)
    client.given.setText("Samira")
    client.family.setText("Hadad")
    client.try_save()  # shows the duplicate warning
    shot("client-new-duplicate", client)
    shot("client-edit", ClientDialog(session, samira))
    consultation = ConsultationDialog(session, samira)
    consultation.minutes.set_value(0)
    consultation.try_save()  # shows the messages next to the fields
    shot("consultation-errors", consultation)
    shot("consultation-no-case", ConsultationDialog(session, omid))
    shot("activity", ActivityDialog(session))
    case_dialog = CaseDialog(session, samira)
    case_dialog.service.set_code("jmd")
    shot("case-jmd", case_dialog)
    shot("close-case", CloseCaseDialog(session, case))
    shot("goals", GoalsDialog(session, case))
    consent = ConsentDialog(session, samira)
    consent.purpose.set_code("sharing")
    consent.try_save()
    shot("consent", consent)
    appointment = AppointmentDialog(session, start=datetime.combine(date.today(), time(9, 15)), client=omid)
    shot("appointment-overlap", appointment)
    shot("appointments-week", AppointmentsView(session), PAGE_SIZE)
    day_view = AppointmentsView(session)
    day_view.set_mode("day")
    shot("appointments-day", day_view, PAGE_SIZE)
    shot("start", StartPage(session), PAGE_SIZE)
    session.close()
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
