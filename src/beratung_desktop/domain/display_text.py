"""Text from files made safe to show on a terminal or in a one-line label.

Office names, device ids and other fields of enrollment files and packages come from another
computer. Control characters (terminal escape sequences, carriage returns that overwrite a line) and
invisible direction overrides that reorder what IT reads are shown as escapes such as \\x1b, so
nothing in a file can move the cursor, change colours or hide text. Joiners needed by Persian and
Arabic names (U+200C, U+200D) stay.
"""

from __future__ import annotations

import unicodedata

_KEEP = frozenset("\u200c\u200d")
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def displayable(text: str) -> str:
    """`text` with every control, format or unassigned character replaced by a visible escape."""
    if text.isprintable():
        return text
    return "".join(_escape(c) if c not in _KEEP and unicodedata.category(c) in _UNSAFE_CATEGORIES else c for c in text)
