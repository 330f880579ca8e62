"""Validation results that upper layers translate and show next to the field."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..errors import N_, AppError

__all__ = ["N_", "ValidationError", "ValidationIssue"]


@dataclass(frozen=True)
class ValidationIssue:
    field: str
    # English source text (a gettext msgid) with str.format placeholders filled from params.
    message: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


class ValidationError(AppError, ValueError):
    """One or more fields refused; each issue is shown next to its field."""

    message = N_("Some entries are incomplete or invalid.")

    def __init__(self, issues: list[ValidationIssue]):
        super().__init__()
        self.issues = issues
        self.args = ("; ".join(f"{i.field}: {i.message.format(**i.params)}" for i in issues),)
