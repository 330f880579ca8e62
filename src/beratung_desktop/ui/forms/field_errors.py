"""Validation messages shown directly under the field they concern."""

from __future__ import annotations

from ...domain.validation import ValidationIssue
from ...errors import message_text
from ..qt import QtWidgets


def issue_text(issue: ValidationIssue) -> str:
    return message_text(issue.message, issue.params)


class FieldError(QtWidgets.QLabel):
    """A red message line under one input; hidden while there is nothing to say."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.clear()
        self.hide()


class FieldErrors:
    """Maps `ValidationIssue.field` names to the input and the error label under it."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QtWidgets.QWidget, FieldError]] = {}

    def register(self, name: str, widget: QtWidgets.QWidget) -> FieldError:
        label = FieldError(widget.parentWidget())
        self._fields[name] = (widget, label)
        return label

    def alias(self, name: str, target: str) -> None:
        """Lets issues about `name` show at the field `target` (e.g. birth_year at birth_date)."""
        self._fields[name] = self._fields[target]

    def label(self, name: str) -> FieldError:
        return self._fields[name][1]

    def widget(self, name: str) -> QtWidgets.QWidget:
        return self._fields[name][0]

    def clear(self) -> None:
        for widget, label in self._fields.values():
            label.clear_message()
            widget.setAccessibleDescription("")

    def show(self, issues: list[ValidationIssue]) -> list[ValidationIssue]:
        """Shows each issue at its field, focuses the first; returns the issues without a field."""
        self.clear()
        unplaced: list[ValidationIssue] = []
        texts: dict[str, list[str]] = {}
        for issue in issues:
            if issue.field in self._fields:
                texts.setdefault(issue.field, []).append(issue_text(issue))
            else:
                unplaced.append(issue)
        first: QtWidgets.QWidget | None = None
        for name, lines in texts.items():
            widget, label = self._fields[name]
            label.show_message("\n".join(lines))
            # Screen readers announce the description when the field gets focus.
            widget.setAccessibleDescription(label.text())
            first = first or widget
        if first is not None:
            first.setFocus()
        return unplaced


def with_error(widget: QtWidgets.QWidget, errors: FieldErrors, name: str) -> QtWidgets.QWidget:
    """The input with its error label beneath, as one cell for a form layout."""
    box = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    label = errors.register(name, widget)
    label.setParent(box)
    layout.addWidget(label)
    return box
