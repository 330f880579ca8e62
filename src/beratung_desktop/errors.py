"""The one error base of the application and the one place its messages become text.

Every refusal below the user interface raises an `AppError` subclass carrying an English msgid and
its parameters; nothing below `ui/` and `cli/` translates. The GUI and the CLI show any exception
through `error_text()`, so a message reads the same on screen and in a terminal.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Marks a constant for extraction; it is translated with `_()` where it is shown."""
    return message


class AppError(Exception):
    """A refusal with a message for the user: `message` is a gettext msgid with str.format fields."""

    message = N_("The request could not be completed; nothing was changed.")

    def __init__(self, message: str | None = None, **params: Any):
        self.message = message or type(self).message
        self.params = params
        super().__init__(self.message.format(**params) if params else self.message)


def message_text(message: str, params: dict[str, Any] | None = None) -> str:
    """One msgid with its parameters, translated into the active language."""
    from .i18n import _  # here, not at the top: i18n itself imports N_ from this module

    text = _(message)
    return text.format(**params) if params else text


def error_text(exc: BaseException) -> str:
    """The sentence a person sees for an exception: translated, naming what to do next."""
    issues = getattr(exc, "issues", None)  # a ValidationError: one sentence per refused field
    if isinstance(exc, AppError) and issues:
        return " ".join(message_text(i.message, i.params) for i in issues)
    if isinstance(exc, AppError):
        return message_text(exc.message, exc.params)
    if isinstance(exc, OSError):
        return message_text(
            N_("The file system reported a problem ({reason}). Check the folder and try again."),
            {"reason": exc.strerror or type(exc).__name__},
        )
    return message_text(
        N_("Something unexpected went wrong ({kind}). Nothing was changed; please try again."),
        {"kind": type(exc).__name__},
    )
