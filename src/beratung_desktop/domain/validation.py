"""Validation results that upper layers translate and show next to the field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def N_(message: str) -> str:
    """Marks a string for extraction; translation happens where it is shown."""
    return message


@dataclass(frozen=True)
class ValidationIssue:
    field: str
    # English source text (a gettext msgid) with str.format placeholders filled from params.
    message: str
    params: dict[str, Any] = field(default_factory=dict)


class ValidationError(ValueError):
    def __init__(self, issues: list[ValidationIssue]):
        super().__init__("; ".join(f"{i.field}: {i.message.format(**i.params)}" for i in issues))
        self.issues = issues
