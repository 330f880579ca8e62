"""The team lead's figures for a period, with the period before for comparison."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.catalogues import FORMS, PARTNER_KINDS, SERVICES, SUPPORT_NEEDS, TOPICS
from ..domain.network_figures import NetworkRecords, compute_network
from ..domain.statistics import EVERYTHING, Comparison, Period, Selection, compute
from ..errors import N_, AppError
from ..storage.network_queries import load_network_records
from ..storage.statistics_queries import load_records
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
    # Through a connection of its own: the window thread's searches do not wait for these queries.
    with session.store.reading():
        records = load_records(session.store, previous.start, period.end)
        network = load_network_records(session.store, previous.start, period.end)
    kwargs = {"form_order": FORMS.codes(), "topic_order": TOPICS.codes()}
    comparison = Comparison(
        current=compute(period, records, chosen, **kwargs), previous=compute(previous, records, chosen, **kwargs)
    )
    attach_network(comparison, network, chosen)
    return comparison


def attach_network(comparison: Comparison, records: NetworkRecords, chosen: Selection) -> None:
    """Adds the network figures (referrals, interpreters, groups, short contacts, ...) to both periods."""
    orders = {"kind_order": PARTNER_KINDS.codes(), "need_order": SUPPORT_NEEDS.codes()}
    for figures in (comparison.current, comparison.previous):
        figures.network = compute_network(figures.period, records, chosen, **orders)


def describe(chosen: Selection) -> str:
    """Selection for the audit log: service codes and counsellor ids, never names of clients."""
    parts = []
    if chosen.services:
        parts.append("services=" + ",".join(sorted(chosen.services)))
    if chosen.counsellors:
        parts.append("counsellors=" + ",".join(sorted(chosen.counsellors)))
    return ";".join(parts)
