"""Rows of buttons wrap instead of widening the window past a laptop screen."""

from __future__ import annotations

from beratung_desktop.ui.forms.flow_layout import FlowLayout
from beratung_desktop.ui.qt import Qt, QtWidgets


def _row(qtbot, direction=Qt.LayoutDirection.LeftToRight):
    host = QtWidgets.QWidget()
    host.setLayoutDirection(direction)
    qtbot.addWidget(host)
    layout = FlowLayout(host)
    buttons = [QtWidgets.QPushButton(f"Als stattgefunden markieren {i}") for i in range(4)]
    for button in buttons:
        layout.addWidget(button)
    return host, layout, buttons


def test_buttons_wrap_and_the_minimum_is_one_button(qtbot):
    host, layout, buttons = _row(qtbot)
    widest = max(b.sizeHint().width() for b in buttons)
    assert layout.minimumSize().width() == widest
    host.resize(widest + 10, layout.heightForWidth(widest + 10))
    host.show()
    tops = {b.geometry().top() for b in buttons}
    assert len(tops) == 4, "one button a line when only one fits"
    wide = sum(b.sizeHint().width() for b in buttons) + 40
    host.resize(wide, layout.heightForWidth(wide))
    qtbot.waitUntil(lambda: len({b.geometry().top() for b in buttons}) == 1)
    assert layout.heightForWidth(wide) < layout.heightForWidth(widest + 10)


def test_right_to_left_starts_at_the_right(qtbot):
    host, _layout, buttons = _row(qtbot, Qt.LayoutDirection.RightToLeft)
    wide = sum(b.sizeHint().width() for b in buttons) + 40
    host.resize(wide, 60)
    host.show()
    qtbot.waitUntil(lambda: buttons[0].geometry().right() > buttons[1].geometry().right())
    assert buttons[0].geometry().right() >= wide - 2
