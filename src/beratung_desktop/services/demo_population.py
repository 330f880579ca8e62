"""Who comes to a counselling office in Saxony and Brandenburg: name lists and country profiles for demo data.

The name lists live in resources/names/ (see its README); the profiles give each country of origin a
weight resembling the real mix, its languages, the residence statuses that fit it and its arrival waves.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

Name = tuple[str, str]  # (Latin spelling, original script)


def names_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "resources" / "names"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "resources" / "names"


@dataclass(frozen=True)
class NameList:
    given: dict[str, tuple[Name, ...]]
    # Keyed by gender for gendered family names (Ivanov / Ivanova); "" for names everyone carries.
    family: dict[str, tuple[Name, ...]]

    def given_names(self, gender: str) -> tuple[Name, ...]:
        return self.given.get(gender) or self.given["male"] + self.given["female"]

    def family_names(self, gender: str) -> tuple[Name, ...]:
        if gender in ("male", "female"):
            return self.family.get("", ()) + self.family.get(gender, ())
        return self.family.get("", ()) or self.family["male"]


@cache
def name_list(country: str) -> NameList:
    given: dict[str, list[Name]] = {}
    family: dict[str, list[Name]] = {}
    with open(names_dir() / f"{country}.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            target = given if row["kind"] == "given" else family
            target.setdefault(row["gender"], []).append((row["latin"], row["original"]))
    return NameList({k: tuple(v) for k, v in given.items()}, {k: tuple(v) for k, v in family.items()})


@dataclass(frozen=True)
class CountryProfile:
    code: str
    weight: float
    languages: tuple[str, ...]  # the first is the main language; later ones are spoken by some
    statuses: dict[str, float]
    # Arrival waves: (first day, last day or None for today, weight).
    arrivals: tuple[tuple[date, date | None, float], ...]
    female_share: float = 0.45
    interpreter_share: float = 0.4


_REFUGEE = {
    "asylum_pending": 20,
    "refugee": 25,
    "subsidiary": 20,
    "tolerated": 10,
    "residence_permit": 15,
    "settlement_permit": 8,
    "unknown": 2,
}

PROFILES: tuple[CountryProfile, ...] = (
    CountryProfile(
        "UA",
        28,
        ("uk", "ru"),
        {"temporary_protection": 88, "residence_permit": 6, "settlement_permit": 2, "unknown": 4},
        (
            (date(2022, 2, 24), date(2022, 12, 31), 6),
            (date(2023, 1, 1), None, 4),
            (date(2014, 6, 1), date(2021, 12, 31), 1),
        ),
        female_share=0.66,
        interpreter_share=0.5,
    ),
    CountryProfile(
        "SY",
        20,
        ("ar", "ku"),
        {
            "refugee": 33,
            "subsidiary": 33,
            "asylum_pending": 6,
            "settlement_permit": 12,
            "residence_permit": 10,
            "german": 4,
            "unknown": 2,
        },
        ((date(2014, 6, 1), date(2016, 12, 31), 6), (date(2017, 1, 1), None, 4)),
    ),
    CountryProfile(
        "AF",
        12,
        ("fa", "ps"),
        {
            "asylum_pending": 25,
            "refugee": 18,
            "subsidiary": 12,
            "tolerated": 20,
            "residence_permit": 17,
            "settlement_permit": 5,
            "unknown": 3,
        },
        (
            (date(2015, 1, 1), date(2016, 12, 31), 3),
            (date(2017, 1, 1), date(2021, 7, 31), 2),
            (date(2021, 8, 15), None, 5),
        ),
        female_share=0.4,
        interpreter_share=0.55,
    ),
    CountryProfile(
        "IQ",
        6,
        ("ar", "ku"),
        {
            "asylum_pending": 18,
            "tolerated": 22,
            "refugee": 15,
            "subsidiary": 12,
            "residence_permit": 20,
            "settlement_permit": 10,
            "unknown": 3,
        },
        ((date(2015, 1, 1), date(2016, 12, 31), 5), (date(2017, 1, 1), None, 5)),
    ),
    CountryProfile(
        "IR",
        5,
        ("fa",),
        {
            "asylum_pending": 30,
            "refugee": 28,
            "tolerated": 10,
            "residence_permit": 25,
            "settlement_permit": 5,
            "unknown": 2,
        },
        ((date(2015, 1, 1), None, 1),),
        interpreter_share=0.35,
    ),
    CountryProfile(
        "TR",
        5,
        ("tr", "ku"),
        {
            "asylum_pending": 40,
            "refugee": 15,
            "residence_permit": 28,
            "settlement_permit": 10,
            "german": 5,
            "unknown": 2,
        },
        ((date(2022, 1, 1), None, 6), (date(2014, 1, 1), date(2021, 12, 31), 4)),
        interpreter_share=0.3,
    ),
    CountryProfile(
        "RU",
        5,
        ("ru",),
        {
            "asylum_pending": 25,
            "residence_permit": 38,
            "settlement_permit": 20,
            "tolerated": 10,
            "german": 5,
            "unknown": 2,
        },
        ((date(2014, 1, 1), None, 1),),
        female_share=0.5,
        interpreter_share=0.35,
    ),
    CountryProfile(
        "ER",
        4,
        ("ti",),
        {
            "refugee": 50,
            "subsidiary": 20,
            "asylum_pending": 10,
            "settlement_permit": 10,
            "residence_permit": 8,
            "unknown": 2,
        },
        ((date(2014, 6, 1), date(2017, 12, 31), 6), (date(2018, 1, 1), None, 4)),
        female_share=0.35,
        interpreter_share=0.6,
    ),
    CountryProfile(
        "VE",
        3,
        ("es",),
        {"asylum_pending": 45, "tolerated": 20, "residence_permit": 30, "unknown": 5},
        ((date(2019, 1, 1), None, 1),),
        female_share=0.5,
        interpreter_share=0.45,
    ),
    CountryProfile(
        "GE",
        3,
        ("ka", "ru"),
        {"asylum_pending": 30, "tolerated": 40, "residence_permit": 27, "unknown": 3},
        ((date(2017, 1, 1), None, 1),),
        interpreter_share=0.5,
    ),
    CountryProfile(
        "SO", 2, ("so",), dict(_REFUGEE), ((date(2014, 1, 1), None, 1),), female_share=0.4, interpreter_share=0.55
    ),
    CountryProfile(
        "MD",
        2,
        ("ro", "ru"),
        {"asylum_pending": 20, "tolerated": 30, "residence_permit": 40, "eu_citizen": 8, "unknown": 2},
        ((date(2016, 1, 1), None, 1),),
    ),
    CountryProfile(
        "VN",
        2,
        ("vi",),
        {"residence_permit": 60, "settlement_permit": 25, "tolerated": 13, "unknown": 2},
        ((date(2014, 1, 1), None, 1),),
        female_share=0.55,
        interpreter_share=0.45,
    ),
    CountryProfile("PL", 1.5, ("pl",), {"eu_citizen": 100}, ((date(2014, 1, 1), None, 1),), interpreter_share=0.3),
    CountryProfile("RO", 1.5, ("ro",), {"eu_citizen": 100}, ((date(2014, 1, 1), None, 1),), interpreter_share=0.35),
)

# Statuses under which refugee social work (FSA in Saxony, MSA in Brandenburg) is the fitting service.
REFUGEE_STATUSES = frozenset({"asylum_pending", "tolerated", "refugee", "subsidiary", "temporary_protection"})
