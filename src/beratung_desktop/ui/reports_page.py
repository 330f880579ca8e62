"""Summaries for team leads: a month or a year, a choice of services, as PDF preview, XLSX or CSV."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ..domain.catalogues import SERVICES
from ..domain.statistics import Period
from ..errors import error_text
from ..i18n import _
from ..services import printing, statistics
from ..services.session import Session
from ..storage.atomic_file import write_atomic
from .document_preview import DocumentPreview
from .qt import Qt, QtCore, QtWidgets
from .retranslating import Retranslating
from .style import set_role
from .worker import Job, start_job

ROLES = ("team_lead", "admin")


def may_report(session: Session) -> bool:
    return session.user.role in ROLES


class ReportsPage(Retranslating, QtWidgets.QWidget):
    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.preview = DocumentPreview(self)
        self._job: Job | None = None
        self.heading = QtWidgets.QLabel()
        set_role(self.heading, "title")
        self.monthly = QtWidgets.QRadioButton()
        self.yearly = QtWidgets.QRadioButton()
        self.monthly.setChecked(True)
        last_month = date.today().replace(day=1) - timedelta(days=1)
        self.month = QtWidgets.QDateEdit(QtCore.QDate(last_month.year, last_month.month, 1))
        self.month.setDisplayFormat("MM.yyyy")
        self.month.setCalendarPopup(True)
        self.year = QtWidgets.QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year - 1)
        self.services = QtWidgets.QListWidget()
        self.services.setMaximumHeight(140)
        for entry in SERVICES:
            item = QtWidgets.QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, entry.code)
            item.setCheckState(Qt.CheckState.Checked)
            self.services.addItem(item)
        self.preview_button = QtWidgets.QPushButton()
        set_role(self.preview_button, "primary")
        self.xlsx_button = QtWidgets.QPushButton()
        self.csv_button = QtWidgets.QPushButton()
        self.import_button = QtWidgets.QPushButton()
        self.import_button.clicked.connect(self.open_import)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.preview_button.clicked.connect(self.show_summary)
        self.xlsx_button.clicked.connect(lambda: self.save_figures("xlsx"))
        self.csv_button.clicked.connect(lambda: self.save_figures("csv"))
        self.monthly.toggled.connect(self._period_kind_changed)
        self._layout()
        self.retranslate()
        self._period_kind_changed()

    def _layout(self) -> None:
        form = QtWidgets.QFormLayout()
        kind = QtWidgets.QHBoxLayout()
        kind.addWidget(self.monthly)
        kind.addWidget(self.month)
        kind.addSpacing(24)
        kind.addWidget(self.yearly)
        kind.addWidget(self.year)
        kind.addStretch(1)
        self.period_label = QtWidgets.QLabel()
        self.services_label = QtWidgets.QLabel()
        form.addRow(self.period_label, kind)
        form.addRow(self.services_label, self.services)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.csv_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def open_import(self) -> QtWidgets.QDialog:
        """Import list: an office's existing client and consultation list, with preview (team leads)."""
        from .import_dialog import ImportDialog

        self.import_dialog = ImportDialog(self.session, self)
        self.import_dialog.open()
        return self.import_dialog

    def _period_kind_changed(self) -> None:
        self.month.setEnabled(self.monthly.isChecked())
        self.year.setEnabled(self.yearly.isChecked())

    def period(self) -> Period:
        if self.monthly.isChecked():
            chosen = self.month.date()
            return Period.month(chosen.year(), chosen.month())
        return Period.year(self.year.value())

    def chosen_services(self) -> list[str]:
        items = [self.services.item(i) for i in range(self.services.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _selection(self):
        codes = self.chosen_services()
        return statistics.selection(self.session, codes if len(codes) < len(SERVICES) else ())

    def show_summary(self) -> None:
        if not self.chosen_services():
            self.status.setText(_("Choose at least one service."))
            return
        period, chosen = self.period(), self._selection()
        self.status.setText(_("Preparing the summary…"))
        self.preview.show(
            lambda: printing.monthly_summary_pdf(self.session, period, chosen),
            _("Summary {period}").format(period=period.key),
            f"summary-{period.key}.pdf",
        )

    def save_figures(self, fmt: str, target: str | None = None) -> None:
        if self._job is not None or not self.chosen_services():
            return
        period, chosen = self.period(), self._selection()
        if target is None:
            pattern = _("Excel workbook (*.xlsx)") if fmt == "xlsx" else _("CSV file (*.csv)")
            target, _filter = QtWidgets.QFileDialog.getSaveFileName(
                self, _("Save figures"), f"figures-{period.key}.{fmt}", pattern
            )
        if not target:
            return
        path = Path(target)
        self.status.setText(_("Preparing the figures…"))

        def work() -> Path:
            write_atomic(path, printing.figures_file(self.session, period, fmt, chosen))
            return path

        self._job = start_job(work, self._saved, self._failed)

    def _saved(self, path: Path) -> None:
        self._job = None
        self.status.setText(_("Figures saved to {path}.").format(path=path))

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.status.setText(error_text(exc))

    def refresh(self) -> None:
        self.status.setText("")

    def retranslate(self) -> None:
        self.heading.setText(_("Summaries for funders"))
        self.period_label.setText(_("Period:"))
        self.services_label.setText(_("Services:"))
        self.monthly.setText(_("&Month"))
        self.yearly.setText(_("&Year"))
        self.month.setAccessibleName(_("Month"))
        # The field orders its sections by the layout direction it had when the format was set.
        self.month.setDisplayFormat("MM.yyyy")
        self.year.setAccessibleName(_("Year"))
        self.services.setAccessibleName(_("Services"))
        for i, entry in enumerate(SERVICES):
            self.services.item(i).setText(_(entry.label))
        self.preview_button.setText(_("&Show summary (PDF)"))
        self.xlsx_button.setText(_("Save as &Excel…"))
        self.csv_button.setText(_("Save as &CSV…"))
        self.import_button.setText(_("Import &list…"))
