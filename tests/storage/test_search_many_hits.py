"""A search with more hits than bm25 ranks (a short prefix in a large office) reads them tier by tier in
rank-class order: exact names and numbers first, then name prefixes, spelling variants, household members.

The stores here hold a few more hits than `BM25_HITS`, so the tier path runs on real FTS5 queries; the
clients that should come first are added last, where index order alone would put them at the end.
"""

from __future__ import annotations

import pytest

from beratung_desktop.domain.clients import Client, HouseholdMember
from beratung_desktop.storage.client_list import SEARCH_LIMIT
from beratung_desktop.storage.client_search import BM25_HITS, search_ids

FILLERS = BM25_HITS + 40
GIVEN = ["Karimullah", "Omid", "Zahra", "Farid", "Nasrin", "Bashir", "Laila", "Wahid"]


def _add(store, *people: Client) -> dict[str, str]:
    store.clients.add_many(list(people))
    return {c.client_number: c.id for c in people}


@pytest.fixture
def office(session):
    """FILLERS clients named Ahmadzai (a prefix of "Ahmad..."), then the few that should rank first."""
    store = session.store
    _add(
        store,
        *(
            Client(client_number=f"F-{i:04}", given_name=GIVEN[i % len(GIVEN)], family_name="Ahmadzai")
            for i in range(FILLERS)
        ),
    )
    _add(
        store,
        Client(
            client_number="H-1",
            given_name="Maria",
            family_name="Lopez",
            household=[HouseholdMember(given_name="Ahmad", family_name="X")],
        ),
        Client(client_number="S-1", given_name="Ahmed", family_name="Saleh"),  # same skeleton as Ahmad
        Client(client_number="E-1", given_name="Ahmad", family_name="Saleh"),
        Client(client_number="E-2", given_name="Karim", family_name="Ahmadzai"),
    )
    return session


def _numbers(session, ids: list[str]) -> list[str]:
    return [session.store.clients.require(i).client_number for i in ids]


def test_the_store_is_past_the_bm25_bound(office):
    session = office
    assert len(session.store.clients.unranked_match_ids("ahmad", SEARCH_LIMIT)) > BM25_HITS


def test_exact_name_first_then_prefixes_then_variants_then_household(office):
    session = office
    found = search_ids(session.store.db, "Ahmad", SEARCH_LIMIT)
    numbers = _numbers(session, found)
    assert numbers[0] == "E-1"
    assert len(found) == len(set(found)) == FILLERS + 4  # every hit once
    prefixes = {n for n in numbers if n.startswith("F-")} | {"E-2"}
    assert set(numbers[1 : 2 + FILLERS]) == prefixes
    assert numbers[-2:] == ["S-1", "H-1"]  # the spelling variant, then the household member
    assert set(found) == set(session.store.clients.unranked_match_ids("Ahmad", SEARCH_LIMIT))


def test_several_words_exact_full_name_first(office):
    session = office
    found = _numbers(session, search_ids(session.store.db, "Ahmadzai Karim", SEARCH_LIMIT))
    assert found[0] == "E-2"
    assert {n for n in found if n.startswith("F-")} == {f"F-{i:04}" for i in range(0, FILLERS, len(GIVEN))}


def test_a_prefix_shared_by_many_finds_its_rarer_exact_spelling_within_the_limit(office):
    """The limit cuts the list; what it keeps is the best classes, not the first rows of the index."""
    session = office
    found = _numbers(session, search_ids(session.store.db, "ahmad", 50))
    assert len(found) == 50
    assert found[0] == "E-1"
    assert "S-1" not in found and "H-1" not in found


def test_a_client_number_beginning_with_the_text_comes_before_name_prefixes(session):
    store = session.store
    _add(
        store, *(Client(client_number=f"2024-{i:05}", given_name="Kai", family_name="Kowalski") for i in range(FILLERS))
    )
    ids = _add(store, Client(client_number="KO-7", given_name="Lena", family_name="Brandt"))
    found = search_ids(store.db, "ko", SEARCH_LIMIT)
    assert len(found) == FILLERS + 1
    assert found[0] == ids["KO-7"]
