"""Imported record dicts (statistics or full scope) as the facts the summary figures need.

Statistics-scope records are coarsened: the birth year without a date, the arrival month as its first
day, a consultation's day. Ids get the device as prefix, so that records of different offices never
meet.
"""

from __future__ import annotations

from datetime import date
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
