"""Name folding for search: diacritics, case, scripts and common transliteration variants.

A name is indexed in several forms so that every usual spelling meets it (docs/design.md, Search):
- folded: lower case without diacritics ("Müller" -> "muller", "İsmail" -> "ismail");
- German umlaut spelling ("Müller" -> "mueller"), so a typed prefix "Mue" finds it;
- Latin transliteration of other scripts (anyascii: "Шевченко" -> "shevchenko");
- joined multi-part names ("Al-Hassan" -> "alhassan") and the name after an Arabic article;
- a consonant skeleton that spelling variants share ("Mohammed", "Muhammad", "محمد" -> "mhmd").
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

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
        "ʻ": "",
        "'": "",
        "’": "",
        "‘": "",
        "`": "",
        "´": "",
    }
)
_APOSTROPHES = str.maketrans({c: " " for c in "'’‘`´ʻʿʾ"})
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# Arabic, Persian (Arabic script) and Hebrew write no short vowels: their transliteration is a skeleton.
_ABJAD = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ARABIC_ARTICLE = "ال"
_VOWEL_START = "اأإآٱعא"
# Particles that are also written joined to the name ("Alhassan", "Abdulrahman").
_PARTICLES = ("al", "el", "abu", "abd", "abdul", "ibn", "bin")

# Applied in order to a folded Latin token; collapses spellings that transliterations of Arabic, Farsi,
# Turkish, Tigrinya, Russian and Ukrainian names commonly vary in (Mohammed/Muhammad/Mohamed,
# Yusuf/Jusuf/Youssef, Hüseyin/Hussein, Ahmet/Ahmed).
_SKELETON_RULES = [
    (re.compile(r"dsch|dj"), "j"),
    (re.compile(r"tsch|sch|tch|sh|zh"), "s"),
    (re.compile(r"ch|kh|gh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"th|dh"), "t"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"[ck]+|q"), "k"),
    # y after the first letter is a vowel or a glide (Maryam/Meriam, Hüseyin/Husein, Ayoub/Ayub).
    (re.compile(r"(?<=.)y"), "e"),
    (re.compile(r"(?<=[aeiou])j(?![aeiou])"), "e"),  # Serhij/Sergiy, Alexej/Aleksey
    (re.compile(r"[yj]"), "j"),
    (re.compile(r"w"), "v"),
    (re.compile(r"z"), "s"),
]
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLES = re.compile(r"(.)\1+")
# Turkish writes the final consonant voiceless: Ahmet/Ahmed, Mehmet/Mehmed, Murat/Murad.
_FINAL_DEVOICED = {"t": "d", "p": "b"}


def fold(text: str) -> str:
    """Lower case without diacritics: "Müller" -> "muller", "Çelik" -> "celik", "IŞIK" -> "isik"."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL).casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _is_latin(token: str) -> bool:
    return token.isascii()


def _consonants(token: str) -> str:
    for pattern, replacement in _SKELETON_RULES:
        token = pattern.sub(replacement, token)
    return token


def skeleton(token: str) -> str:
    """Consonant skeleton of a Latin token: "mohammed", "muhammad", "mohamed" -> "mhmd"."""
    token = fold(token)
    if not token or not _is_latin(token) or not token.isalpha():
        return ""
    token = _consonants(token)
    first = token[0]
    rest = _VOWELS.sub("", token[1:])
    # A leading vowel is kept as a class marker so "Ahmad" does not meet "Hamid".
    head = "a" if first in "aeiou" else first
    result = _DOUBLES.sub(r"\1", head + rest)
    if len(result) > 2 and result[-1] in _FINAL_DEVOICED:
        result = result[:-1] + _FINAL_DEVOICED[result[-1]]
    return result


