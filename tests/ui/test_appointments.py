from __future__ import annotations

from datetime import date, datetime, time, timedelta

from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.services import scheduling
from beratung_desktop.ui.appointments.appointment_dialog import AppointmentDialog
from beratung_desktop.ui.appointments.appointments_view import AppointmentsView
from beratung_desktop.ui.consultations.consultation_dialog import ConsultationDialog
from beratung_desktop.ui.qt import Qt, QtCore, QtGui
from tests import factories
from tests.ui.conftest import ctrl_s

TOMORROW = date.today() + timedelta(days=1)


def _plan(session, client, hour: int, minutes: int = 60, **overrides) -> Appointment:
    start = datetime.combine(TOMORROW, time(hour))
    return scheduling.save_appointment(
        session,
        Appointment(
            start=start,
            end=start + timedelta(minutes=minutes),
            counsellor_id=session.user.id,
            client_id=client.id,
            **overrides,
        ),
    )


def test_overlap_warning_shown_inline_and_save_anyway(qtbot, session, show):
    client = factories.add_client(session)
    existing = _plan(session, client, 10)
    other = factories.add_client(session, given_name="Omid", family_name="Rahimi")
    dialog = show(AppointmentDialog(session, start=datetime.combine(TOMORROW, time(10, 30)), client=other))
    qtbot.waitUntil(dialog.overlap_bar.isVisible, timeout=2000)
    assert [a.id for a in dialog.overlaps] == [existing.id]
    assert "Beispiel, Testa" in dialog.overlap_bar.text.text()

    ctrl_s(qtbot, dialog.notes)
    assert session.store.appointments.count() == 1
    assert dialog.isVisible()

    qtbot.mouseClick(dialog.overlap_bar.buttons()[0], Qt.MouseButton.LeftButton)
    assert session.store.appointments.count() == 2
    assert not dialog.isVisible()


def test_no_warning_when_moved_out_of_the_overlap(qtbot, session, show):
    client = factories.add_client(session)
    _plan(session, client, 10)
    dialog = show(AppointmentDialog(session, start=datetime.combine(TOMORROW, time(10, 30)), client=client))
    dialog.check_overlaps()
    assert dialog.overlap_bar.isVisible()
    dialog.start.set_value(datetime.combine(TOMORROW, time(14, 0)))
    qtbot.waitUntil(lambda: not dialog.overlap_bar.isVisible(), timeout=2000)
    ctrl_s(qtbot, dialog.notes)
    assert session.store.appointments.count() == 2


def test_appointment_needs_client_group_or_outreach(qtbot, session, show):
    dialog = show(AppointmentDialog(session, start=datetime.combine(TOMORROW, time(9))))
    ctrl_s(qtbot, dialog.notes)
    assert dialog.errors.label("client_id").isVisible()
    dialog.outreach.setChecked(True)
    dialog.place.setCurrentText("Gemeinschaftsunterkunft Nord")
    ctrl_s(qtbot, dialog.notes)
    stored = session.store.appointments.all()
    assert [(a.outreach, a.place) for a in stored] == [(True, "Gemeinschaftsunterkunft Nord")]


def test_client_picker_finds_by_typing(qtbot, session, show):
    client = factories.add_client(session, given_name="Lina", family_name="Karimi")
    dialog = show(AppointmentDialog(session, start=datetime.combine(TOMORROW, time(9))))
    dialog.client.setFocus()
    qtbot.keyClicks(dialog.client, "Karimi")
    qtbot.keyClick(dialog.client, Qt.Key.Key_Return)
    assert dialog.client.client_id == client.id


def test_client_picker_uses_the_repository_search_for_every_spelling(qtbot, session, show):
    mueller = factories.add_client(session, given_name="Jürgen", family_name="Müller")
    shevchenko = factories.add_client(
        session, given_name="", family_name="", family_name_original="Шевченко", given_name_original="Тарас"
    )
    dialog = show(AppointmentDialog(session, start=datetime.combine(TOMORROW, time(9))))
    for typed, wanted in (("Mueller", mueller), ("Shevchenko", shevchenko)):
        dialog.client.clear()
        dialog.client.setFocus()
        qtbot.keyClicks(dialog.client, typed)
        dialog.client.search()
        # The completer shows the search's rows although their text does not contain what was typed.
        assert dialog.client.completer().popup().isVisible()
        assert dialog.client.completer().popup().model().rowCount() == 1
        qtbot.keyClick(dialog.client, Qt.Key.Key_Return)
        assert dialog.client.client_id == wanted.id


