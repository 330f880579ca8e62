"""The team lead's figures for a period, with the period before for comparison."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from ..domain.catalogues import FORMS, PARTNER_KINDS, SERVICES, SUPPORT_NEEDS, TOPICS
from ..domain.network_figures import NetworkRecords, compute_network
from ..domain.statistics import EVERYTHING, Comparison, Period, PeriodCounts, Selection, figures_of
from ..errors import N_, AppError
from ..storage.network_queries import load_network_records
from ..storage.statistics_queries import period_counts
from .session import Session

REPORT_ROLES = ("team_lead", "admin")


class UnknownService(AppError):
    message = N_("Unknown service {code}. Use one of: {known}.")


class UnknownCounsellor(AppError):
    message = N_("There is no user named {name}.")


def selection(session: Session, services: Iterable[str] = (), counsellors: Iterable[str] = ()) -> Selection:
    """Service codes and counsellor user names (or ids) as a checked selection."""
    codes = frozenset(services)
    for code in sorted(codes):
        if code not in SERVICES:
            raise UnknownService(code=code, known=", ".join(SERVICES.codes()))
    ids = set()
    for name in counsellors:
        user = session.store.users.by_name(name.strip().lower()) or session.store.users.get(name)
        if user is None:
            raise UnknownCounsellor(name=name)
        ids.add(user.id)
    return Selection(codes, frozenset(ids))


def summary(session: Session, period: Period, chosen: Selection = EVERYTHING) -> Comparison:
    """Figures of the period and the one before; team leads and administrators only."""
    session.require_role(*REPORT_ROLES)
    previous = period.previous()
    orders = {"form_order": FORMS.codes(), "topic_order": TOPICS.codes()}
    # The two periods are counted at the same time, each on a read-only connection of its own (SQLite
    # works outside the interpreter lock, so a second core halves the wait), and the window thread's
    # searches never wait for these queries.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="summary") as pool:
        current, before = pool.map(lambda p: _counts(session, p, chosen), (period, previous))
    comparison = Comparison(
        current=figures_of(period, current, **orders), previous=figures_of(previous, before, **orders)
    )
    with session.store.reading():
        network = load_network_records(session.store, previous.start, period.end, split=period.start)
    attach_network(comparison, network, chosen)
    return comparison


def attach_network(comparison: Comparison, records: NetworkRecords, chosen: Selection) -> None:
    """Adds the network figures (referrals, interpreters, groups, short contacts, ...) to both periods."""
    orders = {"kind_order": PARTNER_KINDS.codes(), "need_order": SUPPORT_NEEDS.codes()}
    for figures in (comparison.current, comparison.previous):
        figures.network = compute_network(figures.period, records, chosen, **orders)


def _counts(session: Session, period: Period, chosen: Selection) -> PeriodCounts:
    with session.store.reading():
        return period_counts(session.store, period, chosen)


def describe(chosen: Selection) -> str:
    """Selection for the audit log: service codes and counsellor ids, never names of clients."""
    parts = []
    if chosen.services:
        parts.append("services=" + ",".join(sorted(chosen.services)))
    if chosen.counsellors:
        parts.append("counsellors=" + ",".join(sorted(chosen.counsellors)))
    return ";".join(parts)
