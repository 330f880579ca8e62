"""The organisation's network figures (partners by type, referrals, short contacts, groups, interpreted
consultations, support needs, target group) counted over the summary facts equal both the figures the
former way (every current record decoded, tests/exchange/test_network_exchange.py) and the office's own
network figures for the same data; the import writes the facts, an older store derives them once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import date

import pytest

from beratung_desktop.domain.statistics import EVERYTHING, Period, Selection
from beratung_desktop.services import accounts, demo, exchange, organisation, organisation_report, statistics
from beratung_desktop.services.session import Session
from beratung_desktop.services.statistics import attach_network
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSWORD

from .conftest import enroll, make_org

TODAY = date(2026, 6, 15)
PERIODS = [Period.month(2026, 5), Period.month(2026, 3), Period.year(2025), Period.year(2026)]
SELECTIONS = [EVERYTHING, Selection(frozenset({"mbe"})), Selection(frozenset({"jmd", "fsa"}))]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Iterator[tuple[Session, dict[str, Session]]]:
    """Two demo offices with network work, one sending statistics, one everything, each twice."""
    tmp = tmp_path_factory.mktemp("org-network")
    org, key = make_org(tmp / "org", allow_full_export=True)
    offices: dict[str, Session] = {}
    for name, clients, seed, scope in (("Office A", 80, 5, "statistics"), ("Office B", 60, 9, "full")):
        office, _ = accounts.create_store(tmp / name, "anna", PASSWORD, office_name=name, kdf=TEST_KDF, demo=True)
        demo.generate(office, clients, seed=seed, today=TODAY, kdf=TEST_KDF)
        enroll(office, org, key, tmp, name)
        stick = tmp / f"stick-{name}"
        stick.mkdir()
        exchange.export(office, stick, scope=scope, machine_allows_full=True)
        assert {o.status for o in organisation.import_packages(org, stick)} == {"imported"}
        offices[name] = office
    yield org, offices
    for office in offices.values():
        office.close()
    org.close()


def _former(org: Session, period: Period, chosen: Selection, offices: frozenset[str]):
    """The network figures the way before: every current record of the network's types decoded."""
    reference = organisation_report.summary(org, period, chosen, offices)
    attach_network(reference, organisation_report.load_network(org, offices), chosen)
    return reference


def test_network_figures_over_the_facts_equal_those_of_the_decoded_records(world):
    org, _offices = world
    seen = 0
    for period in PERIODS:
        for offices in (frozenset(), frozenset({"Office B"})):
            for chosen in SELECTIONS:
                counted = organisation_report.summary(org, period, chosen, offices)
                reference = _former(org, period, chosen, offices)
                for figures, expected in ((counted.current, reference.current), (counted.previous, reference.previous)):
                    assert asdict(figures.network) == asdict(expected.network), (period, chosen, offices)
                    for name, value in vars(expected.network).items():
                        if isinstance(value, dict):
                            assert list(getattr(figures.network, name)) == list(value), (period, name)
                seen += counted.current.network.referrals + counted.current.network.short_contacts
    assert seen > 0  # the demo offices did network work in these periods


def test_network_figures_of_an_office_equal_its_own(world):
    org, offices = world
    for name in ("Office A", "Office B"):
        for period in PERIODS[:2]:
            for chosen in SELECTIONS:
                own = statistics.summary(offices[name], period, chosen).current.network
                imported = organisation_report.summary(org, period, chosen, [name]).current.network
                assert asdict(imported) == asdict(own), (name, period, chosen)
    full = organisation_report.summary(org, PERIODS[2], EVERYTHING, ["Office B"]).current.network
    assert full.referrals and full.interpreted_consultations and full.group_sessions
    assert full.clients_with_support_needs and full.clients_referred_in


def test_import_writes_the_facts_and_an_older_store_derives_them_once(world):
    org, _offices = world
    period = Period.year(2026)
    assert organisation_report.fold_new_packages(org) == 0
    before = asdict(organisation_report.summary(org, period))
    with org.store.transaction():
        org.store.organisation_facts.clear()  # what the upgrade leaves: facts to derive from the documents
    steps: list[tuple[int, int]] = []
    after = asdict(organisation_report.summary(org, period, progress=lambda done, total: steps.append((done, total))))
    assert after == before
    assert steps == [(0, 2), (1, 2), (2, 2)]
    assert organisation_report.fold_new_packages(org) == 0
