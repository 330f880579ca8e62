"""Which language codes a record may hold: the two- and three-letter codes CLDR names, plus Dari.

CLDR knows Dari only as the locale fa_AF; clients' languages are ISO 639 codes, so Dari is recorded as
its ISO 639-3 code "prs" (named and formatted as fa_AF by `i18n.formatting`). The office offers and the
organisation accepts the same list, so an office never exports a code its organisation would refuse.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

EXTRA_CODES = frozenset({"prs"})


@cache
def language_codes() -> frozenset[str]:
    names = Locale.parse("en").languages
    return frozenset(c for c in names if isinstance(c, str) and re.fullmatch(r"[a-z]{2,3}", c)) | EXTRA_CODES


def is_language_code(value: object) -> bool:
    return isinstance(value, str) and value in language_codes()
