"""Which country codes a record may hold: ISO 3166-1 alpha-2 as CLDR knows them, XX for stateless.

The office checks them when a client is saved and the organisation again when a package arrives, with
the same list, so an office can never export a code its organisation would refuse.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

STATELESS = "XX"
_NOT_COUNTRIES = ("ZZ", "EU", "UN", "EZ", "QO")


@cache
def country_codes() -> frozenset[str]:
    territories = Locale.parse("en").territories
    codes = {
        c
        for c in territories
        if isinstance(c, str) and len(c) == 2 and c.isalpha() and c.isupper() and c not in _NOT_COUNTRIES
    }
    return frozenset(codes | {STATELESS})


def is_country_code(value: object) -> bool:
    return isinstance(value, str) and value in country_codes()