def _abjad_skeleton(token: str) -> str:
    """Skeleton of an Arabic/Persian/Hebrew token from its consonants ("محمد" -> "mhmd", "علي" -> "al")."""
    latin = fold(anyascii(token))
    latin = re.sub(r"[^a-z]", "", latin)
    if token.endswith("ة"):  # ta marbuta: "Fatima", never a consonant in Latin spellings
        latin = latin[:-1]
    if not latin:
        return ""
    head, rest = latin[0], latin[1:]
    rest = re.sub(r"[wy]", "", rest)  # long vowels ū/ī, written as letters
    consonants = _consonants(head + rest)
    marker = "a" if token[0] in _VOWEL_START else ""
    core = consonants if not marker or consonants[0] != "a" else consonants[1:]
    return skeleton_of_consonants(marker + core)


def skeleton_of_consonants(text: str) -> str:
    text = _DOUBLES.sub(r"\1", text)
    if len(text) > 2 and text[-1] in _FINAL_DEVOICED:
        text = text[:-1] + _FINAL_DEVOICED[text[-1]]
    return text


def _forms(token: str) -> tuple[list[str], list[str]]:
    """Searchable forms and skeletons of one folded token (which may be in any script)."""
    if _is_latin(token):
        forms = [token]
        skeletons = [skeleton(token)]
        for particle in _PARTICLES:
            if token.startswith(particle) and len(token) >= len(particle) + 3:
                rest = token[len(particle) :]
                forms.append(rest)
                skeletons.append(skeleton(rest))
        return forms, skeletons
    forms = [token]
    skeletons = []
    if _ABJAD.search(token):
        skeletons.append(_abjad_skeleton(token))
        if token.startswith(_ARABIC_ARTICLE) and len(token) > 3:
            rest = token[len(_ARABIC_ARTICLE) :]
            forms.append(rest)
            skeletons.append(_abjad_skeleton(rest))
            skeletons.append("al" + _abjad_skeleton(rest))
        return forms, skeletons
    latin = "".join(_TOKEN.findall(fold(anyascii(token))))
    if latin:
        forms.append(latin)
        skeletons.append(skeleton(latin))
    if "г" in token:  # Ukrainian г is h in Latin spellings (Serhij, Hanna), Russian г is g
        skeletons.append(skeleton("".join(_TOKEN.findall(fold(anyascii(token.replace("г", "х")))))))
    return forms, skeletons


def name_forms(*names: str) -> tuple[list[str], list[str]]:
    """Every indexed form of the names and their skeletons, in order, without repeats."""
    forms: list[str] = []
    skeletons: list[str] = []
    for name in names:
        parts = tokens(name)
        # "Müller" is also typed "Mueller"; "O'Brien" also "O Brien".
        german = [t for t in tokens(name.translate(_GERMAN)) + tokens(name.translate(_APOSTROPHES)) if t not in parts]
        # "Al-Hassan" is also typed "Alhassan": index the joined form of multi-part names as well.
        joined = ["".join(parts)] if 1 < len(parts) <= 3 else []
        for token in parts + joined:
            f, s = _forms(token)
            forms.extend(f)
            skeletons.extend(s)
        forms.extend(german)
    return list(dict.fromkeys(forms)), [s for s in dict.fromkeys(skeletons) if s]


def search_terms(*names: str) -> tuple[str, str]:
    """Folded name forms and their skeletons, as space-separated strings for the search index."""
    forms, skeletons = name_forms(*names)
    return " ".join(forms), " ".join(skeletons)


def query_forms(word: str) -> tuple[list[str], list[str]]:
    """What one typed word is looked up as: its folded forms (matched as prefixes) and skeletons."""
    parts = tokens(word)
    if not parts:
        return [], []
    if len(parts) == 1:
        return _forms(parts[0])
    forms, skeletons = _forms("".join(parts))  # "Al-Hassan" typed for a stored "Alhassan"
    return [" ".join(parts), *forms], skeletons


def family_keys(*names: str) -> set[str]:
    """Skeletons that identify a family name across scripts and spellings (for the duplicate warning)."""
    return set(name_forms(*names)[1])
