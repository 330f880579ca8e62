"""An interpreter or language mediator of the office's pool."""

from __future__ import annotations

import dataclasses

from ...domain.catalogues import INTERPRETER_KINDS
from ...domain.interpreters import Interpreter
from ...i18n import _
from ...services import interpreters
from ..clients.language_picker import LanguagePicker
from ..forms.catalogue_combo import CatalogueCombo
from ..forms.form_dialog import FormDialog
from ..qt import QtWidgets


class InterpreterDialog(FormDialog):
    def __init__(self, session, interpreter: Interpreter | None = None, parent: QtWidgets.QWidget | None = None):
        super().__init__(session, _("New interpreter") if interpreter is None else _("Interpreter"), parent)
        self.original = interpreter
        i = interpreter or Interpreter(name="")
        columns = QtWidgets.QHBoxLayout(self.body)
        left_box, right_box = QtWidgets.QWidget(self.body), QtWidgets.QWidget(self.body)
        columns.addWidget(left_box, 3)
        columns.addWidget(right_box, 2)
        left, right = QtWidgets.QFormLayout(left_box), QtWidgets.QFormLayout(right_box)
        self.name = QtWidgets.QLineEdit(i.name)
        self.kind = CatalogueCombo(INTERPRETER_KINDS)
        self.kind.set_code(i.kind)
        self.contact = QtWidgets.QLineEdit(i.contact)
        self.contact.setPlaceholderText(_("phone, e-mail, when reachable"))
        self.notes = QtWidgets.QPlainTextEdit(i.notes)
        self.notes.setTabChangesFocus(True)
        self.languages = LanguagePicker(i.languages)
        self.row(left, _("&Name:"), self.name, "name")
        self.row(left, _("&Volunteer or paid:"), self.kind, "kind")
        self.row(left, _("&Contact:"), self.contact, "contact")
        self.row(left, _("N&otes:"), self.notes, "notes")
        self.row(right, _("&Languages:"), self.languages, "languages")
        self.resize(800, 420)
        self.name.setFocus()

    def interpreter(self) -> Interpreter:
        values = dict(
            name=self.name.text().strip(),
            kind=self.kind.code(),
            contact=self.contact.text().strip(),
            notes=self.notes.toPlainText().strip(),
            languages=self.languages.selected(),
        )
        if self.original is None:
            return Interpreter(**values)
        return dataclasses.replace(self.original, **values)

    def save(self) -> str:
        return interpreters.save_interpreter(self.session, self.interpreter()).id
