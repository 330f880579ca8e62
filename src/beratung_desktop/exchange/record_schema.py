"""What an imported record may look like, checked field by field before anything is stored.

An accepted device is trusted to be who it says, not to send well-formed data: a laptop with a bug,
an old version or a hostile user can put anything into a signed package. Every record of a package
is checked here (types, required fields, dates, ISO country and language codes from CLDR, catalogue
codes, text lengths, no fields beyond the scope's), so that nothing stored can break a report or
turn into a spreadsheet formula. The first bad field refuses the whole package.

The rules describe record schema 3 and later; fields added by a newer schema are optional here, so
older packages (records simply lack them) keep importing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from operator import itemgetter
from typing import Any

from ..domain.catalogues import (
    ACTIVITY_TYPES,
    APPOINTMENT_STATUSES,
    CLOSE_REASONS,
    CONSENT_PURPOSES,
    ERASURE_REASONS,
    FORMS,
    GENDERS,
    GOAL_RESPONSIBLE,
    GOAL_STATUSES,
    PARTNER_KINDS,
    REFERRAL_OUTCOMES,
    RESIDENCE_STATUSES,
    ROLES,
    SERVICES,
    SHORT_CONTACT_FORMS,
    SUPPORT_NEEDS,
    TARGET_GROUP_DEVIATIONS,
    TOPICS,
    Catalogue,
)
from ..domain.countries import is_country_code
from ..domain.languages import language_codes
from .pseudonymise import ALLOWED_FIELDS, COMMON_FIELDS

MAX_TEXT = 10_000  # notes and other free text
MAX_NAME = 500  # names, places, titles
MAX_ID = 64
MAX_LIST = 200
MAX_MINUTES = 24 * 60 * 31  # a month of minutes: more is a typing or a software error
MAX_COUNT = 1_000_000
MAX_VERSION = 2**53  # versions count edits; anything near this is not a real record
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
_IDS = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9._:-]*\n)*")  # ids joined by line ends, each one a record id


class RecordInvalid(ValueError):
    """One field of one record breaks the schema; the message names both (English, no personal data)."""

    def __init__(self, record_type: str, index: int, field: str, problem: str):
        self.record_type, self.index, self.field, self.problem = record_type, index, field, problem
        super().__init__(f"{record_type} #{index + 1}, field {field}: {problem}")


Check = Callable[[Any], str | None]  # returns the problem, or None when the value is fine


def _text(limit: int, *, empty: bool = True) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "expected text"
        if len(value) > limit:
            return f"longer than {limit} characters"
        if not value and not empty:
            return "must not be empty"
        return None

    return check


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _record_id(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > MAX_ID or not _ID.fullmatch(value):
        return "expected a record id"
    return None


def _code(catalogue: Catalogue) -> Check:
    return lambda value: None if isinstance(value, str) and value in catalogue else f"unknown {catalogue.name} code"


def _country(value: Any) -> str | None:
    if value == "" or is_country_code(value):
        return None
    return "expected an ISO country code"


def _languages(value: Any) -> str | None:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        return "expected a list of language codes"
    codes = language_codes()
    return None if all(isinstance(v, str) and v in codes for v in value) else "unknown language code"


def _codes(catalogue: Catalogue) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list) or len(value) > MAX_LIST:
            return f"expected a list of {catalogue.name} codes"
        return None if all(isinstance(v, str) and v in catalogue for v in value) else f"unknown {catalogue.name} code"

    return check


def _texts(value: Any) -> str | None:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        return "expected a list of texts"
    return None if all(isinstance(v, str) and len(v) <= MAX_TEXT for v in value) else "expected a list of texts"


def _integer(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if type(value) is not int:
            return "expected a whole number"
        return None if low <= value <= high else f"outside {low}..{high}"

    return check


def _boolean(value: Any) -> str | None:
    return None if type(value) is bool else "expected true or false"


def _date(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) != 10:
        return "expected a date YYYY-MM-DD"
    try:
        date.fromisoformat(value)
    except ValueError:
        return "expected a date YYYY-MM-DD"
    return None


def _month(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) != 7 or _date(f"{value}-01"):
        return "expected a month YYYY-MM"
    return None


def _moment(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 40:
        return "expected a date and time"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return "expected a date and time"
    return None


def _household(value: Any) -> str | None:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        return "expected a list of household members"
    fields = {"given_name", "family_name", "relation", "birth_year", "counselled"}
    for member in value:
        if not isinstance(member, dict) or not set(member) <= fields:
            return "expected a list of household members"
        problem = (
            _text(MAX_NAME)(member.get("given_name", ""))
            or _text(MAX_NAME)(member.get("family_name", ""))
            or _text(MAX_NAME)(member.get("relation", ""))
            or _YEAR(member.get("birth_year"))
            or _boolean(member.get("counselled", True))
        )
        if problem:
            return problem
    return None


def _language_or_empty(value: Any) -> str | None:
    if value == "" or (isinstance(value, str) and value in language_codes()):
        return None
    return "unknown language code"


def _references(value: Any) -> str | None:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        return "expected a list of record ids"
    return None if all(_record_id(v) is None for v in value) else "expected a list of record ids"


_REF = _record_id
_OPT_REF = _optional(_record_id)
_OPT_DATE = _optional(_date)
_MINUTES = _integer(0, MAX_MINUTES)
_YEAR = _optional(_integer(1800, 2200))

# Every field a record may carry in either scope; which of them a scope allows is decided below.
FIELDS: dict[str, dict[str, Check]] = {
    "users": {
        "name": _text(MAX_NAME),
        "display_name": _text(MAX_NAME),
        "role": _code(ROLES),
        "active": _boolean,
    },
    "partners": {
        "name": _text(MAX_NAME),
        "kind": _code(PARTNER_KINDS),
        "contact": _text(MAX_TEXT),
        "notes": _text(MAX_TEXT),
        "contact_person": _text(MAX_NAME),
        "address": _text(MAX_TEXT),
        "phone": _text(MAX_NAME),
        "languages": _languages,
        "archived": _boolean,
        "merged_into": _OPT_REF,
    },
    "clients": {
        "client_number": _text(MAX_NAME),
        "given_name": _text(MAX_NAME),
        "family_name": _text(MAX_NAME),
        "given_name_original": _text(MAX_NAME),
        "family_name_original": _text(MAX_NAME),
        "birth_date": _OPT_DATE,
        "birth_year": _YEAR,
        "gender": _code(GENDERS),
        "country_of_origin": _country,
        "nationality": _country,
        "languages": _languages,
        "interpreter_needed": _boolean,
        "residence_status": _code(RESIDENCE_STATUSES),
        "arrival_date": _OPT_DATE,
        "arrival_month": _optional(_month),
        "household": _household,
        "household_size": _integer(0, MAX_LIST),
        "household_counselled": _integer(0, MAX_LIST),
        "first_recorded": _OPT_DATE,
        "phone": _text(MAX_NAME),
        "email": _text(MAX_NAME),
        "address": _text(MAX_TEXT),
        "notes": _text(MAX_TEXT),
        "erased": _boolean,
        "referred_by_partner_id": _OPT_REF,
        "support_needs": _codes(SUPPORT_NEEDS),
    },
    "cases": {
        "client_id": _REF,
        "service": _code(SERVICES),
        "counsellor_id": _REF,
        "opened": _date,
        "closed": _OPT_DATE,
        "close_reason": _optional(_code(CLOSE_REASONS)),
        "case_management": _boolean,
        "outside_target_group": _codes(TARGET_GROUP_DEVIATIONS),
        "target_group_reason": _text(MAX_TEXT),
    },
    "consultations": {
        "case_id": _REF,
        "client_id": _REF,
        "counsellor_id": _REF,
        "start": _moment,
        "day": _date,
        "minutes": _MINUTES,
        "form": _code(FORMS),
        "topics": _codes(TOPICS),
        "interpreter_used": _boolean,
        "referral_partner_id": _OPT_REF,
        "notes": _text(MAX_TEXT),
        "interpreter_id": _OPT_REF,
        "interpreter_language": _language_or_empty,
    },
    "agreement_goals": {
        "case_id": _REF,
        "goal": _text(MAX_TEXT),
        "steps": _texts,
        "responsible": _code(GOAL_RESPONSIBLE),
        "due": _OPT_DATE,
        "status": _code(GOAL_STATUSES),
        "reviewed": _OPT_DATE,
    },
    "appointments": {
        "start": _moment,
        "end": _moment,
        "day": _date,
        "minutes": _integer(-MAX_MINUTES, MAX_MINUTES),
        "counsellor_id": _REF,
        "place": _text(MAX_NAME),
        "client_id": _OPT_REF,
        "group_name": _text(MAX_NAME),
        "group": _boolean,
        "outreach": _boolean,
        "status": _code(APPOINTMENT_STATUSES),
        "notes": _text(MAX_TEXT),
        "interpreter_id": _OPT_REF,
        "interpreter_language": _language_or_empty,
    },
    "consents": {
        "client_id": _REF,
        "purpose": _code(CONSENT_PURPOSES),
        "given": _date,
        "recipient": _text(MAX_NAME),
        "withdrawn": _OPT_DATE,
        "expires": _OPT_DATE,
    },
    "activities": {
        "counsellor_id": _REF,
        "kind": _code(ACTIVITY_TYPES),
        "service": _code(SERVICES),
        "day": _date,
        "minutes": _MINUTES,
        "title": _text(MAX_NAME),
        "participants": _integer(0, MAX_COUNT),
        "partner_id": _OPT_REF,
        "notes": _text(MAX_TEXT),
    },
    # That the office erased a client (the organisation then erases its copy): the former id only.
    "erasures": {
        "client_id": _REF,
        "day": _date,
        "reason": _code(ERASURE_REASONS),
    },
    "referrals": {
        "client_id": _REF,
        "partner_id": _REF,
        "counsellor_id": _REF,
        "service": _code(SERVICES),
        "day": _date,
        "consultation_id": _OPT_REF,
        "purpose": _text(MAX_TEXT),
        "outcome": _code(REFERRAL_OUTCOMES),
        "outcome_day": _OPT_DATE,
    },
    "short_contacts": {
        "counsellor_id": _REF,
        "service": _code(SERVICES),
        "day": _date,
        "minutes": _MINUTES,
        "form": _code(SHORT_CONTACT_FORMS),
        "topics": _codes(TOPICS),
        "language": _language_or_empty,
        "gender": _code(GENDERS),
        "age_group": _text(16),
        "referral_partner_id": _OPT_REF,
        "converted_client_id": _OPT_REF,
    },
    "groups": {
        "title": _text(MAX_NAME),
        "service": _code(SERVICES),
        "counsellor_id": _REF,
        "facilitator": _text(MAX_NAME),
        "place": _text(MAX_NAME),
        "first_day": _OPT_DATE,
        "last_day": _OPT_DATE,
        "anonymous_participants": _integer(0, MAX_COUNT),
        "notes": _text(MAX_TEXT),
        "archived": _boolean,
    },
    "group_members": {"group_id": _REF, "client_id": _REF, "joined": _date},
    "group_sessions": {
        "group_id": _REF,
        "day": _date,
        "start_time": _text(8),
        "minutes": _MINUTES,
        "present": _references,
        "anonymous_present": _integer(0, MAX_COUNT),
        "notes": _text(MAX_TEXT),
    },
}

_NETWORK_REQUIRED = {
    "referrals": frozenset({"client_id", "partner_id", "counsellor_id", "service", "day", "outcome"}),
    "short_contacts": frozenset({"counsellor_id", "service", "day", "minutes", "form"}),
    "groups": frozenset({"service", "counsellor_id"}),
    "group_sessions": frozenset({"group_id", "day", "minutes"}),
}

# What the organisation's reports read without a default (services/organisation_report.py via
# exchange/imported_records.py), per scope. A live record without one of them is refused.
REQUIRED: dict[str, dict[str, frozenset[str]]] = {
    "statistics": {
        "clients": frozenset({"gender"}),
        "cases": frozenset({"client_id", "service", "counsellor_id", "opened"}),
        "consultations": frozenset({"case_id", "client_id", "counsellor_id", "day", "minutes", "form"}),
        "activities": frozenset({"counsellor_id", "kind", "service", "day", "minutes"}),
        "erasures": frozenset({"client_id", "day", "reason"}),
        **_NETWORK_REQUIRED,
    },
    "full": {
        "clients": frozenset({"gender"}),
        "cases": frozenset({"client_id", "service", "counsellor_id", "opened"}),
        "consultations": frozenset({"case_id", "client_id", "counsellor_id", "start", "minutes", "form"}),
        "activities": frozenset({"counsellor_id", "kind", "service", "day", "minutes"}),
        "erasures": frozenset({"client_id", "day", "reason"}),
        **_NETWORK_REQUIRED,
    },
}
_FULL_ONLY_COMMON = frozenset({"created_at"})
_COMMON: dict[str, Check] = {
    "id": _record_id,
    "version": _integer(1, MAX_VERSION),
    "updated_at": _moment,
    "created_at": _moment,
    "deleted": _boolean,
}


@dataclass(frozen=True)
class RecordKey:
    """What the package's key columns say about a record; its line must say the same."""

    record_id: str
    version: int
    deleted: bool


