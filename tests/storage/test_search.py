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


def test_exact_and_full_name_rank_before_skeleton_matches(session):
    store = session.store
    for i, (given, family) in enumerate(
        [("Mahmoud", "Saleh"), ("Mahmoud", "Nasser"), ("Mahmoud", "Omar"), ("Mohammed", "Haddad")]
    ):
        store.clients.add(Client(client_number=f"R-{i}", given_name=given, family_name=family))
    # All four share the skeleton "mhmd"; the spelling nearest to the typed one comes first.
    assert store.clients.search("Mohamed")[0].given_name == "Mohammed"
    store.clients.add(Client(client_number="R-9", given_name="Mohamed", family_name="Omar"))
    found = store.clients.search("Mohamed Omar")
    assert (found[0].given_name, found[0].family_name) == ("Mohamed", "Omar")  # full name, exactly
    assert (found[1].given_name, found[1].family_name) == ("Mahmoud", "Omar")


def test_household_members_rank_below_own_names_and_are_not_joined(session):
    store = session.store
    # "Mia Lerch" joined was "mialerch", whose skeleton began like that of "Mueller".
    store.clients.add(
        Client(
            client_number="H-1",
            given_name="Nour",
            family_name="Haddad",
            household=[HouseholdMember(given_name="Mia", family_name="Lerch")],
        )
    )
    assert names(store.clients.search("Mueller")) == []
    store.clients.add(
        Client(
            client_number="H-2",
            given_name="Samir",
            family_name="Aziz",
            household=[HouseholdMember(given_name="Nour", family_name="Khalil")],
        )
    )
    store.clients.add(Client(client_number="H-3", given_name="Nour", family_name="Khalil"))
    assert [c.client_number for c in store.clients.search("Nour Khalil")] == ["H-3", "H-2"]
    assert [c.client_number for c in store.clients.search("Nour")][-1] == "H-2"


def test_index_is_rebuilt_by_the_migration(session):
    from beratung_desktop.storage.client_search import rebuild_index

    store = session.store
    store.clients.add(
        Client(
            client_number="M-1",
            given_name="",
            family_name="",
            family_name_original="Шевченко",
            given_name_original="Тарас",
        )
    )
    store.db.execute("DELETE FROM client_search")
    assert store.clients.search("Shevchenko") == []
    rebuild_index(store.db)
    assert [c.client_number for c in store.clients.search("Shevchenko")] == ["M-1"]
