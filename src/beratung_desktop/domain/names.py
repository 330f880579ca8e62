"""Name folding for search: diacritics, case and common transliteration variants."""

from __future__ import annotations

import re
import unicodedata

# German umlauts are often typed as ae/oe/ue; folding both spellings to the bare vowel lets "Mueller"
# and "Müller" meet. Letters without a decomposition get explicit ASCII equivalents.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "ʿ": "",
        "ʾ": "",
        "'": "",
        "’": "",
    }
)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Applied in order to a folded Latin token; collapses spellings that transliterations of Arabic, Farsi,
# Tigrinya, Russian and Ukrainian names commonly vary in (Mohammed/Muhammad/Mohamed, Yusuf/Jusuf/Youssef).
_SKELETON_RULES = [
    (re.compile(r"dsch|dj"), "j"),
    (re.compile(r"tsch|sch|tch|sh|zh"), "s"),
    (re.compile(r"ch|kh|gh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"th|dh"), "t"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"[ck]+|q"), "k"),
    (re.compile(r"[yj]"), "j"),
    (re.compile(r"w"), "v"),
    (re.compile(r"z"), "s"),
]
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLES = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lower case without diacritics: "Müller" -> "muller", "Çelik" -> "celik"."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL).casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _is_latin(token: str) -> bool:
    return token.isascii()


def skeleton(token: str) -> str:
    """Consonant skeleton of a Latin token: "mohammed", "muhammad", "mohamed" -> "mhmd"."""
    token = fold(token)
    if not token or not _is_latin(token) or not token.isalpha():
        return ""
    for pattern, replacement in _SKELETON_RULES:
        token = pattern.sub(replacement, token)
    first = token[0]
    rest = _VOWELS.sub("", token[1:])
    # A leading vowel is kept as a class marker so "Ahmad" does not meet "Hamid".
    head = "a" if first in "aeiou" else first
    return _DOUBLES.sub(r"\1", head + rest)


def search_terms(*names: str) -> tuple[str, str]:
    """Folded name tokens and their skeletons, as space-separated strings for the search index."""
    folded: list[str] = []
    skeletons: list[str] = []
    for name in names:
        parts = tokens(name)
        # "Al-Hassan" is also typed "Alhassan": index the joined form of multi-part names as well.
        joined = ["".join(parts)] if 1 < len(parts) <= 3 else []
        for tok in parts + joined:
            folded.append(tok)
            sk = skeleton(tok)
            if sk:
                skeletons.append(sk)
    return " ".join(dict.fromkeys(folded)), " ".join(dict.fromkeys(skeletons))
