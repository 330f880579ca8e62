"""Age groups used in funders' statistics."""

from __future__ import annotations

from .validation import N_

# (code, lowest age, highest age or None, label)
AGE_GROUPS: tuple[tuple[str, int, int | None, str], ...] = (
    ("0-11", 0, 11, N_("under 12")),
    ("12-17", 12, 17, N_("12 to 17")),
    ("18-27", 18, 27, N_("18 to 27")),
    ("28-44", 28, 44, N_("28 to 44")),
    ("45-64", 45, 64, N_("45 to 64")),
    ("65+", 65, None, N_("65 and older")),
)
UNKNOWN = "unknown"
UNKNOWN_LABEL = N_("unknown")


def age_group(age: int | None) -> str:
    if age is None or age < 0:
        return UNKNOWN
    for code, low, high, _label in AGE_GROUPS:
        if age >= low and (high is None or age <= high):
            return code
    return UNKNOWN


def age_group_label(code: str) -> str:
    for c, _low, _high, label in AGE_GROUPS:
        if c == code:
            return label
    return UNKNOWN_LABEL
