"""A person counselled, with the household members counselled together with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .catalogues import GENDERS, RESIDENCE_STATUSES, SUPPORT_NEEDS
from .countries import is_country_code
from .record import Record
from .validation import N_, ValidationIssue


@dataclass(kw_only=True)
class HouseholdMember:
    given_name: str
    family_name: str = ""
    relation: str = ""
    birth_year: int | None = None
    counselled: bool = True


@dataclass(kw_only=True)
class Client(Record):
    client_number: str = ""
    given_name: str = ""
    family_name: str = ""
    # Names as written in the client's own script (Arabic, Cyrillic, Ethiopic, ...).
    given_name_original: str = ""
    family_name_original: str = ""
    birth_date: date | None = None
    # When only the year is known, as often with refugee documents.
    birth_year: int | None = None
    gender: str = "unspecified"
    country_of_origin: str = ""  # ISO 3166-1 alpha-2
    nationality: str = ""  # ISO 3166-1 alpha-2, "XX" for stateless
    languages: list[str] = field(default_factory=list)  # ISO 639 codes as Babel knows them
    interpreter_needed: bool = False
    residence_status: str = "unknown"
    arrival_date: date | None = None
    household: list[HouseholdMember] = field(default_factory=list)
    phone: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""
    # A pseudonymous skeleton left by an erasure: counted in figures, shown nowhere else.
    erased: bool = False
    # The network partner who sent the client to the office, if one did.
    referred_by_partner_id: str | None = None
    # Special support needs (catalogue SUPPORT_NEEDS), a breakdown of the figures.
    support_needs: list[str] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        return f"{self.family_name}, {self.given_name}".strip(", ")

    @property
    def effective_birth_year(self) -> int | None:
        return self.birth_date.year if self.birth_date else self.birth_year


def age_on(client: Client, day: date) -> int | None:
    """Age in whole years; with only a birth year known, the age reached during that year."""
    if client.birth_date:
        b = client.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
    if client.birth_year:
        return day.year - client.birth_year
    return None


def validate_client(client: Client, today: date) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if not client.given_name.strip() and not client.given_name_original.strip():
        issues.append(ValidationIssue("given_name", N_("Enter a given name.")))
    if not client.family_name.strip() and not client.family_name_original.strip():
        issues.append(ValidationIssue("family_name", N_("Enter a family name.")))
    if client.birth_date and client.birth_date > today:
        issues.append(ValidationIssue("birth_date", N_("The date of birth lies in the future.")))
    if client.birth_year is not None and not 1900 <= client.birth_year <= today.year:
        issues.append(
            ValidationIssue(
                "birth_year", N_("The year of birth must lie between 1900 and {year}."), {"year": today.year}
            )
        )
    if client.gender not in GENDERS:
        issues.append(ValidationIssue("gender", N_("Unknown gender code {code}."), {"code": client.gender}))
    if client.residence_status not in RESIDENCE_STATUSES:
        issues.append(
            ValidationIssue(
                "residence_status", N_("Unknown residence status {code}."), {"code": client.residence_status}
            )
        )
    unknown_needs = [n for n in client.support_needs if n not in SUPPORT_NEEDS]
    if unknown_needs:
        issues.append(ValidationIssue("support_needs", N_("Unknown support need {code}."), {"code": unknown_needs[0]}))
    for name in ("country_of_origin", "nationality"):
        value = getattr(client, name)
        if value and not is_country_code(value):
            issues.append(ValidationIssue(name, N_("Use a two-letter country code such as SY.")))
    if client.arrival_date:
        if client.arrival_date > today:
            issues.append(ValidationIssue("arrival_date", N_("The arrival date lies in the future.")))
        born = client.birth_date or (date(client.birth_year, 1, 1) if client.birth_year else None)
        if born and client.arrival_date < born:
            issues.append(ValidationIssue("arrival_date", N_("The arrival date lies before the birth.")))
    return issues
