"""Every window and dialog fits a 1366x768 laptop (1366x728 above the taskbar) in every interface language,
with texts stretched by 40 % (pseudo-localisation) on top of the real translation.

Checked for each screen of `tests/ui/screens.py` (every state it yields):
- the size it opens at and its minimum size are at most 1366x728;
- no label, button or check box is narrower than its text (a label that wraps is fine);
- no scroll area needs a horizontal scroll bar (forms scroll vertically only);
- no table header section is narrower than its caption.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from beratung_desktop.i18n import available_languages
from beratung_desktop.i18n.translation import set_pseudo_stretch
from beratung_desktop.ui.language import LanguageSwitch
from beratung_desktop.ui.qt import Qt, QtCore, QtWidgets
from beratung_desktop.ui.style import apply_style
from tests.ui.conftest import delete_widgets
from tests.ui.screens import SCREENS, ScreenWorld, build_world, close_world

LIMIT = QtCore.QSize(1366, 728)
STRETCH = 0.4


@dataclass
class Findings:
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # "language/screen" -> largest size


FINDINGS = Findings()


@pytest.fixture(scope="module")
def world(tmp_path_factory, qapp) -> Iterator[ScreenWorld]:
    apply_style(qapp)  # the app's look: its fonts and paddings take room too
    built = build_world(tmp_path_factory.mktemp("screens"))
    yield built
    delete_widgets()
    close_world(built)


@pytest.fixture
def language(request, qapp) -> Iterator[str]:
    switch = LanguageSwitch(qapp)
    switch.switch(request.param)
    set_pseudo_stretch(STRETCH)
    yield request.param
    set_pseudo_stretch(0)
    switch.switch("en")
    switch.deleteLater()


def _visible(widget: QtWidgets.QWidget, window: QtWidgets.QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0


def cut_texts(window: QtWidgets.QWidget) -> list[str]:
    """Labels, buttons and check boxes shown narrower than their text needs."""
    found = []
    for label in window.findChildren(QtWidgets.QLabel):
        if not _visible(label, window) or label.wordWrap() or not label.text() or label.pixmap().width() > 0:
            continue
        if label.objectName().startswith("qt_") or isinstance(label.parentWidget(), QtWidgets.QToolBar):
            continue
        need = label.minimumSizeHint().width()
        if label.width() + 1 < need:
            found.append(f"label {label.text()[:40]!r} {label.width()} < {need}")
    for button in window.findChildren(QtWidgets.QAbstractButton):
        if isinstance(button, QtWidgets.QToolButton) or not button.text() or not _visible(button, window):
            continue
        need = button.minimumSizeHint().width()
        if button.width() + 1 < need:
            found.append(f"button {button.text()[:40]!r} {button.width()} < {need}")
    return found


def horizontal_scrolling(window: QtWidgets.QWidget) -> list[str]:
    found = []
    for area in window.findChildren(QtWidgets.QScrollArea):
        if _visible(area, window) and area.horizontalScrollBar().isVisible():
            inner = area.widget()
            found.append(f"scroll area scrolls sideways ({inner.minimumSizeHint().width()} > {area.width()})")
    return found


def cut_headers(window: QtWidgets.QWidget) -> list[str]:
    found = []
    for view in window.findChildren(QtWidgets.QTableView):
        header = view.horizontalHeader()
        if not _visible(view, window) or header.isHidden() or view.model() is None:
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            caption = str(view.model().headerData(section, Qt.Orientation.Horizontal) or "")
            # Qt's own measure of the caption with the style's font, padding and sort arrow.
            need = header.sectionSizeHint(section)
            if caption and header.sectionSize(section) < need:
                found.append(f"header {caption[:30]!r} {header.sectionSize(section)} < {need}")
    return found


def check(window: QtWidgets.QWidget, state: int) -> tuple[QtCore.QSize, list[str]]:
    # Layout requests cascade (a child's new size hint re-lays its parent): settle them all first.
    for _round in range(3):
        QtWidgets.QApplication.processEvents()
        if window.layout() is not None:
            window.layout().activate()
    opened = window.size()
    problems = [f"state {state}: {p}" for p in cut_texts(window) + horizontal_scrolling(window) + cut_headers(window)]
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    largest = opened.expandedTo(minimum)
    if largest.width() > LIMIT.width() or largest.height() > LIMIT.height():
        problems.append(
            f"state {state}: opens at {opened.width()}x{opened.height()}, "
            f"needs at least {minimum.width()}x{minimum.height()}"
        )
    return largest, problems


@pytest.mark.parametrize("language", available_languages(), indirect=True)
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_fits_1366x728_with_longer_texts(qtbot, world, language, name):
    problems: list[str] = []
    largest = QtCore.QSize(0, 0)
    seen: list[QtWidgets.QWidget] = []
    for state, shown in enumerate(SCREENS[name](world)):
        if shown not in seen:  # a builder may go on to a second dialog
            seen.append(shown)
            qtbot.addWidget(shown)
            shown.show()
        size, found = check(shown, state)
        largest = largest.expandedTo(size)
        problems += found
    FINDINGS.sizes[f"{language}/{name}"] = (largest.width(), largest.height())
    assert not problems, f"{name} in {language} (+{STRETCH:.0%}):\n" + "\n".join(problems)


def test_every_interface_language_is_checked():
    """The languages come from the catalogues, so a new one is checked the day it lands."""
    assert {"de", "en", "ar", "fa", "uk", "ru"} <= set(available_languages())
