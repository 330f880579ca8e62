"""Turkish dotted and dotless i: İ/i and I/ı are one letter for search, whichever way a name was typed.

Python's own case mapping does not do this ("I".lower() is "i", never "ı"; "İ".lower() is "i" plus a
combining dot), so both the indexed forms (FTS5 path) and the forms the ranking compares in Python are
checked.
"""

from __future__ import annotations

import pytest

from beratung_desktop.domain.clients import Client
from beratung_desktop.domain.names import fold, query_forms, search_terms
from beratung_desktop.storage.client_search import rank, search_ids

SPELLINGS = ["Yıldız", "YILDIZ", "yildiz", "Yildiz", "YİLDİZ"]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_folds_alike(spelling):
    assert fold(spelling) == "yildiz"


def test_dotted_capital_i_folds_to_plain_i():
    assert fold("İstanbul") == fold("istanbul") == fold("ISTANBUL") == "istanbul"
    assert fold("ışık") == fold("IŞIK") == fold("Işık") == "isik"


@pytest.fixture
def turkish(session):
    session.store.clients.add_many(
        [Client(client_number=f"T-{i}", given_name="Elif", family_name=name) for i, name in enumerate(SPELLINGS, 1)]
        + [
            Client(client_number="T-10", given_name="İlkay", family_name="İstanbullu"),
            Client(client_number="T-11", given_name="Ilgın", family_name="Demir"),
            Client(client_number="D-1", given_name="Elif", family_name="Yilmaz"),
        ]
    )
    return session


@pytest.mark.parametrize("query", SPELLINGS)
def test_each_spelling_finds_all_others_through_the_index(turkish, query):
    found = {c.client_number for c in turkish.store.clients.search(query)}
    assert {f"T-{i}" for i in range(1, len(SPELLINGS) + 1)} <= found
    assert "D-1" not in found


@pytest.mark.parametrize("query", ["istanbul", "İstanbul", "ISTANBUL", "istanbullu", "İSTANBULLU", "ilkay", "ILKAY"])
def test_dotted_i_names_match_plain_i_queries(turkish, query):
    assert [c.client_number for c in turkish.store.clients.search(query)][:1] == ["T-10"]


@pytest.mark.parametrize("query", ["Ilgın", "ilgin", "ILGIN", "İlgin", "ılgın"])
def test_dotless_i_names_match_every_spelling(turkish, query):
    assert [c.client_number for c in turkish.store.clients.search(query)][:1] == ["T-11"]


def test_the_python_ranking_treats_the_spellings_as_exact(turkish):
    """rank() reorders the FTS hits in Python: every spelling is an exact match there too, so the
    distractor sharing only a skeleton prefix never comes first."""
    db = turkish.store.db
    for query in SPELLINGS:
        ids = search_ids(db, f"Elif {query}")
        numbers = [turkish.store.clients.require(i).client_number for i in ids]
        assert numbers[-1] == "D-1" or "D-1" not in numbers, (query, numbers)
        assert set(numbers[:5]) == {f"T-{i}" for i in range(1, 6)}, (query, numbers)


def test_query_forms_equal_indexed_forms():
    indexed, _skeletons = search_terms("İlkay", "Yıldız")
    for query in ("ILKAY", "ilkay", "YILDIZ", "yıldız"):
        forms, _ = query_forms(query)
        assert set(forms) & set(indexed.split()), (query, forms)


def test_rank_orders_by_folded_forms():
    from beratung_desktop.storage.client_search import _Hit

    hits = [
        _Hit("other", ["yilmaz", "elif"], [], [], [], "D-1", ""),
        _Hit("match", ["yildiz", "elif"], [], [], [], "T-1", ""),
    ]
    assert rank(["YILDIZ"], hits)[0] == "match"
    assert rank(["Yıldız"], hits)[0] == "match"
