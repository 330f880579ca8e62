"""Full-text client search (FTS5): names in both scripts, transliteration skeletons, number, birth date."""

from __future__ import annotations

import json
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


# How a word matched, best first: an exact name (or number, birth date), a name prefix, a skeleton,
# a skeleton prefix, only a household member.
EXACT, PREFIX, SKELETON, SKELETON_PREFIX, HOUSEHOLD, OTHER = range(6)
RERANKED = 300  # candidates reranked per query; further hits follow in bm25 order (or tier by tier)
# Up to this many hits bm25 orders them (own names above household members) and rank() reranks them. A
# prefix of a common name matches thousands of clients in a large office, and bm25 scores every hit
# (reading each one's column sizes) before it can sort: beyond this many, the hits are read tier by
# tier in rank-class order instead (`_by_tiers`).
BM25_HITS = RERANKED
# Several words: fewer tiers, since each tier's query looks up every word's prefixes again.
TIERS = (EXACT, PREFIX, SKELETON, SKELETON_PREFIX, OTHER)
TIERS_SEVERAL_WORDS = (EXACT, PREFIX, OTHER)


@dataclass(frozen=True)
class _Word:
    """A typed word with its lookup forms, computed once per query (not once per hit)."""

    text: str
    folded: str
    day: date | None
    forms: tuple[str, ...]
    skeletons: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> _Word:
        forms, skeletons = query_forms(text)
        return cls(text, text.casefold(), parse_date(text), tuple(forms), tuple(skeletons))

    @property
    def is_date(self) -> bool:
        return self.day is not None

    @property
    def year(self) -> bool:
        return self.text.isdigit() and len(self.text) == 4

    @property
    def searched_skeletons(self) -> tuple[str, ...]:
        """Skeletons are looked up only from the third letter on: two letters match half the office."""
        if sum(len(f) for f in tokens(self.text)) < 3:
            return ()
        return tuple(sk for sk in self.skeletons if len(sk) >= 2)

    def clause(self, up_to: int = OTHER) -> str:
        """The FTS5 alternatives of this word that match with rank class `up_to` or better; OTHER gives
        every alternative the search accepts (the word's part of `build_query`)."""
        if self.day:
            return f"birth : {_phrase(self.day.isoformat())}"
        if up_to >= HOUSEHOLD:
            alternatives = [f"number : {_phrase(self.text)}*"]
            alternatives.extend(f"{{names household}} : {_phrase(f)}*" for f in self.forms)
            alternatives.extend(f"{{skeletons household_skeletons}} : {_phrase(sk)}*" for sk in self.searched_skeletons)
            if self.year:
                alternatives.append(f"birth : {_phrase(self.text)}*")
            return "(" + " OR ".join(alternatives) + ")"
        # Exact: a number or birth date beginning with the word, or a whole name form.
        alternatives = [f"number : ^ {_phrase(self.text)}*"]
        if self.year:
            alternatives.append(f"birth : ^ {_phrase(self.text)}*")
        alternatives.extend(f"names : {_phrase(f)}{'*' if up_to >= PREFIX else ''}" for f in self.forms)
        if up_to >= SKELETON:
            alternatives.extend(
                f"skeletons : {_phrase(sk)}{'*' if up_to >= SKELETON_PREFIX else ''}" for sk in self.searched_skeletons
            )
        return "(" + " OR ".join(alternatives) + ")"


def _match(words: list[_Word], up_to: int = OTHER) -> str:
    return " AND ".join(w.clause(up_to) for w in words)


def build_query(text: str) -> str:
    """An FTS5 query: every word must match a name form, a skeleton, the number or the birth date."""
    return _match([_Word.of(w) for w in _words(text)])


@dataclass(frozen=True)
class _Hit:
    client_id: str
    names: list[str]
    skeletons: list[str]
    household: list[str]
    household_skeletons: list[str]
    number: str
    birth: str


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


def _rank(words: list[_Word], hits: list[_Hit]) -> list[str]:
    def key(item: tuple[int, _Hit]) -> tuple[int, int, int, int]:
        position, hit = item
        matches = [_word_match(w, hit) for w in words]
        classes = [m[0] for m in matches]
        return max(classes), sum(classes), sum(m[1] for m in matches), position

    return [hit.client_id for _position, hit in sorted(enumerate(hits), key=key)]


