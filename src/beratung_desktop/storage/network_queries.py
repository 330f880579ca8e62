"""The facts of the network figures for a span of days (referrals, short contacts, group sessions,
interpreted consultations, counselled clients' support needs, cases opened), read column by column."""

from __future__ import annotations

import json
from datetime import date

from ..domain.network_figures import (
    CounselledFacts,
    GroupSessionFacts,
    InterpretedFacts,
    NetworkRecords,
    OpenedCaseFacts,
    ReferralFacts,
    ShortContactFacts,
)
from .store import Store


def _span(start: date, end: date) -> tuple[str, str]:
    return start.isoformat(), end.isoformat()


def _codes(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text and text != "[]" else ()


def load_network_records(store: Store, start: date, end: date) -> NetworkRecords:
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
    interpreted: list[InterpretedFacts] = []
    counselled: list[CounselledFacts] = []
    for client_id, counsellor, service, day, used, language, needs, kind in db.query(
        "SELECT c.client_id, c.counsellor_id, k.service, substr(c.start, 1, 10), c.interpreter_used, "
        "c.interpreter_language, cl.support_needs, coalesce(p.kind, '') "
        "FROM consultations c JOIN cases k ON k.id = c.case_id JOIN clients cl ON cl.id = c.client_id "
        "LEFT JOIN partners p ON p.id = cl.referred_by_partner_id "
        "WHERE c.deleted = 0 AND c.start >= ? AND c.start < date(?, '+1 day')",
        span,
    ):
        day_ = date.fromisoformat(day)
        if used:
            interpreted.append(InterpretedFacts(counsellor, service, day_, language))
        counselled.append(CounselledFacts(client_id, counsellor, service, day_, _codes(needs), kind))
    opened = [
        OpenedCaseFacts(counsellor, service, date.fromisoformat(day), _codes(outside))
        for counsellor, service, day, outside in db.query(
            "SELECT counsellor_id, service, opened, outside_target_group FROM cases "
            "WHERE deleted = 0 AND opened >= ? AND opened <= ? AND outside_target_group != '[]'",
            span,
        )
    ]
    return NetworkRecords(referrals, short_contacts, sessions, interpreted, counselled, opened)
