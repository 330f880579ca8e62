"""Client search: diacritics, case, prefixes, transliteration variants, scripts, numbers, dates."""

from __future__ import annotations

from datetime import date

import pytest

from beratung_desktop.domain.clients import Client, HouseholdMember


@pytest.fixture
def clients(session):
    store = session.store
    people = [
        Client(client_number="2024-00001", given_name="Jürgen", family_name="Müller", birth_date=date(1980, 1, 2)),
        Client(
            client_number="2024-00002",
            given_name="Mohammed",
            family_name="Al-Hassan",
            given_name_original="محمد",
            family_name_original="الحسن",
            birth_date=date(1992, 12, 3),
        ),
        Client(
            client_number="2024-00003",
            given_name="Olena",
            family_name="Kovalenko",
            given_name_original="Олена",
            family_name_original="Коваленко",
            birth_year=1975,
        ),
        Client(
            client_number="2024-00004",
            given_name="Yusuf",
            family_name="Çelik",
            birth_date=date(2001, 7, 30),
            household=[HouseholdMember(given_name="Elif", family_name="Çelik")],
        ),
        Client(client_number="2025-00010", given_name="Hamid", family_name="Rahimi", birth_date=date(1990, 3, 12)),
    ]
    store.clients.add_many(people)
    return {c.family_name: c for c in people}


def names(found):
    return [c.family_name for c in found]


@pytest.mark.parametrize("query", ["Muller", "müller", "MÜLLER", "Mueller", "mül", "Jurgen Muller"])
def test_diacritics_case_and_umlaut_spellings(session, clients, query):
    assert names(session.store.clients.search(query)) == ["Müller"]


@pytest.mark.parametrize("query", ["Muhammad", "Mohamed", "mohammad", "Muhamed", "al-hassan", "alhassan"])
def test_transliteration_variants(session, clients, query):
    assert "Al-Hassan" in names(session.store.clients.search(query))


def test_original_script_and_cyrillic(session, clients):
    assert names(session.store.clients.search("محمد")) == ["Al-Hassan"]
    assert names(session.store.clients.search("Олена")) == ["Kovalenko"]
    assert names(session.store.clients.search("ковал")) == ["Kovalenko"]


def test_number_date_year_and_household(session, clients):
    assert names(session.store.clients.search("2024-00003")) == ["Kovalenko"]
    assert names(session.store.clients.search("12.03.1990")) == ["Rahimi"]
    assert names(session.store.clients.search("1990-03-12")) == ["Rahimi"]
    assert names(session.store.clients.search("1975")) == ["Kovalenko"]
    assert names(session.store.clients.search("Elif")) == ["Çelik"]
    assert names(session.store.clients.search("celik youssef")) == ["Çelik"]


def test_every_word_must_match_and_nothing_matches_nonsense(session, clients):
    assert names(session.store.clients.search("Olena Müller")) == []
    assert session.store.clients.search("zzzqqq") == []
    assert session.store.clients.search('"') == []
    assert session.store.clients.search("  ") == []


def test_exact_name_ranks_above_transliteration_match(session):
    store = session.store
    store.clients.add(Client(client_number="1", given_name="Ahmed", family_name="Saleh"))
    store.clients.add(Client(client_number="2", given_name="Ahmad", family_name="Saleh"))
    assert [c.given_name for c in store.clients.search("Ahmad")] == ["Ahmad", "Ahmed"]


def test_changing_a_name_updates_the_index(session, clients):
    person = clients["Rahimi"]
    person.family_name = "Karimi"
    session.store.clients.update(person)
    assert session.store.clients.search("Rahimi") == []
    assert names(session.store.clients.search("Karimi")) == ["Karimi"]
