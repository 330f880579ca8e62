"""Imported record dicts (statistics or full scope) as the facts the summary figures need.

Statistics-scope records are coarsened: the birth year without a date, the arrival month as its first
day, a consultation's day. Ids get the device as prefix, so that records of different offices never
meet.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any, overload

from ..domain.activities import Activity
from ..domain.network_figures import (
    CounselledFacts,
    GroupSessionFacts,
    InterpretedFacts,
    NetworkRecords,
    OpenedCaseFacts,
    ReferralFacts,
    ShortContactFacts,
)
from ..domain.statistics import CaseFacts, ClientFacts, ConsultationFacts
from .pseudonymise import coarse_date

Row = dict[str, Any]


@overload
def scoped_id(device_id: str, record_id: str) -> str: ...
@overload
def scoped_id(device_id: str, record_id: None) -> None: ...
def scoped_id(device_id: str, record_id: str | None) -> str | None:
    return f"{device_id[:8]}:{record_id}" if record_id else None


@overload
def _day(value: str) -> date: ...
@overload
def _day(value: None) -> None: ...
def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def client(device_id: str, row: Row) -> ClientFacts:
    if "arrival_month" in row:  # statistics scope
        birth_date, arrival = None, coarse_date(row["arrival_month"])
        household = row.get("household_counselled") or 0
    else:
        birth_date, arrival = _day(row.get("birth_date")), _day(row.get("arrival_date"))
        household = sum(1 for m in row.get("household") or [] if m.get("counselled"))
    birth_year = row.get("birth_year") if birth_date is None else birth_date.year
    return ClientFacts(
        scoped_id(device_id, row["id"]),
        birth_date,
        birth_year,
        row["gender"],
        row.get("country_of_origin", ""),
        arrival,
        household,
    )


def case(device_id: str, row: Row) -> CaseFacts:
    return CaseFacts(
        scoped_id(device_id, row["id"]),
        scoped_id(device_id, row["client_id"]),
        row["service"],
        scoped_id(device_id, row["counsellor_id"]),
        _day(row["opened"]),
        _day(row.get("closed")),
        row.get("close_reason"),
        bool(row.get("case_management")),
    )


def consultation(device_id: str, row: Row) -> ConsultationFacts:
    return ConsultationFacts(
        scoped_id(device_id, row["case_id"]),
        scoped_id(device_id, row["client_id"]),
        scoped_id(device_id, row["counsellor_id"]),
        _day(row.get("day") or row["start"]),
        row["minutes"],
        row["form"],
        tuple(row.get("topics") or ()),
        bool(row.get("interpreter_used")),
    )


def activity(device_id: str, row: Row) -> Activity:
    return Activity(
        id=scoped_id(device_id, row["id"]),
        counsellor_id=scoped_id(device_id, row["counsellor_id"]),
        kind=row["kind"],
        service=row["service"],
        day=_day(row["day"]),
        minutes=row["minutes"],
        participants=row.get("participants", 0),
        partner_id=scoped_id(device_id, row.get("partner_id")),
    )


def network_records(found: dict[str, list[tuple[str, str, Row]]], wanted: frozenset[str]) -> NetworkRecords:
    """The facts of the network figures from imported records (either scope) of the wanted offices
    (all when empty). Partners are known by their type only, interpreters not at all."""

    def live(record_type: str) -> list[tuple[str, Row]]:
        return [
            (device, row)
            for device, office, row in found.get(record_type, [])
            if not row["deleted"] and (not wanted or office in wanted)
        ]

    kinds = {scoped_id(d, r["id"]): r.get("kind", "other") for d, r in live("partners")}
    cases = {scoped_id(d, r["id"]): r for d, r in live("cases")}
    clients = {scoped_id(d, r["id"]): (d, r) for d, r in live("clients")}
    groups = {scoped_id(d, r["id"]): (d, r) for d, r in live("groups")}
    records = NetworkRecords()
    for d, r in live("referrals"):
        kind = kinds.get(scoped_id(d, r["partner_id"]), "other")
        records.referrals.append(
            ReferralFacts(scoped_id(d, r["counsellor_id"]), r["service"], _day(r["day"]), kind, r["outcome"])
        )
    for d, r in live("short_contacts"):
        records.short_contacts.append(
            ShortContactFacts(
                scoped_id(d, r["counsellor_id"]),
                r["service"],
                _day(r["day"]),
                r["minutes"],
                r["form"],
                r.get("language", ""),
            )
        )
    for d, r in live("group_sessions"):
        group = groups.get(scoped_id(d, r["group_id"]))
        if group is None:
            continue
        records.group_sessions.append(
            GroupSessionFacts(
                scoped_id(d, r["group_id"]),
                group[1]["service"],
                scoped_id(d, group[1]["counsellor_id"]),
                _day(r["day"]),
                r["minutes"],
                tuple(scoped_id(d, c) for c in r.get("present") or []),
                r.get("anonymous_present", 0),
            )
        )
    for d, r in live("consultations"):
        case_row = cases.get(scoped_id(d, r["case_id"]))
        if case_row is None:
            continue
        day = _day(r.get("day") or r["start"])
        counsellor, service = scoped_id(d, r["counsellor_id"]), case_row["service"]
        if r.get("interpreter_used"):
            records.interpreted.append(InterpretedFacts(counsellor, service, day, r.get("interpreter_language", "")))
        client_row = clients.get(scoped_id(d, r["client_id"]))
        if client_row is not None:
            referred = client_row[1].get("referred_by_partner_id")
            kind = kinds.get(scoped_id(d, referred), "other") if referred else ""
            records.counselled.append(
                CounselledFacts(
                    scoped_id(d, r["client_id"]),
                    counsellor,
                    service,
                    day,
                    tuple(client_row[1].get("support_needs") or ()),
                    kind,
                )
            )
    for d, r in live("cases"):
        if r.get("outside_target_group"):
            records.opened_cases.append(
                OpenedCaseFacts(
                    scoped_id(d, r["counsellor_id"]), r["service"], _day(r["opened"]), tuple(r["outside_target_group"])
                )
            )
    return records


# The columns of each summary fact after (id, device line, version, deleted), in the order of
# storage/organisation_facts.py; the values are those the functions above give the figures.
def _client_fact(device: str, row: Row) -> tuple:
    p = client(device, row)
    birth = p.birth_date.isoformat() if p.birth_date else None
    arrival = p.arrival_date.isoformat() if p.arrival_date else None
    needs = json.dumps(list(row.get("support_needs") or ()))
    referred = scoped_id(device, row.get("referred_by_partner_id") or None)
    return (birth, p.birth_year, p.gender, p.country_of_origin, arrival, p.household_counselled, needs, referred)


def _case_fact(device: str, row: Row) -> tuple:
    k = case(device, row)
    closed = k.closed.isoformat() if k.closed else None
    outside = json.dumps(list(row.get("outside_target_group") or ()))
    values = (k.client_id, k.service, k.counsellor_id, k.opened.isoformat(), closed, k.close_reason)
    return (*values, int(k.case_management), outside)


@lru_cache(maxsize=4096)
def _json_list(values: tuple) -> str:
    return json.dumps(list(values))


def _consultation_fact(device: str, row: Row) -> tuple:
    # consultation() without its dataclass: a package holds tens of thousands of consultations.
    prefix = device[:8] + ":"
    day = date.fromisoformat((row.get("day") or row["start"])[:10]).isoformat()
    topics = tuple(row.get("topics") or ())
    try:
        topics_text = _json_list(topics)
    except TypeError:  # not a list of codes (stored before the schema check)
        topics_text = json.dumps(list(topics))
    case_id, client_id, counsellor_id = row["case_id"], row["client_id"], row["counsellor_id"]
    return (
        prefix + case_id if case_id else None,
        prefix + client_id if client_id else None,
        prefix + counsellor_id if counsellor_id else None,
        day,
        row["minutes"],
        row["form"],
        topics_text,
        int(bool(row.get("interpreter_used"))),
        row.get("interpreter_language", ""),
    )


def _activity_fact(device: str, row: Row) -> tuple:
    a = activity(device, row)
    return (a.counsellor_id, a.kind, a.service, a.day.isoformat(), a.minutes, a.participants)


def _referral_fact(device: str, row: Row) -> tuple:
    partner, counsellor = scoped_id(device, row["partner_id"]), scoped_id(device, row["counsellor_id"])
    return (partner, counsellor, row["service"], _day(row["day"]).isoformat(), row["outcome"])


def _short_contact_fact(device: str, row: Row) -> tuple:
    day = _day(row["day"]).isoformat()
    values = (scoped_id(device, row["counsellor_id"]), row["service"], day, row["minutes"], row["form"])
    return (*values, row.get("language", ""))


def _group_session_fact(device: str, row: Row) -> tuple:
    present = json.dumps([scoped_id(device, c) for c in row.get("present") or []])
    day = _day(row["day"]).isoformat()
    return (scoped_id(device, row["group_id"]), day, row["minutes"], present, row.get("anonymous_present", 0))


_FACTS = {
    "clients": _client_fact,
    "cases": _case_fact,
    "consultations": _consultation_fact,
    "activities": _activity_fact,
    "partners": lambda device, row: (row.get("kind", "other"),),
    "referrals": _referral_fact,
    "short_contacts": _short_contact_fact,
    "groups": lambda device, row: (row["service"], scoped_id(device, row["counsellor_id"])),
    "group_sessions": _group_session_fact,
}


def fact_row(record_type: str, line: int, record_id: str, version: int, columns: int, row: Any) -> tuple | None:
    """The summary fact of one imported record version of a device line (storage/organisation_facts.py):
    (scoped id, line, version, deleted, *columns); None for a record that does not read (stored by an
    older installation without the schema check, or erased)."""
    device = str(line)
    try:
        key = (scoped_id(device, record_id), line, version)
        if row.get("deleted"):
            return (*key, 1) + (None,) * columns
        return (*key, 0, *_FACTS[record_type](device, row))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