def rank(words: list[str], hits: list[_Hit]) -> list[str]:
    """Ids ordered by how well every word matched; ties keep the bm25 order they came in."""
    return _rank([_Word.of(w) for w in words], hits)


_BM25 = "bm25(client_search, 0.0, 10.0, 2.0, 1.0, 0.2, 5.0, 5.0)"
_HIT = f"json_array({_COLUMNS})"


def _hit(row: list) -> _Hit:
    return _Hit(row[0], row[1].split(), row[2].split(), row[3].split(), row[4].split(), row[5], row[6])


def _packed(db: Database, sql: str, params: tuple) -> list:
    """The one value of `sql`, a JSON array SQLite built of every row.

    A search runs on the window thread while a report may render in a worker thread of the same process.
    The database driver lets go of the interpreter lock for every row it steps to, and taking it back
    can wait for the other thread's switch interval: one row per query, not thousands, keeps the
    search from waiting at every row."""
    return json.loads(db.query(sql, params)[0][0])


def _by_bm25(db: Database, query: str, words: list[_Word], limit: int) -> list[str]:
    """Few hits: bm25 orders them all, rank() the best RERANKED of them."""
    rows = _packed(
        db,
        "SELECT json_group_array(json(hit) ORDER BY score) FROM (SELECT "
        f"{_HIT} AS hit, {_BM25} AS score FROM client_search WHERE client_search MATCH ? ORDER BY score LIMIT ?)",
        (query, limit),
    )
    return _rank(words, [_hit(r) for r in rows[:RERANKED]]) + [r[0] for r in rows[RERANKED:]]


def _by_tiers(db: Database, words: list[_Word], limit: int, total: int | None) -> list[str]:
    """Many hits: one query per rank class, best first, until the list is full.

    Without ORDER BY, FTS5 stops after the rows asked for, where bm25 would score all of them. A tier's
    query matches the tiers before it as well: their rows are skipped by rowid before anything is read.
    A tier's hits come in index order; while they are among the first RERANKED of the list and their
    class alone does not order them (a spelling variant's closeness, several words), rank() orders
    them. `total`, when known, ends the tiers once every hit is found."""
    found: list[str] = []
    seen: list[int] = []
    before = ""
    for tier in TIERS if len(words) == 1 else TIERS_SEVERAL_WORDS:
        query = _match(words, tier)
        if query == before:
            continue  # the word has no skeletons to look up
        before = query
        ordered_by_class = tier == EXACT or (tier == PREFIX and len(words) == 1)
        reranked = 0 if ordered_by_class else max(0, RERANKED - len(found))
        where = "client_search MATCH ?" + (f" AND rowid NOT IN ({', '.join('?' for _ in seen)})" if seen else "")
        rows = _packed(
            db,
            "SELECT json_group_array(json_array(id, json(hit)) ORDER BY id) FROM (SELECT rowid AS id, "
            f"{_HIT if reranked else 'json_quote(client_id)'} AS hit FROM client_search WHERE {where} LIMIT ?)",
            (query, *seen, limit - len(found)),
        )
        seen += [r[0] for r in rows]
        found += _rank(words, [_hit(r[1]) for r in rows[:reranked]]) + [r[1] for r in rows[reranked:]]
        if len(found) >= min(limit, total or limit):
            break
    return found


def search_ids(db: Database, text: str, limit: int = 50) -> list[str]:
    """Ids of the clients every word of `text` matches, best first, at most `limit`."""
    words = [_Word.of(w) for w in _words(text)]
    query = _match(words)
    if not query:
        return []
    # Counted from the index alone, no row is read: a cheap count of the hits, up to a bound.
    bound = max(limit, BM25_HITS)
    hits = db.query(
        "SELECT count(*) FROM (SELECT rowid FROM client_search WHERE client_search MATCH ? LIMIT ?)", (query, bound + 1)
    )[0][0]
    if not hits:
        return []
    if hits <= BM25_HITS:
        return _by_bm25(db, query, words, limit)
    return _by_tiers(db, words, limit, hits if hits <= bound else None)


def fold_for_sort(text: str) -> str:
    return fold(text)