def allowed(scope: str, record_type: str) -> frozenset[str]:
    if scope == "statistics":
        return ALLOWED_FIELDS[record_type] | COMMON_FIELDS
    return frozenset(FIELDS[record_type]) | COMMON_FIELDS | _FULL_ONLY_COMMON


_ALWAYS = frozenset({"id", "version", "deleted", "updated_at"})
_UNSEEN = object()
MEMO_LIMIT = 65_536  # distinct values remembered per record type of one package


class RecordChecker:
    """Checks the records of one type in one scope.

    Verdicts on repeated values (days, codes, minutes, references) are remembered, a record's own id
    and its times are not (they never repeat)."""

    def __init__(self, scope: str, record_type: str):
        self.record_type = record_type
        self.allowed = allowed(scope, record_type)
        self.required = REQUIRED[scope].get(record_type, frozenset()) | _ALWAYS
        self.checks: dict[str, Check] = {**FIELDS[record_type], **_COMMON}
        self.remembered = frozenset(self.checks) - {"id", "updated_at", "created_at"}
        self.memo: dict[tuple[str, type, Any], str | None] = {}

    def fail(self, index: int, field: str, problem: str) -> RecordInvalid:
        return RecordInvalid(self.record_type, index, field, problem)

    def check(self, index: int, row: Any, key: RecordKey) -> None:
        """Raises RecordInvalid for the first field of `row` that breaks the schema."""
        if type(row) is not dict:
            raise self.fail(index, "-", "expected a record")
        names = row.keys()
        if not names <= self.allowed:
            raise self.fail(index, sorted(names - self.allowed)[0], "not allowed in this scope")
        deleted = row.get("deleted")
        if deleted is True and names - COMMON_FIELDS:
            raise self.fail(index, sorted(names - COMMON_FIELDS)[0], "a deleted record carries no content")
        needed = _ALWAYS if deleted is True else self.required
        if not needed <= names:
            raise self.fail(index, sorted(needed - names)[0], "missing")
        if (row["id"], row["version"], deleted) != (key.record_id, key.version, key.deleted):
            raise self.fail(index, "id", "differs from the package's key list")
        memo, remembered, checks = self.memo, self.remembered, self.checks
        for name, value in row.items():
            if name in remembered and (value is None or type(value) in (str, int, bool)):
                memo_key = (name, type(value), value)
                problem = memo.get(memo_key, _UNSEEN)
                if problem is _UNSEEN:
                    problem = checks[name](value)
                    if len(memo) < MEMO_LIMIT:
                        memo[memo_key] = problem
            else:
                problem = checks[name](value)
            if problem:
                raise self.fail(index, name, str(problem))

    def all_valid(
        self, rows: Sequence[Any], ids: Sequence[str], versions: Sequence[int], deleted: Sequence[bool]
    ) -> bool:
        """True when check() would accept every row with these keys; False when one may break the schema
        (then check() each row to learn which). Column by column: each distinct value is checked once,
        so a package of 30,000 records costs a few microseconds per record instead of a Python loop over
        every field of every record."""
        try:
            return self._all_valid(rows, ids, versions, deleted)
        except (TypeError, ValueError, KeyError):  # an unhashable value, a time that does not read
            return False

    def _all_valid(
        self, rows: Sequence[Any], ids: Sequence[str], versions: Sequence[int], deleted: Sequence[bool]
    ) -> bool:
        if not rows:
            return True
        if set(map(type, rows)) != {dict}:
            return False
        tombstones = [r.get("deleted") is True for r in rows]
        names: dict[str, int] = {}  # name: in how many distinct shapes
        shapes = set(zip(map(tuple, rows), tombstones, strict=True))
        for shape, tombstone in shapes:
            fields = frozenset(shape)
            if not fields <= self.allowed or not (_ALWAYS if tombstone else self.required) <= fields:
                return False
            if tombstone and fields - COMMON_FIELDS:
                return False
            for name in fields:
                names[name] = names.get(name, 0) + 1
        if (
            list(map(itemgetter("id"), rows)) != list(ids)
            or list(map(itemgetter("version"), rows)) != list(versions)
            or [r.get("deleted") for r in rows] != list(deleted)
        ):
            return False
        return all(
            self._column_valid(
                name, list(map(itemgetter(name), rows)) if n == len(shapes) else [r[name] for r in rows if name in r]
            )
            for name, n in names.items()
        )

    def _column_valid(self, name: str, values: list[Any]) -> bool:
        types = set(map(type, values))
        if name in ("updated_at", "created_at"):
            if types != {str} or max(map(len, values)) > 40:
                return False
            list(map(datetime.fromisoformat, values))  # ValueError: not a time
            return True
        check = self.checks[name]
        if list in types:
            if types != {list} or set(map(type, chain.from_iterable(values))) - {str}:
                return any(check(v) for v in values) is False
            # Lists of texts: each distinct list checked once (as a list, like check() sees it).
            return not any(check(list(v)) for v in set(map(tuple, values)))
        if check is _record_id or check is _OPT_REF:
            # Record ids (the record's own, its references): one match over all of them.
            if not types <= ({str} if check is _record_id else {str, type(None)}):
                return False
            texts = set(values)
            texts.discard(None)
            if texts and max(map(len, texts)) > MAX_ID:
                return False
            return _IDS.fullmatch("\n".join(texts) + "\n" if texts else "") is not None
        distinct = set(values) if len(types) == 1 else set(zip(map(type, values), values, strict=True))
        if len(types) == 1:
            return not any(map(check, distinct))
        return not any(check(v) for _type, v in distinct)


def check_record(scope: str, record_type: str, index: int, row: Any, key: RecordKey) -> None:
    """Raises RecordInvalid for the first field of `row` that breaks the schema (one record)."""
    RecordChecker(scope, record_type).check(index, row, key)
