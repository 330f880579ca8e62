"""Switching the language at runtime gives every page exactly what a window built in that language shows.

The main window with every page opened (start, client list, a client's page, appointments, reports,
export, settings with the users section) and the organisation page go through every interface language
and back to German. After each switch their texts, layout directions and locales are compared widget
by widget with a fresh window built in that language: a text that did not follow is named.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from beratung_desktop.config import Settings
from beratung_desktop.i18n import _, available_languages, is_rtl
from beratung_desktop.i18n.translation import translator_for
from beratung_desktop.ui.language import LanguageSwitch
from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.organisation_view import OrganisationView
from beratung_desktop.ui.qt import Qt, QtCore, QtGui, QtWidgets
from tests.ui.conftest import delete_widgets
from tests.ui.screens import ScreenWorld, build_world, close_world

Snapshot = dict[str, list[str]]


@pytest.fixture(scope="module")
def world(tmp_path_factory, qapp) -> Iterator[ScreenWorld]:
    built = build_world(tmp_path_factory.mktemp("round-trip"))
    yield built
    delete_widgets()
    close_world(built)


def open_every_page(world: ScreenWorld) -> tuple[MainWindow, OrganisationView]:
    window = MainWindow(world.session, world.settings_store, Settings(), demo=True)
    for key in window.page_keys:
        window.page(key)
    window.open_client(world.client.id)
    window.show_page("start")
    assert world.org is not None
    return window, OrganisationView(world.org)


def _texts(widget: QtWidgets.QWidget) -> list[str]:
    texts: list[str] = []
    if isinstance(widget, QtWidgets.QLabel | QtWidgets.QAbstractButton | QtWidgets.QLineEdit):
        texts.append(widget.text())
    if isinstance(widget, QtWidgets.QLineEdit):
        texts.append(widget.placeholderText())
    if isinstance(widget, QtWidgets.QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QtWidgets.QTabWidget):
        texts += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QtWidgets.QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QtWidgets.QListWidget):
        texts += [widget.item(i).text() for i in range(widget.count())]
    if isinstance(widget, QtWidgets.QAbstractSpinBox):
        texts.append(widget.text())
    if isinstance(widget, QtWidgets.QHeaderView) and widget.model() is not None:
        model, orientation = widget.model(), widget.orientation()
        texts += [str(model.headerData(i, orientation) or "") for i in range(widget.count())]
    if widget.accessibleName():
        texts.append(widget.accessibleName())
    if widget.toolTip():
        texts.append(widget.toolTip())
    return texts


def _path(widget: QtWidgets.QWidget, root: QtWidgets.QWidget) -> str:
    """Where the widget sits: class and position among same-class siblings, from the root down."""
    parts = []
    while widget is not root and widget is not None:
        parent = widget.parentWidget()
        siblings = [w for w in (parent.children() if parent else []) if type(w) is type(widget)]
        parts.append(
            f"{type(widget).__name__}{widget.objectName() and '#' + widget.objectName()}[{siblings.index(widget)}]"
        )
        widget = parent
    return "/".join(reversed(parts))


def _qt_internal(widget: QtWidgets.QWidget) -> bool:
    """Scroll bars (Qt re-parents them as they appear), a table's row numbers (counts differ as the audit
    trail grows), and the scroll arrows of a tab bar, whose tooltips Qt itself never retranslates."""
    parent = widget.parentWidget()
    return (
        isinstance(widget, QtWidgets.QScrollBar)
        or widget.objectName().startswith("qt_scrollarea")
        or (isinstance(widget, QtWidgets.QHeaderView) and widget.orientation() == Qt.Orientation.Vertical)
        or isinstance(parent, QtWidgets.QTabBar)
    )


def snapshot(root: QtWidgets.QWidget) -> Snapshot:
    """Every text, layout direction and locale of the root's widgets, by where each widget sits."""
    found: Snapshot = {"window title": [root.windowTitle()]}
    if isinstance(root, QtWidgets.QMainWindow):
        found["menus"] = [a.text() for a in root.menuBar().actions()]
        found["actions"] = [f"{a.text()} {a.toolTip()}" for a in root.findChildren(QtGui.QAction)]
    for widget in [root, *root.findChildren(QtWidgets.QWidget)]:
        if _qt_internal(widget):
            continue
        values = [*_texts(widget), f"direction {widget.layoutDirection().name}"]
        if isinstance(widget, QtWidgets.QAbstractSpinBox | QtWidgets.QCalendarWidget):
            values.append(f"locale {widget.locale().name()}")
        found.setdefault(_path(widget, root), []).extend(values)
    return found


