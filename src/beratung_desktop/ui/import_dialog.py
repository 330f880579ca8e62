"""Import list (team leads): choose a CSV or XLSX, see what would be imported and every bad row, then import.

The check is the import's own dry run, so the preview shows exactly what the import will do: the
encoding it read, new clients, cases and consultations, rows already present, and each problem with
its sheet, line, column and reason in the user's language. "Import" is offered only when every row
is good; the import then runs as one transaction.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import error_text, message_text
from ..i18n import _
from ..services import list_import
from ..services.list_import import ImportReport
from ..services.session import Session
from .forms.readable_header import keep_captions_readable
from .qt import QtWidgets
from .style import set_role
from .worker import Job, start_job


class ImportDialog(QtWidgets.QDialog):
    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.path: Path | None = None
        self.report: ImportReport | None = None
        self._job: Job | None = None
        self.setWindowTitle(_("Import list"))
        self.file_label = QtWidgets.QLabel(_("No file chosen."))
        self.file_label.setWordWrap(True)
        self.choose_button = QtWidgets.QPushButton(_("&Choose file…"))
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        self.problems = QtWidgets.QTableWidget(0, 4)
        self.problems.setHorizontalHeaderLabels([_("Sheet"), _("Line"), _("Column"), _("Problem")])
        self.problems.horizontalHeader().setStretchLastSection(True)
        keep_captions_readable(self.problems)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setAccessibleName(_("Problems found in the list"))
        self.import_button = QtWidgets.QPushButton(_("&Import"))
        set_role(self.import_button, "primary")
        self.import_button.setEnabled(False)
        close = QtWidgets.QPushButton(_("Close"))
        self.choose_button.clicked.connect(self.choose)
        self.import_button.clicked.connect(self.run_import)
        close.clicked.connect(self.reject)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addLayout(buttons)
        self.resize(760, 460)

    def choose(self) -> None:
        target, _filter = QtWidgets.QFileDialog.getOpenFileName(
            self, _("Import list"), "", _("Lists (*.xlsx *.csv *.txt);;All files (*)")
        )
        if target:
            self.check(Path(target))

    def check(self, path: Path) -> None:
        """Dry run in a worker: the preview of what the import would do."""
        self.path, self.report = path, None
        self.file_label.setText(str(path))
        self.import_button.setEnabled(False)
        self.summary.setText(_("Checking every row…"))
        self.problems.setRowCount(0)
        self._job = start_job(
            lambda: list_import.import_list(self.session, path, dry_run=True), self._checked, self._failed
        )

    def _counts(self, report: ImportReport) -> str:
        return _(
            "{clients} new clients, {cases} new cases, {consultations} new consultations, {present} already present."
        ).format(
            clients=report.new_clients,
            cases=report.new_cases,
            consultations=report.new_consultations,
            present=report.already_present,
        )

    def _checked(self, report: ImportReport) -> None:
        self._job = None
        self.report = report
        read = _("Read as {encoding}.").format(encoding=report.encoding)
        if report.errors:
            self.summary.setText(
                read
                + " "
                + _("{count} problems found; nothing was imported. Correct the file and try again.").format(
                    count=len(report.errors)
                )
            )
        else:
            self.summary.setText(read + " " + _("Ready to import:") + " " + self._counts(report))
        self.problems.setRowCount(len(report.errors))
        for row, e in enumerate(report.errors):
            column = e.column if e.sheet else report.headers.get(e.column, e.column)
            for col, text in enumerate((e.sheet, str(e.line), column, message_text(e.message, e.params))):
                self.problems.setItem(row, col, QtWidgets.QTableWidgetItem(text))
        self.problems.resizeColumnsToContents()
        self.import_button.setEnabled(report.ok and (report.new_consultations or report.new_clients) > 0)

    def run_import(self) -> None:
        if self.path is None or self.report is None or not self.report.ok or self._job is not None:
            return
        path = self.path
        self.import_button.setEnabled(False)
        self.summary.setText(_("Importing…"))
        self._job = start_job(lambda: list_import.import_list(self.session, path), self._imported, self._failed)

    def _imported(self, report: ImportReport) -> None:
        self._job = None
        self.report = report
        if report.written:
            self.summary.setText(_("Imported:") + " " + self._counts(report))
        else:
            self._checked(report)

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.summary.setText(error_text(exc))
