"""Imported record dicts (statistics or full scope) turned back into domain records for statistics.

Statistics-scope records carry coarsened values; they become records with the personal fields
empty: the birth year without a date, the arrival month as its first day, a consultation's day at
midnight, the counselled household members as nameless entries. Ids are prefixed with the device so
that records of different offices never meet.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, datetime
from typing import Any

from ..domain.activities import Activity
from ..domain.cases import Case
from ..domain.clients import Client, HouseholdMember
from ..domain.consultations import Consultation
from .pseudonymise import coarse_date

_REFERENCES = ("client_id", "case_id", "counsellor_id", "referral_partner_id", "partner_id")
T = typing.TypeVar("T")


def scoped_id(device_id: str, record_id: str | None) -> str | None:
    return f"{device_id[:8]}:{record_id}" if record_id else None


def _decode(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    types = typing.get_args(hint) or (hint,)
    if datetime in types:
        return datetime.fromisoformat(value)
    if date in types:
        return date.fromisoformat(value[:10])
    return value


def _build(cls: type[T], values: dict[str, Any]) -> T:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: _decode(v, hints[k]) for k, v in values.items() if k in names})


def _common(device_id: str, row: dict[str, Any]) -> dict[str, Any]:
    values = dict(row)
    values["id"] = scoped_id(device_id, row["id"])
    for key in _REFERENCES:
        if key in values:
            values[key] = scoped_id(device_id, values[key])
    return values


def client(device_id: str, row: dict[str, Any]) -> Client:
    values = _common(device_id, row)
    if "arrival_month" in row:  # statistics scope
        arrival = coarse_date(row["arrival_month"])
        values["arrival_date"] = arrival.isoformat() if arrival else None
        values["household"] = [HouseholdMember(given_name="", counselled=True)
                               for _ in range(row.get("household_counselled") or 0)]
        values["created_at"] = f"{row['first_recorded']}T00:00:00+00:00" if row.get("first_recorded") \
            else row["updated_at"]
    else:
        values["household"] = [HouseholdMember(**m) for m in row.get("household") or []]
    household = values.pop("household")
    built = _build(Client, values)
    built.household = household
    return built


def case(device_id: str, row: dict[str, Any]) -> Case:
    return _build(Case, _common(device_id, row))


def consultation(device_id: str, row: dict[str, Any]) -> Consultation:
    values = _common(device_id, row)
    if "day" in row and "start" not in row:
        values["start"] = f"{row['day']}T00:00:00"
    return _build(Consultation, values)


def activity(device_id: str, row: dict[str, Any]) -> Activity:
    return _build(Activity, _common(device_id, row))