def test_view_shows_outreach_with_place_and_creates_on_double_click(qtbot, session, show):
    client = factories.add_client(session)
    _plan(session, client, 9, outreach=True, place="Unterkunft Lindenweg")
    view = show(AppointmentsView(session))
    view.resize(1200, 700)
    view.show_day(TOMORROW)
    assert any("Outreach: Unterkunft Lindenweg" in t for t in view.titles.values())
    assert view.agenda.count() == 1

    view.set_mode("day")
    point = view.grid.point_for(datetime.combine(TOMORROW, time(14, 0))).toPoint()
    qtbot.mouseDClick(view.grid, Qt.MouseButton.LeftButton, pos=point)
    dialog = view.dialog
    assert isinstance(dialog, AppointmentDialog)
    assert dialog.start.value() == datetime.combine(TOMORROW, time(14, 0))
    dialog.group.setText("Women's café")
    dialog.try_save()
    assert view.agenda.count() == 2


def test_drag_moves_and_cancel_can_be_undone(qtbot, session, show):
    client = factories.add_client(session)
    appointment = _plan(session, client, 10)
    view = show(AppointmentsView(session))
    view.resize(1200, 900)
    view.show_day(TOMORROW)
    view.set_mode("day")
    grid = view.grid
    start = grid.point_for(datetime.combine(TOMORROW, time(10, 0))).toPoint()
    target = grid.point_for(datetime.combine(TOMORROW, time(12, 0))).toPoint()
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    # QTest's mouseMove carries no pressed button, so the drag step is sent as a real event.
    where = QtCore.QPointF(target)
    move = QtGui.QMouseEvent(
        QtCore.QEvent.Type.MouseMove,
        where,
        where,
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QtCore.QCoreApplication.sendEvent(grid, move)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=target)
    moved = session.store.appointments.require(appointment.id)
    assert moved.start == datetime.combine(TOMORROW, time(12, 0))
    assert moved.end == datetime.combine(TOMORROW, time(13, 0))

    grid.select(appointment.id)
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_Delete)
    assert session.store.appointments.require(appointment.id).status == "cancelled"
    assert view.message.isVisible()
    undo = view.message.buttons()[0]
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert session.store.appointments.require(appointment.id).status == "planned"


def test_mark_done_offers_to_record_the_consultation(qtbot, session, show):
    client = factories.add_client(session)
    factories.add_case(session, client)
    start = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    appointment = scheduling.save_appointment(
        session,
        Appointment(start=start, end=start + timedelta(minutes=30), counsellor_id=session.user.id, client_id=client.id),
    )
    view = show(AppointmentsView(session))
    view.show_day(start.date())
    view.grid.select(appointment.id)
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert session.store.appointments.require(appointment.id).status == "done"
    assert view.message.isVisible()
    record = view.message.buttons()[0]
    assert record.text() == "&Record consultation"

    with qtbot.waitSignal(view.record_consultation_requested) as requested:
        qtbot.mouseClick(record, Qt.MouseButton.LeftButton)
    assert requested.args == [appointment.id]
    dialog = view.dialog
    assert isinstance(dialog, ConsultationDialog)
    assert dialog.minutes.value() == 30
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.keyClick(dialog.topics.chip("authorities"), Qt.Key.Key_Space)
    ctrl_s(qtbot, dialog.notes)
    assert session.store.consultations.count() == 1


