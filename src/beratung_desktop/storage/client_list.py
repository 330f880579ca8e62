"""The client list: ordered, filtered client ids and lightweight summary rows for a page of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .client_search import search_ids
from .connection import Database

# Subqueries shared by the row query and the sort orders (kept here so both stay the same).
_OPEN_SERVICES = (
    "(SELECT group_concat(service, ' ') FROM (SELECT DISTINCT service FROM cases k "
    "WHERE k.client_id = c.id AND k.deleted = 0 AND k.closed IS NULL ORDER BY service))"
)
_COUNSELLOR = (
    "(SELECT CASE u.display_name WHEN '' THEN u.name ELSE u.display_name END "
    "FROM cases k JOIN users u ON u.id = k.counsellor_id "
    "WHERE k.client_id = c.id AND k.deleted = 0 "
    "ORDER BY k.closed IS NOT NULL, k.opened DESC LIMIT 1)"
)
_LAST_CONTACT = "(SELECT max(start) FROM consultations s WHERE s.client_id = c.id AND s.deleted = 0)"
_BIRTH = "coalesce(c.birth_date, CAST(c.birth_year AS TEXT))"

# Each order is a tuple of terms (a term may itself contain commas); the first five are covering indexes.
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "number": ("c.client_number",),
    "name": ("c.family_name COLLATE NOCASE", "c.given_name COLLATE NOCASE"),
    "original_name": ("c.family_name_original", "c.given_name_original"),
    "birth": (_BIRTH,),
    "country": ("c.country_of_origin",),
    "services": (_OPEN_SERVICES,),
    "counsellor": (_COUNSELLOR,),
    "last_contact": (_LAST_CONTACT,),
}

# How many ids a search may return; more is not useful for a person scrolling a list.
SEARCH_LIMIT = 2000
# One character matches most of the office and ranks slowly; the search starts with the second.
MIN_SEARCH_LENGTH = 2
# A client number being typed ("2025-00"): every number of the year matches it as an FTS prefix and the
# ranking then costs hundreds of ms, while the unique number index answers it as a range at once.
_NUMBER_PREFIX = re.compile(r"^\d{2,4}(-\d*)?$")
# Orders that compute a per-client summary for every client (hundreds of ms at 20,000); the others read
# one covering index (migration 5).
HEAVY_SORTS = frozenset({"services", "counsellor", "last_contact"})


@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    service: str = ""
    counsellor_id: str = ""  # clients with a case (open or closed) of this counsellor
    # A user's caseload (user id): clients with an open case of theirs, or whom they recorded.
    caseload: str = ""
    case_state: str = ""  # "", "open" (an open case) or "closed" (cases, none open)
    contact: str = ""  # "", "recent" (<= 90 days), "stale" (> 90 days ago), "never"
    sort: str = ""  # a key of SORT_KEYS; empty: search rank, or name
    descending: bool = False

    @property
    def search_text(self) -> str:
        text = self.text.strip()
        return text if len(text) >= MIN_SEARCH_LENGTH else ""

    @property
    def heavy(self) -> bool:
        """True when the ids take long enough to read that a caller should use a worker thread.

        The case filters look up every client's cases (0.3-0.4 s at 200,000 clients) unless a search
        narrowed the list to a few hundred ids first."""
        case_filter = bool(self.service or self.counsellor_id or self.case_state)
        return self.sort in HEAVY_SORTS or bool(self.contact) or (case_filter and not self.search_text)


@dataclass(frozen=True)
class ClientRow:
    id: str
    number: str
    given_name: str
    family_name: str
    given_name_original: str
    family_name_original: str
    birth_date: date | None
    birth_year: int | None
    country: str
    services: tuple[str, ...]
    counsellor: str
    last_contact: datetime | None


# A caseload is a short list of ids read from two small covering partial indexes (migration 14): the
# user's open cases, and the audit log's "create" entries of clients by that user (a client just added
# has no case yet). SQLite then reads those clients by id and sorts the few hundred rows.
_CASELOAD = (
    "c.id IN (SELECT k.client_id FROM cases k WHERE k.counsellor_id = ? AND k.deleted = 0 AND k.closed IS NULL "
    "UNION SELECT a.record_id FROM audit_log a WHERE a.user = (SELECT u.name FROM users u WHERE u.id = ?) "
    "AND a.action = 'create' AND a.record_type = 'client')"
)


# Every list shows live clients only; search hits are live already (the index holds no others).
_LIVE = ("c.deleted = 0", "c.erased = 0")


def _conditions(query: ListQuery, today: date) -> tuple[list[str], list[object]]:
    where = list(_LIVE)
    params: list[object] = []
    if query.caseload:
        where.append(_CASELOAD)
        params.extend((query.caseload, query.caseload))
    case_filter = ["k.client_id = c.id", "k.deleted = 0"]
    if query.service:
        case_filter.append("k.service = ?")
        params.append(query.service)
    if query.counsellor_id:
        case_filter.append("k.counsellor_id = ?")
        params.append(query.counsellor_id)
    if query.case_state == "open":
        case_filter.append("k.closed IS NULL")
    if query.service or query.counsellor_id or query.case_state:
        where.append(f"EXISTS (SELECT 1 FROM cases k WHERE {' AND '.join(case_filter)})")
    if query.case_state == "closed":
        where.append(
            "NOT EXISTS (SELECT 1 FROM cases k WHERE k.client_id = c.id AND k.deleted = 0 AND k.closed IS NULL)"
        )
    cutoff = (today - timedelta(days=90)).isoformat()
    if query.contact == "recent":
        where.append(f"{_LAST_CONTACT} >= ?")
        params.append(cutoff)
    elif query.contact == "stale":
        where.append(f"{_LAST_CONTACT} < ?")
        params.append(cutoff)
    elif query.contact == "never":
        where.append(f"{_LAST_CONTACT} IS NULL")
    return where, params


def _matches(db: Database, text: str) -> list[str]:
    """Search hits, best first; a number prefix by range, a four-digit year also as birth year."""
    if not _NUMBER_PREFIX.match(text):
        return search_ids(db, text, SEARCH_LIMIT)
    rows = db.query(
        "SELECT id FROM clients WHERE client_number >= ? AND client_number < ? AND deleted = 0 AND erased = 0 "
        "ORDER BY client_number LIMIT ?",
        (text, text + "\uffff", SEARCH_LIMIT),
    )
    if text.isdigit() and len(text) == 4:
        rows += db.query(
            "SELECT client_id FROM client_search WHERE client_search MATCH ? LIMIT ?",
            (f'birth : "{text}"*', SEARCH_LIMIT),
        )
    return list(dict.fromkeys(r[0] for r in rows))


def client_ids(db: Database, query: ListQuery, today: date) -> list[str]:
    """Ids of the clients matching the query, in display order."""
    where, params = _conditions(query, today)
    ranked: list[str] = []
    if query.search_text:
        ranked = _matches(db, query.search_text)
        if not ranked or (where == list(_LIVE) and not query.sort):
            return ranked  # hits are live clients already; without filters or a sort they are the list
        where.append(f"c.id IN ({', '.join('?' for _ in ranked)})")
        params.extend(ranked)
    sort = SORT_KEYS.get(query.sort) or (() if ranked else SORT_KEYS["name"])
    order = ""
    if sort:
        direction = " DESC" if query.descending else ""
        order = " ORDER BY " + ", ".join(part + direction for part in sort)
    rows = db.query(f"SELECT c.id FROM clients c WHERE {' AND '.join(where)}{order}", tuple(params))
    ids = [r[0] for r in rows]
    if ranked and not sort:
        position = {cid: i for i, cid in enumerate(ranked)}
        ids.sort(key=position.__getitem__)
    return ids


def client_rows(db: Database, ids: list[str]) -> list[ClientRow]:
    """Summary rows for the given ids, in the same order (missing ids are left out)."""
    if not ids:
        return []
    rows = db.query(
        "SELECT c.id, c.client_number, c.given_name, c.family_name, c.given_name_original, "
        f"c.family_name_original, c.birth_date, c.birth_year, c.country_of_origin, {_OPEN_SERVICES}, "
        f"{_COUNSELLOR}, {_LAST_CONTACT} FROM clients c WHERE c.id IN ({', '.join('?' for _ in ids)})",
        tuple(ids),
    )
    found = {r[0]: _row(r) for r in rows}
    return [found[i] for i in ids if i in found]


def _row(r: tuple) -> ClientRow:
    return ClientRow(
        id=r[0],
        number=r[1],
        given_name=r[2],
        family_name=r[3],
        given_name_original=r[4],
        family_name_original=r[5],
        birth_date=date.fromisoformat(r[6]) if r[6] else None,
        birth_year=r[7],
        country=r[8],
        services=tuple(r[9].split()) if r[9] else (),
        counsellor=r[10] or "",
        last_contact=datetime.fromisoformat(r[11]) if r[11] else None,
    )


class ClientList:
    """The client list of one store: `Store.client_list`."""

    def __init__(self, db: Database):
        self._db = db

    def ids(self, query: ListQuery, today: date) -> list[str]:
        return client_ids(self._db, query, today)

    def rows(self, ids: list[str]) -> list[ClientRow]:
        return client_rows(self._db, ids)
