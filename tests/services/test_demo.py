"""Demo data: deterministic, valid against the domain rules, realistic in its shape."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from beratung_desktop.domain.activities import validate_activity
from beratung_desktop.domain.agreements import validate_goal
from beratung_desktop.domain.appointments import find_overlaps, validate_appointment
from beratung_desktop.domain.cases import validate_case
from beratung_desktop.domain.clients import age_on, validate_client
from beratung_desktop.domain.consents import validate_consent
from beratung_desktop.domain.consultations import validate_consultation
from beratung_desktop.domain.users import validate_user
from beratung_desktop.services import accounts, demo
from beratung_desktop.services.demo_population import PROFILES, name_list
from beratung_desktop.services.session import Session
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.storage.store import Store
from tests.conftest import PASSWORD

TODAY = date(2026, 3, 18)
CLIENTS = 200


def _fill(session: Session, seed: int = 7, clients: int = CLIENTS) -> demo.DemoSummary:
    return demo.generate(session, clients, seed=seed, today=TODAY, kdf=TEST_KDF)


def _fingerprint(store: Store) -> list[tuple]:
    clients = sorted(
        (
            c.client_number,
            c.given_name,
            c.family_name,
            c.given_name_original,
            str(c.birth_date),
            c.birth_year,
            c.residence_status,
        )
        for c in store.clients.all()
    )
    consultations = sorted((c.start.isoformat(), c.minutes, c.form, tuple(c.topics)) for c in store.consultations.all())
    return [*clients, *consultations]


@pytest.fixture
def filled(demo_session: Session) -> tuple[Session, demo.DemoSummary]:
    return demo_session, _fill(demo_session)


def _second_store(tmp_path: Path, name: str) -> Session:
    session, _key = accounts.create_store(tmp_path / name, "anna", PASSWORD, kdf=TEST_KDF, demo=True)
    return session


def test_same_seed_gives_identical_data(filled, tmp_path: Path) -> None:
    session, _summary = filled
    other = _second_store(tmp_path, "same")
    try:
        _fill(other)
        assert _fingerprint(other.store) == _fingerprint(session.store)
        ids = sorted(c.id for c in session.store.clients.all())
        assert sorted(c.id for c in other.store.clients.all()) == ids
    finally:
        other.close()


def test_different_seed_gives_different_data(filled, tmp_path: Path) -> None:
    session, _summary = filled
    other = _second_store(tmp_path, "different")
    try:
        _fill(other, seed=8)
        assert _fingerprint(other.store) != _fingerprint(session.store)
    finally:
        other.close()


def test_running_again_adds_a_second_batch(filled) -> None:
    session, first = filled
    second = _fill(session)
    assert second.clients == CLIENTS and second.users == 0 and second.partners == 0
    assert session.store.clients.count() == 2 * CLIENTS
    numbers = [c.client_number for c in session.store.clients.all()]
    assert len(set(numbers)) == len(numbers)
    assert session.store.consultations.count() == first.consultations + second.consultations


def test_counts_match_what_was_stored(filled) -> None:
    session, summary = filled
    store = session.store
    assert summary.clients == CLIENTS == store.clients.count()
    assert summary.cases == store.cases.count()
    assert summary.consultations == store.consultations.count()
    assert summary.goals == store.goals.count()
    assert summary.consents == store.consents.count()
    assert summary.appointments == store.appointments.count()
    assert summary.activities == store.activities.count()
    assert summary.partners == store.partners.count() >= 20
    # admin anna plus counsellors and the team lead
    assert summary.users == store.users.count() - 1 >= 4
    assert 5 * CLIENTS <= summary.consultations <= 15 * CLIENTS


def test_every_record_passes_domain_validation(filled) -> None:
    session, _summary = filled
    store = session.store
    clients = {c.id: c for c in store.clients.all()}
    now = datetime.combine(TODAY, time(23, 59))
    problems = []
    problems += [(c.client_number, validate_client(c, TODAY)) for c in clients.values()]
    problems += [(c.id, validate_case(c, clients[c.client_id], TODAY)) for c in store.cases.all()]
    problems += [(c.id, validate_consultation(c, now)) for c in store.consultations.all()]
    problems += [(g.id, validate_goal(g)) for g in store.goals.all()]
    problems += [(a.id, validate_appointment(a)) for a in store.appointments.all()]
    problems += [(c.id, validate_consent(c)) for c in store.consents.all()]
    problems += [(a.id, validate_activity(a)) for a in store.activities.all()]
    problems += [(u.name, validate_user(u)) for u in store.users.all()]
    assert [p for p in problems if p[1]] == []


def test_jmd_cases_open_between_12_and_27(filled) -> None:
    session, _summary = filled
    store = session.store
    jmd = store.cases.of_service("jmd")
    assert jmd
    for case in jmd:
        assert 12 <= age_on(store.clients.require(case.client_id), case.opened) <= 27


def test_realistic_shape(filled) -> None:
    session, _summary = filled
    store = session.store
    clients = store.clients.all()
    assert any(c.given_name_original and not c.given_name_original.isascii() for c in clients)
    assert any(c.birth_date is None and c.birth_year for c in clients)
    ua = [c for c in clients if c.country_of_origin == "UA"]
    assert len({c.country_of_origin for c in clients}) >= 10
    assert sum(c.residence_status == "temporary_protection" for c in ua) > len(ua) * 0.7
    assert "uk" in {lang for c in ua for lang in c.languages}
    assert any(c.household for c in clients)
    cases = store.cases.all()
    assert {c.service for c in cases} >= {"mbe", "jmd", "fsa"}
    assert any(c.closed and c.close_reason for c in cases) and any(c.closed is None for c in cases)
    assert any(c.case_management for c in cases)
    assert store.goals.overdue(TODAY)
    forms = {c.form for c in store.consultations.all()}
    assert forms == {"in_person", "phone", "video", "outreach", "group"}
    appointments = store.appointments.all()
    assert {a.status for a in appointments} >= {"done", "no_show", "cancelled", "planned"}
    upcoming = [a for a in appointments if a.start.date() > TODAY]
    assert upcoming and all(a.start.date() <= date(2026, 4, 1) for a in upcoming)
    assert any(a.outreach for a in upcoming)
    overlapping = [a for a in upcoming if find_overlaps(a, upcoming)]
    assert len(overlapping) < len(upcoming) * 0.1
    assert {a.kind for a in store.activities.all()} >= {"network_meeting", "group_offer", "course_visit"}


def test_search_finds_transliteration_variants(filled) -> None:
    session, _summary = filled
    variants = {"Mohammed", "Muhammad", "Mohamed", "Mohammad"}
    named = {c.id for c in session.store.clients.all() if {c.given_name, c.family_name} & variants}
    assert named
    for spelling in variants:
        found = {c.id for c in session.store.clients.search(spelling, limit=1000)}
        assert named <= found


def test_staff_can_log_in_with_the_demo_password(filled, data_dir: Path) -> None:
    session, _summary = filled
    counsellor = session.store.users.with_role("counsellor")[0]
    other = accounts.unlock(data_dir, counsellor.name, demo.DEMO_PASSWORD, kdf=TEST_KDF)
    other.close()


def test_name_lists_cover_every_profile_country() -> None:
    for profile in PROFILES:
        names = name_list(profile.code)
        assert len(names.given_names("male")) >= 20 and len(names.given_names("female")) >= 20
        assert len(names.family_names("female")) >= 20
    assert name_list("SY").given_names("male")[0] == ("Mohammed", "محمد")


def test_ensure_demo_store_creates_once(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    user, password = demo.ensure_demo_store(folder, clients=50, kdf=TEST_KDF, today=TODAY)
    assert (user, password) == (demo.DEMO_USER, demo.DEMO_PASSWORD)
    session = accounts.unlock(folder, user, password, kdf=TEST_KDF)
    try:
        assert session.store.clients.count() == 50
        assert session.store.meta("office_name") == demo.DEMO_OFFICE
    finally:
        session.close()
    assert demo.ensure_demo_store(folder, clients=50, kdf=TEST_KDF) == (user, password)
    assert not (tmp_path / "demo.creating").exists()


def test_ensure_demo_store_in_an_existing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "notes.txt").write_text("kept", encoding="utf-8")
    user, password = demo.ensure_demo_store(folder, clients=20, kdf=TEST_KDF, today=TODAY)
    session = accounts.unlock(folder, user, password, kdf=TEST_KDF)
    session.close()
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "kept"


def test_demo_data_is_refused_outside_a_demo_store(session: Session) -> None:
    with pytest.raises(demo.NotADemoStore):
        demo.generate(session, 5, today=TODAY, kdf=TEST_KDF)
    assert session.store.clients.count() == 0
    assert [u.name for u in session.store.users.all()] == ["anna"]


def test_the_demo_build_writes_what_a_plain_fill_writes(tmp_path: Path) -> None:
    """ensure_demo_store fills in one transaction with the indexes built last (Store.bulk_fill); the data,
    schema and indexes equal those of generate() on a store written the ordinary way."""
    demo.ensure_demo_store(tmp_path / "built", clients=150, kdf=TEST_KDF, today=TODAY)
    plain, _key = accounts.create_store(
        tmp_path / "plain",
        demo.DEMO_USER,
        demo.DEMO_PASSWORD,
        display_name="Demo",
        office_name=demo.DEMO_OFFICE,
        kdf=TEST_KDF,
        demo=True,
    )
    built = Store.unlock(tmp_path / "built", demo.DEMO_USER, demo.DEMO_PASSWORD)  # no sign-in entry
    try:
        demo.generate(plain, 150, today=TODAY, kdf=TEST_KDF)
        one, other = demo.content_digest(built), demo.content_digest(plain.store)
        assert one["clients"][0] == 150 and one["documents"][0] > 0
        assert one == other
        demo.generate(plain, 1, today=TODAY, kdf=TEST_KDF)
        assert demo.content_digest(plain.store)["clients"] != one["clients"]
    finally:
        built.close()
        plain.close()
