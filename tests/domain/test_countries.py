"""The office saves only country codes its organisation will accept (CLDR list, XX for stateless)."""

from __future__ import annotations

from datetime import date

from beratung_desktop.domain.clients import Client, validate_client


def _country_issues(code: str) -> list[str]:
    client = Client(given_name="A", family_name="B", country_of_origin=code, nationality=code)
    return [
        i.field for i in validate_client(client, date(2026, 1, 1)) if i.field in ("country_of_origin", "nationality")
    ]


def test_cldr_codes_and_stateless_are_accepted():
    for code in ("SY", "UA", "XK", "XX", ""):
        assert _country_issues(code) == [], code


def test_codes_cldr_does_not_know_are_refused():
    for code in ("QQ", "EU", "ZZ", "sy", "=A"):
        assert _country_issues(code) == ["country_of_origin", "nationality"], code
