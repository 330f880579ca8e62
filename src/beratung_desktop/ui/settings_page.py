"""Settings: language (applied at once), auto-lock minutes, data/backup/export folders.

Values IT fixed machine-wide are shown but cannot be changed here.
"""

from __future__ import annotations

from collections.abc import Callable

from ..config import Settings, SettingsStore
from ..errors import error_text
from ..i18n import _, available_languages, current_language
from ..i18n.formatting import language_name
from .forms.vertical_scroll import VerticalScrollArea
from .qt import QtWidgets, Signal
from .retranslating import Retranslating
from .style import set_role

FOLDERS = ("data_dir", "backup_dir", "export_dir")


class FolderField(QtWidgets.QWidget):
    changed = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.edit = QtWidgets.QLineEdit()
        self.edit.editingFinished.connect(self.changed)
        self.browse = QtWidgets.QPushButton()
        self.browse.clicked.connect(self._choose)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)

    def _choose(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, _("Choose a folder"), self.edit.text())
        if folder:
            self.edit.setText(folder)
            self.changed.emit()


class SettingsPage(Retranslating, QtWidgets.QWidget):
    """Changes are saved as soon as they are made; `language_requested` switches the language."""

    language_requested = Signal(str)
    auto_lock_changed = Signal(int)

    def __init__(
        self,
        settings_store: SettingsStore,
        settings: Settings,
        on_error: Callable[[str], None] | None = None,
        parent: QtWidgets.QWidget | None = None,
        *,
        office_settings: bool = True,
    ):
        super().__init__(parent)
        # The folders are the office's set-up: only team leads and administrators see them.
        self.office_settings = office_settings
        self.store = settings_store
        self.settings = settings
        self._on_error = on_error
        self._locked = settings_store.locked()
        self._build()
        self.retranslate()
        self.refresh()

    def _build(self) -> None:
        self.title = QtWidgets.QLabel()
        set_role(self.title, "title")
        self.language = QtWidgets.QComboBox()
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.auto_lock = QtWidgets.QSpinBox()
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setMaximumWidth(140)
        self.language.setMaximumWidth(320)
        self.auto_lock.valueChanged.connect(self._auto_lock_chosen)
        self.folders = {name: FolderField() for name in FOLDERS}
        for name, field in self.folders.items():
            field.changed.connect(lambda name=name: self._folder_chosen(name))
        self.labels = {name: QtWidgets.QLabel() for name in ("language", "auto_lock_minutes", *FOLDERS)}
        self.labels["language"].setBuddy(self.language)
        self.labels["auto_lock_minutes"].setBuddy(self.auto_lock)
        for name in FOLDERS:
            self.labels[name].setBuddy(self.folders[name].edit)
        self.locked_note = QtWidgets.QLabel()
        set_role(self.locked_note, "notice")
        self.locked_note.setWordWrap(True)
        self.restart_note = QtWidgets.QLabel()
        set_role(self.restart_note, "hint")
        self.restart_note.setWordWrap(True)
        self.saved = QtWidgets.QLabel()
        set_role(self.saved, "hint")

        form = QtWidgets.QFormLayout()
        form.addRow(self.labels["language"], self.language)
        form.addRow(self.labels["auto_lock_minutes"], self.auto_lock)
        for name in FOLDERS:
            form.addRow(self.labels[name], self.folders[name])
            form.setRowVisible(self.folders[name], self.office_settings)
        self.restart_note.setVisible(self.office_settings)
        box = QtWidgets.QWidget()
        box.setMaximumWidth(760)
        inner = QtWidgets.QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.title)
        inner.addSpacing(8)
        inner.addLayout(form)
        inner.addWidget(self.restart_note)
        inner.addWidget(self.locked_note)
        inner.addWidget(self.saved)
        self._sections = inner
        inner.addStretch()
        # With the users and privacy sections the page is taller than a laptop screen: it scrolls.
        page = QtWidgets.QWidget()
        row = QtWidgets.QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(box, 1)
        row.addStretch(0)
        scroll = VerticalScrollArea(self)
        scroll.setWidget(page)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def add_section(self, widget: QtWidgets.QWidget) -> None:
        """A further part of the page below the settings (e.g. the users section), in its own module."""
        self._sections.insertSpacing(self._sections.count() - 1, 12)
        self._sections.insertWidget(self._sections.count() - 1, widget)

    def _control(self, name: str) -> QtWidgets.QWidget:
        fixed = {"language": self.language, "auto_lock_minutes": self.auto_lock}
        return fixed[name] if name in fixed else self.folders[name]

    def refresh(self) -> None:
        self._locked = self.store.locked()
        self.auto_lock.blockSignals(True)
        self.auto_lock.setValue(self.settings.auto_lock_minutes)
        self.auto_lock.blockSignals(False)
        for name in FOLDERS:
            self.folders[name].edit.setText(getattr(self.settings, name))
        for name in ("language", "auto_lock_minutes", *FOLDERS):
            self._control(name).setEnabled(name not in self._locked)
        self.locked_note.setVisible(bool(self._locked & {"language", "auto_lock_minutes", *FOLDERS}))

    def _fill_languages(self) -> None:
        self.language.blockSignals(True)
        self.language.clear()
        self.language.addItem(_("As the system"), "")
        for code in available_languages():
            # Each language in its own words, so a person can find theirs whatever is active.
            self.language.addItem(language_name(code, code).capitalize(), code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.settings.language)))
        self.language.blockSignals(False)

    def _save(self) -> None:
        try:
            self.store.save(self.settings)
        except Exception as exc:
            if self._on_error:
                self._on_error(error_text(exc))
            return
        self.saved.setText(_("Settings saved."))

    def _language_chosen(self) -> None:
        self.settings.language = self.language.currentData() or ""
        self._save()
        self.language_requested.emit(self.settings.language)

    def _auto_lock_chosen(self, minutes: int) -> None:
        self.settings.auto_lock_minutes = minutes
        self._save()
        self.auto_lock_changed.emit(minutes)

    def _folder_chosen(self, name: str) -> None:
        value = self.folders[name].edit.text().strip()
        if value != getattr(self.settings, name):
            setattr(self.settings, name, value)
            self._save()

    def retranslate(self) -> None:
        self.title.setText(_("Settings"))
        texts = {
            "language": _("&Language"),
            "auto_lock_minutes": _("&Lock after idle minutes"),
            "data_dir": _("&Data folder"),
            "backup_dir": _("&Backup folder"),
            "export_dir": _("&Export folder"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
            control = self._control(name)
            (control.edit if isinstance(control, FolderField) else control).setAccessibleName(text.replace("&", ""))
            if name in self._locked:
                self._control(name).setToolTip(_("Fixed by your IT department for this computer."))
        for name in FOLDERS:
            self.folders[name].browse.setText(_("Browse…"))
            self.folders[name].browse.setAccessibleName(_("Choose {what}").format(what=texts[name].replace("&", "")))
            self.folders[name].edit.setPlaceholderText(_("Default folder"))
        self.auto_lock.setSpecialValueText(_("Never"))
        self.auto_lock.setSuffix(" " + _("min"))
        self.locked_note.setText(
            _(
                "Some settings were fixed by your IT department for this computer. "
                "They are shown greyed out; ask IT to change them."
            )
        )
        self.restart_note.setText(_("A new data folder takes effect the next time the app starts."))
        self.saved.setText("")
        self._fill_languages()
        if current_language() and not self.settings.language:
            self.language.setToolTip(language_name(current_language()))
