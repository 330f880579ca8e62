"""The sentence a person sees for an exception: translated, naming what to do next."""

from __future__ import annotations

from ..domain.validation import ValidationError
from ..i18n import _
from ..storage.errors import StoreError


def error_text(exc: BaseException) -> str:
    if isinstance(exc, StoreError):
        return _(exc.message).format(**exc.params)
    if isinstance(exc, ValidationError):
        return " ".join(_(i.message).format(**i.params) for i in exc.issues)
    if isinstance(exc, OSError):
        return _("The file system reported a problem ({reason}). Check the folder and try again.").format(
            reason=exc.strerror or type(exc).__name__
        )
    return _("Something unexpected went wrong ({kind}). Nothing was changed; please try again.").format(
        kind=type(exc).__name__
    )
