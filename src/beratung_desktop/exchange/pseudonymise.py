"""The `statistics` scope: only what the organisation's statistics need, nothing that names a person.

Kept: catalogue codes, counts, minutes, service dates (case opened/closed, day of a consultation),
birth year, arrival month, and pseudonymous ids. Dropped: names (also of household members and
partners), client numbers, contact data, addresses, notes, goal texts, places, consent recipients and
every other free text. A pseudonymous id is an HMAC of the record id with a secret that never leaves
the office, so the same record keeps its pseudonym across exports but cannot be traced back.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

SECRET_BYTES = 32
_REFERENCES = (
    "client_id",
    "case_id",
    "counsellor_id",
    "referral_partner_id",
    "partner_id",
    "referred_by_partner_id",
    "group_id",
)
_REFERENCE_LISTS = ("present",)

Row = dict[str, Any]


def new_secret() -> bytes:
    return secrets.token_bytes(SECRET_BYTES)


def pseudonym(secret: bytes, record_id: str) -> str:
    return hmac.new(secret, record_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def _minutes_between(start: str, end: str) -> int:
    return int((datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() // 60)


def _client(row: Row) -> Row:
    birth_year = int(row["birth_date"][:4]) if row.get("birth_date") else row.get("birth_year")
    arrival = row.get("arrival_date")
    household = row.get("household") or []
    return {
        "first_recorded": _day(row["created_at"]),
        "birth_year": birth_year,
        "gender": row["gender"],
        "country_of_origin": row["country_of_origin"],
        "nationality": row["nationality"],
        "languages": list(row["languages"]),
        "interpreter_needed": row["interpreter_needed"],
        "residence_status": row["residence_status"],
        "arrival_month": arrival[:7] if arrival else None,
        "household_size": len(household),
        "household_counselled": sum(1 for m in household if m.get("counselled")),
        "referred_by_partner_id": row.get("referred_by_partner_id"),
        "support_needs": list(row.get("support_needs") or []),
    }


def _case(row: Row) -> Row:
    view = {
        k: row[k]
        for k in ("client_id", "service", "counsellor_id", "opened", "closed", "close_reason", "case_management")
    }
    view["outside_target_group"] = list(row.get("outside_target_group") or [])
    return view


def _consultation(row: Row) -> Row:
    return {
        "case_id": row["case_id"],
        "client_id": row["client_id"],
        "counsellor_id": row["counsellor_id"],
        "day": _day(row["start"]),
        "minutes": row["minutes"],
        "form": row["form"],
        "topics": list(row["topics"]),
        "interpreter_used": row["interpreter_used"],
        "referral_partner_id": row["referral_partner_id"],
        # The language, never who interpreted.
        "interpreter_language": row.get("interpreter_language", ""),
    }


def _goal(row: Row) -> Row:
    return {k: row[k] for k in ("case_id", "responsible", "due", "status", "reviewed")}


def _appointment(row: Row) -> Row:
    return {
        "counsellor_id": row["counsellor_id"],
        "client_id": row["client_id"],
        "day": _day(row["start"]),
        "minutes": _minutes_between(row["start"], row["end"]),
        "outreach": row["outreach"],
        "status": row["status"],
        "group": bool(row["group_name"]),
    }


def _consent(row: Row) -> Row:
    return {k: row[k] for k in ("client_id", "purpose", "given", "withdrawn", "expires")}


def _activity(row: Row) -> Row:
    return {k: row[k] for k in ("counsellor_id", "kind", "service", "day", "minutes", "participants", "partner_id")}


def _erasure(row: Row) -> Row:
    return {k: row[k] for k in ("client_id", "day", "reason")}


def _referral(row: Row) -> Row:
    return {k: row[k] for k in ("client_id", "partner_id", "counsellor_id", "service", "day", "outcome", "outcome_day")}


def _short_contact(row: Row) -> Row:
    """Only what a count needs: no topics, gender, age group or referral of the anonymous person."""
    return {k: row[k] for k in ("counsellor_id", "service", "day", "minutes", "form", "language")}


def _group(row: Row) -> Row:
    return {k: row[k] for k in ("service", "counsellor_id", "first_day", "last_day", "anonymous_participants")}


def _group_member(row: Row) -> Row:
    return {k: row[k] for k in ("group_id", "client_id", "joined")}


def _group_session(row: Row) -> Row:
    return {k: row[k] for k in ("group_id", "day", "minutes", "present", "anonymous_present")}


def _partner(row: Row) -> Row:
    return {"kind": row["kind"]}


def _user(row: Row) -> Row:
    return {"role": row["role"], "active": row["active"]}


_VIEWS: dict[str, Callable[[Row], Row]] = {
    "clients": _client,
    "cases": _case,
    "consultations": _consultation,
    "agreement_goals": _goal,
    "appointments": _appointment,
    "consents": _consent,
    "activities": _activity,
    "partners": _partner,
    "users": _user,
    "erasures": _erasure,
    "referrals": _referral,
    "short_contacts": _short_contact,
    "groups": _group,
    "group_members": _group_member,
    "group_sessions": _group_session,
}

# Every key a statistics record may carry; the tests check packages against this list.
ALLOWED_FIELDS: dict[str, frozenset[str]] = {
    "clients": frozenset(
        {
            "first_recorded",
            "birth_year",
            "gender",
            "country_of_origin",
            "nationality",
            "languages",
            "interpreter_needed",
            "residence_status",
            "arrival_month",
            "household_size",
            "household_counselled",
            "referred_by_partner_id",
            "support_needs",
        }
    ),
    "cases": frozenset(
        {
            "client_id",
            "service",
            "counsellor_id",
            "opened",
            "closed",
            "close_reason",
            "case_management",
            "outside_target_group",
        }
    ),
    "consultations": frozenset(
        {
            "case_id",
            "client_id",
            "counsellor_id",
            "day",
            "minutes",
            "form",
            "topics",
            "interpreter_used",
            "referral_partner_id",
            "interpreter_language",
        }
    ),
    "agreement_goals": frozenset({"case_id", "responsible", "due", "status", "reviewed"}),
    "appointments": frozenset({"counsellor_id", "client_id", "day", "minutes", "outreach", "status", "group"}),
    "consents": frozenset({"client_id", "purpose", "given", "withdrawn", "expires"}),
    "activities": frozenset({"counsellor_id", "kind", "service", "day", "minutes", "participants", "partner_id"}),
    "partners": frozenset({"kind"}),
    "users": frozenset({"role", "active"}),
    "erasures": frozenset({"client_id", "day", "reason"}),
    "referrals": frozenset({"client_id", "partner_id", "counsellor_id", "service", "day", "outcome", "outcome_day"}),
    "short_contacts": frozenset({"counsellor_id", "service", "day", "minutes", "form", "language"}),
    "groups": frozenset({"service", "counsellor_id", "first_day", "last_day", "anonymous_participants"}),
    "group_members": frozenset({"group_id", "client_id", "joined"}),
    "group_sessions": frozenset({"group_id", "day", "minutes", "present", "anonymous_present"}),
}
COMMON_FIELDS = frozenset({"id", "version", "updated_at", "deleted"})


def statistics_view(record_type: str, row: Row, secret: bytes) -> Row:
    """The statistics form of one full record dict (see records.record_to_dict); tombstones stay minimal."""
    view = {
        "id": pseudonym(secret, row["id"]),
        "version": row["version"],
        "updated_at": row["updated_at"],
        "deleted": bool(row.get("deleted")),
    }
    if view["deleted"]:
        return view
    for key, value in _VIEWS[record_type](row).items():
        if key in _REFERENCE_LISTS:
            view[key] = [pseudonym(secret, v) for v in value]
        else:
            view[key] = pseudonym(secret, value) if key in _REFERENCES and value else value
    return view


def coarse_date(month: str | None) -> date | None:
    """The first day of an 'arrival_month' value, for statistics that compare dates."""
    return date.fromisoformat(f"{month}-01") if month else None
