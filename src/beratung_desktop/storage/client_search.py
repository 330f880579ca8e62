"""Full-text client search (FTS5): names in both scripts, transliteration skeletons, number, birth date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..domain.clients import Client
from ..domain.names import fold, query_forms, search_terms, tokens
from .connection import Database

_DATE_DE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _birth_terms(client: Client) -> str:
    if client.birth_date:
        return client.birth_date.isoformat()
    return str(client.birth_year or "")


_COLUMNS = "client_id, names, skeletons, household, household_skeletons, number, birth"
_INSERT = f"INSERT INTO client_search ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"


def _row(client: Client) -> tuple[str, str, str, str, str, str, str]:
    names, skeletons = search_terms(
        client.given_name, client.family_name, client.given_name_original, client.family_name_original
    )
    # Household members apart and each name part on its own: joining a member's given and family name
    # made false hits ("Mia Lerch" -> "mialerch" for "Mueller").
    household, household_skeletons = search_terms(
        *(part for m in client.household for part in (m.given_name, m.family_name))
    )
    return client.id, names, skeletons, household, household_skeletons, client.client_number, _birth_terms(client)


def index_client(db: Database, client: Client) -> None:
    db.execute("DELETE FROM client_search WHERE client_id = ?", (client.id,))
    if not client.deleted and not client.erased:
        db.execute(_INSERT, _row(client))


def index_clients(db: Database, clients: list[Client]) -> None:
    db.executemany(_INSERT, [_row(c) for c in clients if not c.deleted and not c.erased])


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


def _words(text: str) -> list[str]:
    return [w for w in text.split() if w.strip('"')]


def build_query(text: str) -> str:
    """An FTS5 query: every word must match a name form, a skeleton, the number or the birth date."""
    clauses: list[str] = []
    for word in _words(text):
        day = parse_date(word)
        if day:
            clauses.append(f"birth : {_phrase(day.isoformat())}")
            continue
        alternatives = [f"number : {_phrase(word)}*"]
        forms, skeletons = query_forms(word)
        alternatives.extend(f"{{names household}} : {_phrase(f)}*" for f in forms)
        letters = sum(len(f) for f in tokens(word))
        if letters >= 3:
            alternatives.extend(
                f"{{skeletons household_skeletons}} : {_phrase(sk)}*" for sk in skeletons if len(sk) >= 2
            )
        if word.isdigit() and len(word) == 4:
            alternatives.append(f"birth : {_phrase(word)}*")
        clauses.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(clauses)


@dataclass(frozen=True)
class _Hit:
    client_id: str
    names: list[str]
    skeletons: list[str]
    household: list[str]
    household_skeletons: list[str]
    number: str
    birth: str


# How a word matched, best first: an exact name (or number, birth date), a name prefix, a skeleton,
# a skeleton prefix, only a household member.
EXACT, PREFIX, SKELETON, SKELETON_PREFIX, HOUSEHOLD, OTHER = range(6)
RERANKED = 300  # candidates reranked per query; further hits follow in bm25 order


@dataclass(frozen=True)
class _Word:
    """A typed word with its lookup forms, computed once per query (not once per hit)."""

    text: str
    folded: str
    is_date: bool
    forms: tuple[str, ...]
    skeletons: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> _Word:
        forms, skeletons = query_forms(text)
        return cls(text, text.casefold(), parse_date(text) is not None, tuple(forms), tuple(skeletons))


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _word_match(word: _Word, hit: _Hit) -> tuple[int, int]:
    """(class, closeness penalty) of one query word for one hit; lower is better."""
    if word.is_date or hit.number.casefold().startswith(word.folded):
        return EXACT, 0
    if word.text.isdigit() and hit.birth.startswith(word.text):
        return EXACT, 0
    own = " " + " ".join(hit.names) + " "
    if any(f" {f} " in own for f in word.forms):
        return EXACT, 0
    if any(f" {f}" in own for f in word.forms):
        return PREFIX, 0
    # Closeness of spelling variants: the longer the shared beginning with an own name, the nearer
    # ("Mohamed": "Mohammed" shares 5 letters, "Mahmoud" 1).
    typed = word.forms[0] if word.forms else ""
    penalty = -max((_shared_prefix(typed, n) for n in hit.names), default=0)
    if any(sk in hit.skeletons for sk in word.skeletons):
        return SKELETON, penalty
    if any(own_sk.startswith(sk) for sk in word.skeletons for own_sk in hit.skeletons):
        return SKELETON_PREFIX, penalty
    if hit.household or hit.household_skeletons:
        return HOUSEHOLD, 0
    return OTHER, 0


def rank(words: list[str], hits: list[_Hit]) -> list[str]:
    """Ids ordered by how well every word matched; ties keep the bm25 order they came in."""
    prepared = [_Word.of(w) for w in words]

    def key(item: tuple[int, _Hit]) -> tuple[int, int, int, int]:
        position, hit = item
        matches = [_word_match(w, hit) for w in prepared]
        classes = [m[0] for m in matches]
        return max(classes), sum(classes), sum(m[1] for m in matches), position

    return [hit.client_id for _position, hit in sorted(enumerate(hits), key=key)]


def search_ids(db: Database, text: str, limit: int = 50) -> list[str]:
    query = build_query(text)
    if not query:
        return []
    # bm25 weights (own names above household members) preselect; rank() orders the best of them. Only
    # those are read with their names (by rowid), the rest of the hits as ids.
    rows = db.query(
        "SELECT rowid, client_id FROM client_search WHERE client_search MATCH ? "
        "ORDER BY bm25(client_search, 0.0, 10.0, 2.0, 1.0, 0.2, 5.0, 5.0) LIMIT ?",
        (query, limit),
    )
    best = [r[0] for r in rows[:RERANKED]]
    found = {
        r[0]: _Hit(r[1], r[2].split(), r[3].split(), r[4].split(), r[5].split(), r[6], r[7])
        for r in db.query(
            f"SELECT rowid, {_COLUMNS} FROM client_search WHERE rowid IN ({', '.join('?' for _ in best)})", tuple(best)
        )
    }
    hits = [found[rowid] for rowid in best if rowid in found]
    return rank(_words(text), hits) + [r[1] for r in rows[RERANKED:]]


def fold_for_sort(text: str) -> str:
    return fold(text)
