"""The interpreters tab of the network page: the pool, kept like the partners."""

from __future__ import annotations

from ...domain.catalogues import INTERPRETER_KINDS
from ...domain.interpreters import Interpreter
from ...i18n import N_, _
from ...i18n.formatting import language_name
from ...services import interpreters
from ..clients.client_page import RecordTable
from ..forms.flow_layout import FlowLayout
from ..qt import QtWidgets
from ..retranslating import Retranslating
from ..style import set_role
from .interpreter_dialog import InterpreterDialog


class InterpretersView(Retranslating, QtWidgets.QWidget):
    def __init__(self, session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.interpreters: list[Interpreter] = []
        self.list = RecordTable([N_("Name"), N_("Languages"), N_("Kind"), N_("Contact"), N_("Status"), N_("Notes")])
        self.list.doubleClicked.connect(lambda _i: self.edit_interpreter())
        self.new_button = QtWidgets.QPushButton()
        set_role(self.new_button, "primary")
        self.new_button.clicked.connect(self.new_interpreter)
        self.edit_button = QtWidgets.QPushButton()
        self.edit_button.clicked.connect(self.edit_interpreter)
        self.archive_button = QtWidgets.QPushButton()
        self.archive_button.clicked.connect(self.toggle_archived)
        self.show_archived = QtWidgets.QCheckBox()
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        # Wraps onto a second line where German or Russian labels do not fit one.
        buttons = FlowLayout()
        for b in (self.new_button, self.edit_button, self.archive_button):
            buttons.addWidget(b)
        buttons.addWidget(self.show_archived)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        self.interpreters = interpreters.list_interpreters(self.session, self.show_archived.isChecked())
        self.list.fill(
            [
                [
                    i.name,
                    ", ".join(language_name(code) for code in i.languages),
                    _(INTERPRETER_KINDS.label(i.kind)),
                    i.contact,
                    _("archived") if i.archived else _("active"),
                    i.notes.replace("\n", " ")[:80],
                ]
                for i in self.interpreters
            ]
        )

    def selected(self) -> Interpreter | None:
        row = self.list.currentRow()
        if 0 <= row < len(self.interpreters) and self.list.selectionModel().hasSelection():
            return self.interpreters[row]
        return None

    def new_interpreter(self) -> None:
        if InterpreterDialog(self.session, parent=self).exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self.refresh()

    def edit_interpreter(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            dialog = InterpreterDialog(self.session, chosen, parent=self)
            if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
                self.refresh()

    def toggle_archived(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            interpreters.set_archived(self.session, chosen.id, not chosen.archived)
            self.refresh()

    def retranslate(self) -> None:
        self.new_button.setText(_("&New interpreter…"))
        self.edit_button.setText(_("&Edit…"))
        self.archive_button.setText(_("&Archive / restore"))
        self.show_archived.setText(_("Show archived"))
        self.list.setAccessibleName(_("Interpreters"))
        if self.interpreters:
            self.refresh()