def test_grid_maps_points_to_times_in_both_directions(qtbot, show):
    from beratung_desktop.ui.appointments.time_grid import TimeGrid

    grid = show(TimeGrid())
    grid.resize(900, 600)
    monday = TOMORROW - timedelta(days=TOMORROW.weekday())
    days = [monday + timedelta(days=i) for i in range(7)]
    grid.set_content(days, [], {})
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        grid.setLayoutDirection(direction)
        for day in (days[0], days[4]):
            moment = datetime.combine(day, time(15, 30))
            assert grid.moment_at(grid.point_for(moment)) == moment
    # Right to left, Monday is the rightmost column.
    assert (
        grid.point_for(datetime.combine(days[0], time(9))).x() > grid.point_for(datetime.combine(days[6], time(9))).x()
    )


def test_keyboard_moves_the_selected_appointment(qtbot, session, show):
    client = factories.add_client(session)
    appointment = _plan(session, client, 10)
    view = show(AppointmentsView(session))
    view.show_day(TOMORROW)
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_Down)  # selects the first appointment
    assert view.grid.selected_id == appointment.id
    qtbot.keyClick(view.grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    stored = session.store.appointments.require
    assert stored(appointment.id).start == datetime.combine(TOMORROW, time(10, 30))
    qtbot.mouseClick(view.message.buttons()[0], Qt.MouseButton.LeftButton)  # Undo the last step
    assert stored(appointment.id).start == datetime.combine(TOMORROW, time(10, 15))


def test_week_view_blocks_never_cut_a_name_in_half(qapp):
    from beratung_desktop.ui.appointments.time_grid import block_lines
    from beratung_desktop.ui.qt import QtGui

    metrics = QtGui.QFontMetrics(QtGui.QFont())
    title = "Schewtschenko-Bondarenko, Oleksandra Gemeinschaftsunterkunft Nord"
    width = metrics.horizontalAdvance("Schewtschenko") * 0.8
    lines = block_lines(metrics, "10:00", title, width, metrics.lineSpacing() * 3)
    assert len(lines) == 3
    assert lines[0] == "\u206610:00\u2069"
    words = title.split()
    for line in lines[1:]:
        assert metrics.horizontalAdvance(line) <= width
        # Every visible piece is a whole word, or a word ending in the ellipsis: never a split word.
        for piece in line.split():
            assert piece in words or piece.endswith("…")
    roomy = block_lines(metrics, "10:00", "Amina Haddad", 1000, metrics.lineSpacing() * 3)
    assert roomy == ["\u206610:00\u2069 Amina Haddad"]


def test_week_view_short_appointments_are_one_line_tall_and_overlaps_sit_side_by_side(qtbot, session, show):
    client = factories.add_client(session, family_name="Müller", given_name="Karin")
    quarter = timedelta(minutes=15)
    first = _plan(session, client, 10, minutes=15)
    second = scheduling.save_appointment(
        session,
        Appointment(start=first.end, end=first.end + quarter, counsellor_id=session.user.id, client_id=client.id),
    )
    long_one = _plan(session, client, 14, minutes=90)
    overlapping = scheduling.save_appointment(
        session,
        Appointment(
            start=long_one.start + 2 * quarter,
            end=long_one.end,
            counsellor_id=session.user.id,
            client_id=client.id,
        ),
    )
    view = show(AppointmentsView(session))
    view.resize(1100, 560)  # a 1366x768 laptop at 125 %: about 35 px per hour
    view.set_mode("week")
    view.show_day(TOMORROW)
    qtbot.waitUntil(lambda: len(view.grid.blocks) == 4, timeout=2000)
    rects = {b.appointment.id: b.rect for b in view.grid.blocks}
    line = view.grid.fontMetrics().lineSpacing()
    assert view.grid.hour_height() * 0.25 < line, "the case this is about: 15 minutes shorter than a line"
    assert all(rect.height() >= line for rect in rects.values()), "a block shows at least one whole line"
    ids = [first.id, second.id, long_one.id, overlapping.id]
    for index, a in enumerate(ids):
        for b in ids[index + 1 :]:
            assert not rects[a].intersected(rects[b]).isValid() or rects[a].intersected(rects[b]).isEmpty(), (a, b)
    assert rects[first.id].left() != rects[second.id].left()  # drawn overlapping, so side by side
    assert rects[long_one.id].left() != rects[overlapping.id].left()
