"""Full-text client search (FTS5): names in both scripts, transliteration skeletons, number, birth date."""

from __future__ import annotations

import re
from datetime import date

from ..domain.clients import Client
from ..domain.names import fold, search_terms, skeleton, tokens
from .connection import Database

_DATE_DE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _birth_terms(client: Client) -> str:
    if client.birth_date:
        return client.birth_date.isoformat()
    return str(client.birth_year or "")


def _row(client: Client) -> tuple[str, str, str, str, str]:
    names, skeletons = search_terms(
        client.given_name,
        client.family_name,
        client.given_name_original,
        client.family_name_original,
        *(f"{m.given_name} {m.family_name}" for m in client.household),
    )
    return client.id, names, skeletons, client.client_number, _birth_terms(client)


def index_client(db: Database, client: Client) -> None:
    db.execute("DELETE FROM client_search WHERE client_id = ?", (client.id,))
    if not client.deleted and not client.erased:
        db.execute(
            "INSERT INTO client_search (client_id, names, skeletons, number, birth) VALUES (?, ?, ?, ?, ?)",
            _row(client),
        )


def index_clients(db: Database, clients: list[Client]) -> None:
    db.executemany(
        "INSERT INTO client_search (client_id, names, skeletons, number, birth) VALUES (?, ?, ?, ?, ?)",
        [_row(c) for c in clients if not c.deleted and not c.erased],
    )


def rebuild_index(db: Database) -> None:
    from .clients import ClientRepository

    db.execute("DELETE FROM client_search")
    index_clients(db, ClientRepository(db).all())


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse_date(text: str) -> date | None:
    for pattern, order in ((_DATE_DE, (2, 1, 0)), (_DATE_ISO, (0, 1, 2))):
        m = pattern.match(text.strip())
        if m:
            parts = [int(g) for g in m.groups()]
            try:
                return date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                return None
    return None


def build_query(text: str) -> str:
    """An FTS5 query: every word must match a name prefix, a skeleton, the number or the birth date."""
    clauses: list[str] = []
    for word in text.split():
        day = parse_date(word)
        if day:
            clauses.append(f"birth : {_phrase(day.isoformat())}")
            continue
        alternatives = [f"number : {_phrase(word)}*"]
        parts = tokens(word)
        if parts:
            alternatives.append(f"names : {_phrase(' '.join(parts))}*")
        if len(parts) == 1 and len(parts[0]) >= 3:
            sk = skeleton(parts[0])
            if len(sk) >= 2:
                alternatives.append(f"skeletons : {_phrase(sk)}*")
        if word.isdigit() and len(word) == 4:
            alternatives.append(f"birth : {_phrase(word)}*")
        clauses.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(clauses)


def search_ids(db: Database, text: str, limit: int = 50) -> list[str]:
    query = build_query(text)
    if not query:
        return []
    # bm25 weights: exact name prefixes rank above transliteration matches.
    rows = db.query(
        "SELECT client_id FROM client_search WHERE client_search MATCH ? "
        "ORDER BY bm25(client_search, 0.0, 10.0, 1.0, 5.0, 5.0) LIMIT ?",
        (query, limit),
    )
    return [r[0] for r in rows]


def fold_for_sort(text: str) -> str:
    return fold(text)
