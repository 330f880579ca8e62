"""The network page: partners, interpreters, group offers and short contacts, one tab each.

Network work is equal in rank to casework (MBE Leitbild); this page is where it is kept."""

from __future__ import annotations

from collections.abc import Callable

from ...i18n import N_, _
from ..qt import QtWidgets
from ..retranslating import Retranslating
from ..style import set_role


class NetworkPage(Retranslating, QtWidgets.QWidget):
    def __init__(self, session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        from .groups_view import GroupsView
        from .interpreters_view import InterpretersView
        from .partners_view import PartnersView
        from .short_contacts_view import ShortContactsView

        self.title = QtWidgets.QLabel()
        set_role(self.title, "title")
        self.tabs = QtWidgets.QTabWidget()
        factories: list[tuple[str, Callable[[], QtWidgets.QWidget]]] = [
            (N_("Partners"), lambda: PartnersView(session)),
            (N_("Interpreters"), lambda: InterpretersView(session)),
            (N_("Group offers"), lambda: GroupsView(session)),
            (N_("Short contacts"), lambda: ShortContactsView(session)),
        ]
        self._labels = [label for label, _f in factories]
        self.partners_view, self.interpreters_view, self.groups_view, self.short_contacts_view = (
            factory() for _label, factory in factories
        )
        for view in self.views():
            self.tabs.addTab(view, "")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def views(self) -> list[QtWidgets.QWidget]:
        return [self.partners_view, self.interpreters_view, self.groups_view, self.short_contacts_view]

    def refresh(self) -> None:
        for view in self.views():
            view.refresh()

    def retranslate(self) -> None:
        self.title.setText(_("Network work"))
        for i, label in enumerate(self._labels):
            self.tabs.setTabText(i, _(label))
