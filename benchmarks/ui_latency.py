"""Window-thread latency of the ui-work widgets on a store of office size.

Run: QT_QPA_PLATFORM=offscreen uv run python benchmarks/ui_latency.py [clients]
Each figure is the slowest of five runs of one user action, measured on the window thread; the target
is 100 ms (the issue: nothing blocks the window thread longer during normal use).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from beratung_desktop.domain.agreements import AgreementGoal
from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.domain.cases import Case
from beratung_desktop.domain.clients import Client
from beratung_desktop.services import accounts, casework
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.ui.qt import QtWidgets

GIVEN = ["Amal", "Bashir", "Dana", "Elif", "Farid", "Goli", "Hadi", "Iryna", "Jamal", "Kiana", "Leyla", "Milad"]
FAMILY = [
    "Abadi",
    "Bakri",
    "Celik",
    "Darwish",
    "Ebrahimi",
    "Fadel",
    "Ghani",
    "Hamidi",
    "Ivanenko",
    "Jaber",
    "Karimi",
    "Lazar",
    "Mansour",
    "Nasser",
    "Osman",
    "Petrenko",
    "Qasemi",
    "Rahman",
    "Sadeghi",
    "Tahir",
]


def build(session, clients: int) -> Client:
    rng = random.Random(7)
    people = [
        Client(
            given_name=rng.choice(GIVEN),
            family_name=f"{rng.choice(FAMILY)}{i % 97 or ''}",
            birth_year=rng.randint(1950, 2010),
            country_of_origin="SY",
            client_number=f"2025-{i:05d}",
        )
        for i in range(clients)
    ]
    session.store.clients.add_many(people)
    cases = [
        Case(client_id=c.id, service="mbe", counsellor_id=session.user.id, opened=date(2025, 1, 1))
        for c in people[: clients // 2]
    ]
    session.store.cases.add_many(cases)
    overdue = date.today() - timedelta(days=3)
    session.store.goals.add_many(AgreementGoal(case_id=c.id, goal="Goal", due=overdue) for c in cases[:200])
    monday = date.today() - timedelta(days=date.today().weekday())
    appointments = []
    for day in range(-14, 14):
        for slot in range(8):
            start = datetime.combine(monday + timedelta(days=day), datetime.min.time()).replace(hour=8 + slot)
            appointments.append(
                Appointment(
                    start=start,
                    end=start + timedelta(minutes=45),
                    counsellor_id=session.user.id,
                    client_id=rng.choice(people).id,
                )
            )
    session.store.appointments.add_many(appointments)
    return people[0]


def slowest(action, runs: int = 5) -> float:
    worst = 0.0
    for _ in range(runs):
        started = time.perf_counter()
        action()
        QtWidgets.QApplication.processEvents()
        worst = max(worst, time.perf_counter() - started)
    return worst * 1000


def main() -> None:
    clients = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    from beratung_desktop.ui.appointments.appointment_dialog import AppointmentDialog
    from beratung_desktop.ui.appointments.appointments_view import AppointmentsView
    from beratung_desktop.ui.clients.client_dialog import ClientDialog
    from beratung_desktop.ui.consultations.consultation_dialog import ConsultationDialog
    from beratung_desktop.ui.start_page import StartPage

    folder = Path(tempfile.mkdtemp()) / "store"
    session, _key = accounts.create_store(folder, "anna", "correct horse battery", kdf=TEST_KDF)
    client = build(session, clients)
    client = casework.open_client(session, client.id)
    dialog = ClientDialog(session)
    dialog.given.setText(client.given_name)
    dialog.family.setText(client.family_name)
    view = AppointmentsView(session)
    view.resize(1300, 700)
    view.show()
    rows = [
        ("open new-client form (countries, languages)", lambda: ClientDialog(session).deleteLater()),
        ("duplicate check while typing", dialog.check_duplicates),
        ("open consultation form", lambda: ConsultationDialog(session, client).deleteLater()),
        ("open appointment form with overlap check", lambda: AppointmentDialog(session).deleteLater()),
        ("week view refresh (8 appointments a day)", view.refresh),
        ("start page build and refresh", lambda: StartPage(session).deleteLater()),
    ]
    print("| scenario | data size | figure | target |")
    print("|---|---|---|---|")
    for name, action in rows:
        print(
            f"| UI: {name} | {clients} clients, 224 appointments in 4 weeks, 200 overdue goals "
            f"| {slowest(action):.0f} ms (slowest of 5) | < 100 ms |"
        )
    view.close()
    session.close()
    app.quit()


if __name__ == "__main__":
    main()
