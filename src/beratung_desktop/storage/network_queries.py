"""The facts of the network figures for a span of days (referrals, short contacts, group sessions,
interpreted consultations, counselled clients' support needs, cases opened), read column by column."""

from __future__ import annotations

import json
from datetime import date
from functools import cache

from ..domain.network_figures import (
    CounselledFacts,
    GroupSessionFacts,
    InterpretedFacts,
    NetworkRecords,
    OpenedCaseFacts,
    ReferralFacts,
    ShortContactFacts,
)
from .connection import Database
from .store import Store


def _span(start: date, end: date) -> tuple[str, str]:
    return start.isoformat(), end.isoformat()


@cache
def _day(text: str) -> date:
    return date.fromisoformat(text)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text and text != "[]" else ()


def _consultation_facts(
    db: Database, span: tuple[str, str], split: date | None
) -> tuple[list[InterpretedFacts], list[CounselledFacts]]:
    """The consultations' facts, read as a stream and kept only once per distinct fact: the figures count
    interpreted consultations by counsellor, service, day and language, and counselled clients with support
    needs or referred in by a partner (no other client counts there) once per period, counsellor and
    service. One object per consultation (all of them fetched as one list first) took
    22 MiB for a month at 20,000 clients, 9 MiB this way; at 200,000 clients a year has a million."""
    interpreted: dict[tuple[str, str, str, str], int] = {}
    counselled: dict[tuple[str, str, str, str | bool], CounselledFacts] = {}
    same: dict[str, str] = {}  # one string object per distinct counsellor, service, language, kind
    needs: dict[str, tuple[str, ...]] = {}
    days: dict[str, str] = {}  # one string per day, shared by the keys
    later = split.isoformat() if split else None
    for client_id, counsellor, service, day, used, language, support, kind in db.stream(
        "SELECT c.client_id, c.counsellor_id, k.service, substr(c.start, 1, 10), c.interpreter_used, "
        "c.interpreter_language, cl.support_needs, coalesce(p.kind, '') "
        "FROM consultations c JOIN cases k ON k.id = c.case_id JOIN clients cl ON cl.id = c.client_id "
        "LEFT JOIN partners p ON p.id = cl.referred_by_partner_id "
        "WHERE c.deleted = 0 AND c.start >= ? AND c.start < date(?, '+1 day')",
        span,
    ):
        counsellor, service = same.setdefault(counsellor, counsellor), same.setdefault(service, service)
        day = days.setdefault(day, day)
        if used:
            key = (counsellor, service, day, same.setdefault(language, language))
            interpreted[key] = interpreted.get(key, 0) + 1
        if support not in needs:
            needs[support] = _codes(support)
        if not (needs[support] or kind):
            continue  # a client without support needs and not referred in counts in no network figure
        side = day if later is None else day >= later
        if (client_id, counsellor, service, side) not in counselled:
            counselled[(client_id, counsellor, service, side)] = CounselledFacts(
                client_id, counsellor, service, _day(day), needs[support], same.setdefault(kind, kind)
            )
    return (
        [InterpretedFacts(c, s, _day(d), language, n) for (c, s, d, language), n in interpreted.items()],
        list(counselled.values()),
    )


def load_network_records(store: Store, start: date, end: date, split: date | None = None) -> NetworkRecords:
    """The facts from start to end. A client's consultations with one counsellor in one service are kept as
    one fact per day, or with `split` as one fact before it and one from it on: the first day of the later
    of two periods read together, or `start` when one period is read."""
    db = store.db
    span = _span(start, end)
    referrals = [
        ReferralFacts(counsellor, service, date.fromisoformat(day), kind or "other", outcome)
        for counsellor, service, day, kind, outcome in db.query(
            "SELECT r.counsellor_id, r.service, r.day, p.kind, r.outcome FROM referrals r "
            "LEFT JOIN partners p ON p.id = r.partner_id "
            "WHERE r.deleted = 0 AND r.day >= ? AND r.day <= ?",
            span,
        )
    ]
    short_contacts = [
        ShortContactFacts(counsellor, service, date.fromisoformat(day), minutes, form, language)
        for counsellor, service, day, minutes, form, language in db.query(
            "SELECT counsellor_id, service, day, minutes, form, language FROM short_contacts "
            "WHERE deleted = 0 AND day >= ? AND day <= ?",
            span,
        )
    ]
    sessions = [
        GroupSessionFacts(group_id, service, counsellor, date.fromisoformat(day), minutes, _codes(present), anonymous)
        for group_id, service, counsellor, day, minutes, present, anonymous in db.query(
            "SELECT s.group_id, g.service, g.counsellor_id, s.day, s.minutes, s.present, s.anonymous_present "
            "FROM group_sessions s JOIN groups g ON g.id = s.group_id "
            "WHERE s.deleted = 0 AND g.deleted = 0 AND s.day >= ? AND s.day <= ?",
            span,
        )
    ]
    interpreted, counselled = _consultation_facts(db, span, split)
    opened = [
        OpenedCaseFacts(counsellor, service, date.fromisoformat(day), _codes(outside))
        for counsellor, service, day, outside in db.query(
            "SELECT counsellor_id, service, opened, outside_target_group FROM cases "
            "WHERE deleted = 0 AND opened >= ? AND opened <= ? AND outside_target_group != '[]'",
            span,
        )
    ]
    return NetworkRecords(referrals, short_contacts, sessions, interpreted, counselled, opened)
