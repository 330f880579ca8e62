"""Adding a picked or dropped file to a client: what it is, from whom, and the deadline it sets."""

from __future__ import annotations

from pathlib import Path

from ...domain.catalogues import DEADLINE_KINDS, DOCUMENT_TYPES, SERVICE_SHORT
from ...domain.clients import Client
from ...domain.documents import type_of_name
from ...i18n import _
from ...i18n.formatting import format_date
from ...services import deadlines, documents
from ...services.documents import DocumentDetails
from ..forms.catalogue_combo import CatalogueCombo, CodeCombo
from ..forms.date_inputs import DateEdit, OptionalDateEdit
from ..forms.form_dialog import FormDialog
from ..qt import QtWidgets

# Where a file's name already says what it is, the type is chosen for the counsellor.
_NAME_HINTS = (
    ("aufenthalt", "residence_permit"),
    ("bescheid", "decision"),
    ("jobcenter", "jobcentre_letter"),
    ("schul", "school"),
    ("arbeit", "employer"),
    ("zeugnis", "certificate"),
    ("zertifikat", "certificate"),
    ("ausweis", "identity"),
    ("pass", "identity"),
)


def guessed_kind(name: str) -> str:
    lowered = Path(name).name.lower()
    return next((kind for hint, kind in _NAME_HINTS if hint in lowered), "other")


class AddDocumentDialog(FormDialog):
    """One file; saving reads it, checks it and stores it with the deadline in one go."""

    def __init__(
        self, session, client: Client, path: Path, limit: int, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(session, _("Add a document for {name}").format(name=client.display_name), parent)
        self.client = client
        self.path = Path(path)
        self.limit = limit
        self.document_id: str | None = None
        form = QtWidgets.QFormLayout(self.body)
        self.file_label = QtWidgets.QLabel(self.path.name)
        self.file_label.setWordWrap(True)
        self.kind = CatalogueCombo(DOCUMENT_TYPES)
        self.kind.set_code(guessed_kind(self.path.name))
        self.issued = OptionalDateEdit(None)
        self.issuer = QtWidgets.QLineEdit()
        self.issuer.setPlaceholderText(_("e.g. Ausländerbehörde, Jobcenter, BAMF"))
        self.note = QtWidgets.QLineEdit()
        self.case = CodeCombo()
        cases = session.store.cases.for_client(client.id)
        self.case.set_items(
            [("", _("(no particular case)"))]
            + [(c.id, f"{SERVICE_SHORT.get(c.service, c.service)} {format_date(c.opened)}") for c in cases]
        )
        open_cases = [c for c in cases if c.closed is None]
        if len(open_cases) == 1:
            self.case.set_code(open_cases[0].id)
        self.deadline_kind = CodeCombo()
        self.deadline_kind.set_items([("", _("(no deadline)"))] + [(e.code, _(e.label)) for e in DEADLINE_KINDS])
        self.deadline_due = DateEdit()
        self.deadline_note = QtWidgets.QLineEdit()
        self.row(form, _("File:"), self.file_label)
        self.row(form, _("&Type:"), self.kind, "kind")
        self.row(form, _("&Date of the letter:"), self.issued, "issued")
        self.row(form, _("&Issued by:"), self.issuer, "issuer")
        self.row(form, _("&Note:"), self.note, "note")
        self.row(form, _("&Case:"), self.case)
        self.row(form, _("Sets a dead&line:"), self.deadline_kind, "deadline")
        self.row(form, _("D&ue on:"), self.deadline_due)
        self.row(form, _("Deadline n&ote:"), self.deadline_note)
        self.deadline_kind.currentIndexChanged.connect(self._sync_deadline)
        self._sync_deadline()
        if type_of_name(self.path.name) is None:
            self.banner.show_message(
                _("{name} is not a PDF, JPEG or PNG file; it cannot be added.").format(name=self.path.name), "error"
            )
        self.kind.setFocus()
        self.resize(600, 420)

    def _sync_deadline(self) -> None:
        on = bool(self.deadline_kind.code())
        self.deadline_due.setEnabled(on)
        self.deadline_note.setEnabled(on)

    def details(self) -> DocumentDetails:
        return DocumentDetails(
            kind=self.kind.code(),
            issued=self.issued.value(),
            issuer=self.issuer.text(),
            note=self.note.text(),
            case_id=self.case.code() or None,
        )

    def save(self) -> str:
        # Document and deadline in one transaction: a refused deadline leaves no document behind either.
        with self.session.store.transaction():
            document = documents.add_document_file(
                self.session, self.client.id, self.path, self.details(), limit=self.limit
            )
            if self.deadline_kind.code():
                deadlines.set_deadline(
                    self.session,
                    self.client.id,
                    self.deadline_kind.code(),
                    self.deadline_due.value(),
                    self.deadline_note.text(),
                    document_id=document.id,
                )
        self.document_id = document.id
        return document.id