def differences(switched: Snapshot, fresh: Snapshot) -> list[str]:
    problems = []
    for where in sorted(set(switched) | set(fresh)):
        got, want = switched.get(where), fresh.get(where)
        if got != want:
            problems.append(f"{where}: {got!r} (built fresh: {want!r})")
    return problems


def settle() -> None:
    """Lets the pages' background reads (start page notices, deadlines) finish and deliver their results:
    a fresh window's worker still running under load made the comparison flaky."""
    for _round in range(2):
        QtCore.QThreadPool.globalInstance().waitForDone()
        QtWidgets.QApplication.processEvents()


def test_every_page_follows_every_language_and_back(qtbot, qapp, world):
    switch = LanguageSwitch(qapp)
    switch.switch("de")
    window, org = open_every_page(world)
    for widget in (window, org):
        qtbot.addWidget(widget)
        widget.show()
    tour = [*[lang for lang in available_languages() if lang != "de"], "de"]
    try:
        for language in tour:
            switch.switch(language)
            QtWidgets.QApplication.processEvents()
            fresh_window, fresh_org = open_every_page(world)
            for widget in (fresh_window, fresh_org):
                qtbot.addWidget(widget)
                widget.show()
            settle()
            problems = differences(snapshot(window), snapshot(fresh_window))
            problems += differences(snapshot(org), snapshot(fresh_org))
            assert not problems, f"after switching to {language}:\n" + "\n".join(problems[:40])
            direction = Qt.LayoutDirection.RightToLeft if is_rtl(language) else Qt.LayoutDirection.LeftToRight
            pages = [window.page(key) for key in window.page_keys] + [window.client_page, org]
            assert all(page.layoutDirection() == direction for page in pages)
            fresh_window.close()
            fresh_org.close()
    finally:
        switch.switch("en")


def test_known_texts_per_page_come_from_the_catalogue(qtbot, qapp, world):
    """Spot checks independent of the comparison: one text per page equals its catalogue entry."""
    switch = LanguageSwitch(qapp)
    window, org = open_every_page(world)
    qtbot.addWidget(window)
    qtbot.addWidget(org)
    known = {
        "navigation": (lambda: window.navigation.item(1).text(), "Clients"),
        "start": (lambda: window.start_page.activity_button.text(), "Record an &activity without a client"),
        "client list": (lambda: window.client_list.title.text(), "Clients"),
        "client page": (lambda: window.client_page.tabs.tabText(0), "Personal data"),
        "reports": (lambda: window.page("reports").heading.text(), "Summaries for funders"),
        "export": (lambda: window.exchange_view.export_button.text(), "Export now"),
        "organisation": (lambda: org.import_button.text(), "Import packages…"),
        "users": (lambda: window.users_panel.add_button.text(), "&Add colleague…"),
    }
    try:
        for language in [*available_languages(), "de"]:
            switch.switch(language)
            catalogue = translator_for(language)
            for page, (shown, msgid) in known.items():
                assert shown() == catalogue.gettext(msgid) == _(msgid), f"{page} in {language}"
            calendar = QtWidgets.QCalendarWidget()
            assert calendar.locale().name() == QtCore.QLocale(language).name()
            calendar.deleteLater()
    finally:
        switch.switch("en")
