"""People who use the app; the role decides what they may do."""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

from .catalogues import ROLES
from .record import Record
from .validation import N_, ValidationIssue

# Roles that lead the team: they manage colleagues, see every caseload and the office-wide pages
# (reports, retention, erasure, the whole audit log, export set-up). See "Roles" in docs/design.md.
LEAD_ROLES = frozenset({"team_lead", "admin"})

USER_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
MIN_PASSWORD_LENGTH = 10


# German spelling drops the umlaut's dots into an e (Jürgen -> juergen), which anyascii would lose.
_GERMAN_FOLDS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def suggest_login(display_name: str) -> str:
    """A login name from the first word of a person's name: 'Jürgen Weiß' -> 'juergen', 'Олена' -> 'olena'."""
    words = display_name.strip().lower().split()
    if not words:
        return ""
    latin = anyascii(words[0].translate(_GERMAN_FOLDS)).lower()
    return "".join(ch for ch in latin if ch.isalnum() or ch in "._-")[:32]


@dataclass(kw_only=True)
class User(Record):
    name: str  # login name, lower case
    display_name: str = ""
    role: str = "counsellor"
    active: bool = True

    @property
    def label(self) -> str:
        return self.display_name or self.name

    @property
    def leads_team(self) -> bool:
        return self.role in LEAD_ROLES


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


# Passwords people pick first; checked in lower case, also with a digit or two appended.
COMMON_PASSWORDS = frozenset(
    {
        "passwort",
        "password",
        "kennwort",
        "qwertzuiop",
        "qwertyuiop",
        "asdfghjkl",
        "iloveyou",
        "beratung",
        "beratungsstelle",
        "willkommen",
        "welcome",
        "sommer",
        "hallo",
        "geheim",
        "letmein",
        "admin",
        "administrator",
        "changeme",
        "abc123",
        "1q2w3e4r5t",
        "1q2w3e4r",
        "q1w2e3r4t5",
    }
)
SEQUENCES = ("01234567890", "9876543210", "abcdefghijklmnopqrstuvwxyz", "qwertzuiopasdfghjklyxcvbnm", "qwertyuiop")


def trivial_password(password: str, user_name: str = "") -> bool:
    """Passwords that are guessed first: one repeated character or very few different ones, a run of
    the keyboard or the alphabet, the login name, or a common password with digits appended."""
    text = password.strip().lower()
    if len(set(text)) < 4:
        return True
    if any(text in seq for seq in SEQUENCES):
        return True
    core = text.rstrip("0123456789!.?")
    if user_name and (core == user_name.lower() or text == user_name.lower()):
        return True
    return core in COMMON_PASSWORDS or text in COMMON_PASSWORDS or core.isdigit() or not core


PASSWORD_POLICY = N_(
    "At least {n} characters; not only digits, not a run like 1234567890 or qwertzuiop, not a common "
    "password or your login name. A short sentence is easy to remember."
)


def validate_password(password: str, user_name: str = "") -> list[ValidationIssue]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return [
            ValidationIssue("password", N_("The password needs at least {n} characters."), {"n": MIN_PASSWORD_LENGTH})
        ]
    if trivial_password(password, user_name):
        return [ValidationIssue("password", N_("This password is too easy to guess. Choose a short sentence instead."))]
    return []


def password_strength(password: str) -> int:
    """A rough 0-4 score for the hint next to the password field; 0 means not allowed."""
    if len(password) < MIN_PASSWORD_LENGTH or trivial_password(password):
        return 0
    classes = sum(bool(re.search(p, password)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^\w\s]|\s"))
    score = 1 + (len(password) >= 12) + (len(password) >= 16) + (classes >= 3)
    return min(score, 4)
