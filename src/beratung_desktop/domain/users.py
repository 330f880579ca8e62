"""People who use the app; the role decides what they may do."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogues import ROLES
from .record import Record
from .validation import N_, ValidationIssue

USER_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
MIN_PASSWORD_LENGTH = 8


@dataclass(kw_only=True)
class User(Record):
    name: str  # login name, lower case
    display_name: str = ""
    role: str = "counsellor"
    active: bool = True

    @property
    def label(self) -> str:
        return self.display_name or self.name


def validate_user(user: User) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if not USER_NAME.match(user.name):
        issues.append(
            ValidationIssue(
                "name", N_("Use 2 to 32 lower-case letters, digits, dots, dashes or underscores for the user name.")
            )
        )
    if user.role not in ROLES:
        issues.append(ValidationIssue("role", N_("Unknown role {code}."), {"code": user.role}))
    return issues


def validate_password(password: str) -> list[ValidationIssue]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return [
            ValidationIssue("password", N_("The password needs at least {n} characters."), {"n": MIN_PASSWORD_LENGTH})
        ]
    return []


def password_strength(password: str) -> int:
    """A rough 0-4 score for the hint next to the password field."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return 0
    classes = sum(bool(re.search(p, password)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^\w\s]|\s"))
    score = 1 + (len(password) >= 12) + (len(password) >= 16) + (classes >= 3)
    return min(score, 4)
