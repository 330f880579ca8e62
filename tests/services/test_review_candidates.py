"""The retention review reads only the candidates storage names; the result must equal the review that
loads every client, case and consent (kept here as the reference) for random stores, days and policies."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from beratung_desktop.domain.cases import Case
from beratung_desktop.domain.catalogues import SERVICES
from beratung_desktop.domain.consents import Consent
from beratung_desktop.domain.privacy import LegalHold, add_months, retention_due, storage_withdrawn
from beratung_desktop.services import privacy
from beratung_desktop.services.privacy import RetentionPolicy, ReviewItem
from beratung_desktop.services.session import Session
from tests.factories import client

TODAYS = [date(2026, 6, 1), date(2025, 2, 28), date(2024, 2, 29), date(2025, 3, 31), date(2026, 12, 31)]
POLICIES = [
    RetentionPolicy(36, {}),
    RetentionPolicy(36, {"jmd": 12, "mbe": 24, "fsa": 1}),
    RetentionPolicy(12, {"jmd": 48, "labour_mentoring": 6}),
    RetentionPolicy(6, {"jmd": 48}, fixed=True),
    RetentionPolicy(1, {"mbe": 1200}),
]
# A code outside the catalogue (from an old import) takes the default months.
CASE_SERVICES = [*SERVICES.codes(), "retired_service"]


def _reference(session: Session, policy: RetentionPolicy, today: date) -> list[ReviewItem]:
    """The review list as computed before: every client, case and consent loaded into Python."""
    store = session.store
    held = {h.client_id for h in store.legal_holds.live() if h.active_on(today)}
    cases_of: dict[str, list] = {}
    for case in store.cases.all():
        cases_of.setdefault(case.client_id, []).append(case)
    consents_of: dict[str, list] = {}
    for consent in store.consents.all():
        consents_of.setdefault(consent.client_id, []).append(consent)
    months = {code: policy.months(code) for code in SERVICES.codes()}
    items = []
    for c in store.clients.all():
        if c.erased or c.id in held:
            continue
        cases = cases_of.get(c.id, [])
        withdrawn = storage_withdrawn(consents_of.get(c.id, []), today)
        due = retention_due(cases, c.created_at.date(), months, policy.default_months)
        if withdrawn is not None and withdrawn.withdrawn is not None:
            reason, since = "consent_withdrawn", withdrawn.withdrawn
        elif due is not None and due <= today:
            reason, since = "retention_expired", due
        else:
            continue
        last = store.consultations.last_contact(c.id)
        items.append(
            ReviewItem(c.id, c.display_name, c.client_number, last.date() if last else None, len(cases), reason, since)
        )
    return sorted(items, key=lambda i: (i.since, i.name))


def _near_edge(rng: random.Random) -> date:
    """Days around the thresholds of the days and policies above: month ends, 29 February, a day either side."""
    today = rng.choice(TODAYS)
    months = rng.choice([1, 6, 12, 24, 36, 48])
    edge = add_months(today, -months)
    if rng.random() < 0.3:
        edge = add_months(edge.replace(day=1), 1) - timedelta(days=1)  # the month's last day
    return edge + timedelta(days=rng.randint(-3, 3))


def _day(rng: random.Random) -> date:
    return _near_edge(rng) if rng.random() < 0.7 else date(2019, 1, 1) + timedelta(days=rng.randint(0, 3000))


def _populate(session: Session, seed: int, count: int) -> None:
    rng = random.Random(seed)
    store = session.store
    clients, cases, consents, holds = [], [], [], []
    for n in range(count):
        created = datetime.combine(_day(rng), datetime.min.time(), UTC) + timedelta(minutes=rng.randint(0, 1439))
        c = client(
            family_name=f"Probe{n:04d}",
            client_number=f"T-{seed}-{n:04d}",
            created_at=created,
            erased=rng.random() < 0.1,
            deleted=rng.random() < 0.1,
        )
        clients.append(c)
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            closed = None if rng.random() < 0.25 else _day(rng)
            opened = (closed or _day(rng)) - timedelta(days=rng.randint(0, 400))
            cases.append(
                Case(
                    client_id=c.id,
                    service=rng.choice(CASE_SERVICES),
                    counsellor_id=session.user.id,
                    opened=opened,
                    closed=closed,
                    close_reason="goals_achieved" if closed else None,
                    deleted=rng.random() < 0.15,
                )
            )
        for _ in range(rng.choice([0, 0, 1, 2])):
            given = _day(rng) - timedelta(days=rng.randint(0, 700))
            consents.append(
                Consent(
                    client_id=c.id,
                    purpose=rng.choice(["data_storage", "data_storage", "sharing"]),
                    recipient="Beratungsstelle Nord",
                    given=given,
                    withdrawn=_day(rng) if rng.random() < 0.5 else None,
                    expires=_day(rng) if rng.random() < 0.3 else None,
                    deleted=rng.random() < 0.15,
                )
            )
        if rng.random() < 0.1:
            until = None if rng.random() < 0.3 else _day(rng)
            holds.append(LegalHold(client_id=c.id, reason="Verfahren", until=until, deleted=rng.random() < 0.2))
    with store.transaction():
        store.clients.add_many(clients)
        store.cases.add_many(cases)
        store.consents.add_many(consents)
        store.legal_holds.add_many(holds)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_review_list_equals_the_whole_table_review(session: Session, seed: int) -> None:
    _populate(session, seed, 250)
    seen = 0
    for today in TODAYS:
        for policy in POLICIES:
            expected = _reference(session, policy, today)
            assert privacy.review_list(session, policy, today) == expected, (today, policy)
            assert privacy.due_for_review(session, policy, today) == len(expected)
            seen += len(expected)
    # The random stores reach the list at all (both reasons), so the comparison has something to compare.
    assert seen > 100


def test_candidates_cover_both_reasons_and_leave_out_the_rest(session: Session) -> None:
    _populate(session, 7, 250)
    policy, today = RetentionPolicy(36, {"jmd": 12}), date(2026, 6, 1)
    reasons = {i.reason for i in privacy.review_list(session, policy, today)}
    assert reasons == {"retention_expired", "consent_withdrawn"}
    months = {code: policy.months(code) for code in SERVICES.codes()}
    from beratung_desktop.domain.privacy import retention_last_day

    candidates = session.store.review_candidates(
        {k: retention_last_day(today, m) for k, m in months.items()}, retention_last_day(today, 36), today
    )
    # Storage reads fewer clients than the store holds, and every listed client is among them.
    assert len(candidates) < session.store.clients.count()
    assert {i.client_id for i in privacy.review_list(session, policy, today)} <= set(candidates)
