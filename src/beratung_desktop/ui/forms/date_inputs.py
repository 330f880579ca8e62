"""Date and time inputs with sensible defaults, converting to and from Python dates."""

from __future__ import annotations

from datetime import date, datetime, time

from ...i18n import _, current_language
from ..qt import QtCore, QtGui, QtWidgets, Signal


def to_qdate(day: date) -> QtCore.QDate:
    return QtCore.QDate(day.year, day.month, day.day)


def from_qdate(day: QtCore.QDate) -> date:
    return date(day.year(), day.month(), day.day())


def to_qdatetime(moment: datetime) -> QtCore.QDateTime:
    return QtCore.QDateTime(to_qdate(moment.date()), QtCore.QTime(moment.hour, moment.minute))


def from_qdatetime(moment: QtCore.QDateTime) -> datetime:
    t = moment.time()
    return datetime.combine(from_qdate(moment.date()), time(t.hour(), t.minute()))


def _locale() -> QtCore.QLocale:
    return QtCore.QLocale(current_language())


def date_format() -> str:
    """The short date format of the active language, with a four-digit year (birth dates need it)."""
    fmt = _locale().dateFormat(QtCore.QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def datetime_format() -> str:
    """Date and short time; CLDR's narrow no-break space before "AM" becomes a plain one, which a
    keyboard types (else "10:00 AM" typed in English is refused)."""
    clock = _locale().timeFormat(QtCore.QLocale.FormatType.ShortFormat).replace("\u202f", " ").replace("\u00a0", " ")
    return f"{date_format()} {clock}"


def time_range(start: datetime, end: datetime) -> str:
    """'09:00–10:00' kept in reading order inside right-to-left text (a left-to-right isolate)."""
    return f"\u2066{start:%H:%M}–{end:%H:%M}\u2069"


def rounded_now(step_minutes: int = 5) -> datetime:
    now = datetime.now().replace(second=0, microsecond=0)
    return now.replace(minute=now.minute - now.minute % step_minutes)


class DateEdit(QtWidgets.QDateEdit):
    """A date with a calendar popup, defaulting to today."""

    def __init__(self, day: date | None = None, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_format())
        self.setMinimumDate(QtCore.QDate(1900, 1, 1))
        self.set_value(day or date.today())

    def value(self) -> date:
        return from_qdate(self.date())

    def set_value(self, day: date) -> None:
        self.setDate(to_qdate(day))


class DateTimeEdit(QtWidgets.QDateTimeEdit):
    """Date and time (minutes), defaulting to now rounded to five minutes."""

    def __init__(self, moment: datetime | None = None, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(datetime_format())
        self.set_value(moment or rounded_now())

    def value(self) -> datetime:
        return from_qdatetime(self.dateTime())

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        # Qt keeps the AM/PM section as it was when "A" or "P" is typed into it; take the letter.
        if self.currentSection() == QtWidgets.QDateTimeEdit.Section.AmPmSection:
            letter = event.text().lower()
            if letter in ("a", "p"):
                clock = self.time()
                self.setTime(QtCore.QTime(clock.hour() % 12 + (12 if letter == "p" else 0), clock.minute()))
                return
            if letter == "m":
                return
        super().keyPressEvent(event)

    def set_value(self, moment: datetime) -> None:
        self.setDateTime(to_qdatetime(moment))


class OptionalDateEdit(QtWidgets.QWidget):
    """A date that may be left empty: a check box switches the date field on."""

    changed = Signal()

    def __init__(self, day: date | None = None, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.known = QtWidgets.QCheckBox(self)
        self.edit = DateEdit(day, self)
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)
        self.known.toggled.connect(self.edit.setEnabled)
        self.known.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        self.setFocusProxy(self.edit)
        self.set_value(day)
        self.retranslate()

    def retranslate(self) -> None:
        self.known.setText(_("known"))
        self.known.setAccessibleName(_("Date known"))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def value(self) -> date | None:
        return self.edit.value() if self.known.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.known.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        if day is not None:
            self.edit.set_value(day)
