"""The team lead's figures for a period, with the period before for comparison."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from ..domain.catalogues import FORMS, PARTNER_KINDS, SERVICES, SUPPORT_NEEDS, TOPICS
from ..domain.network_figures import NetworkRecords, compute_network
from ..domain.statistics import EVERYTHING, Comparison, Period, Selection, figures_of
from ..errors import N_, AppError
from ..storage.errors import Cancelled, DiskFull, StoreBusy
from ..storage.network_queries import load_network_records
from ..storage.statistics_queries import period_counts
from ..storage.stored_figures import PeriodFigures
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


def summary(
    session: Session, period: Period, chosen: Selection = EVERYTHING, *, reuse: bool = True, today: date | None = None
) -> Comparison:
    """Figures of the period and the one before; team leads and administrators only. A period that ended
    before `today` is counted once and its counts kept in the store (storage/stored_figures.py);
    `reuse=False` counts afresh and keeps nothing."""
    session.require_role(*REPORT_ROLES)
    previous = period.previous()
    today = today or date.today()
    # Inside a transaction of the caller its own writes are not committed: counts of the committed state
    # are not kept, and no second thread may wait for that transaction's lock.
    reuse = reuse and not session.store.writing_here()
    # The two periods are counted at the same time, each on a read-only connection of its own (SQLite
    # works outside the interpreter lock, so a second core halves the wait), and the window thread's
    # searches never wait for these queries.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="summary") as pool:
        current, before = pool.map(
            lambda p: period_figures(session, p, chosen, reuse=reuse and p.end < today), (period, previous)
        )
    orders = {"form_order": FORMS.codes(), "topic_order": TOPICS.codes()}
    comparison = Comparison(
        current=figures_of(period, current.counts, **orders), previous=figures_of(previous, before.counts, **orders)
    )
    comparison.current.network, comparison.previous.network = current.network, before.network
    return comparison


def period_figures(
    session: Session,
    period: Period,
    chosen: Selection,
    *,
    reuse: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> PeriodFigures:
    """One period's counts and network figures: the stored ones, or counted on a read-only connection
    of this thread (and kept when `reuse`: only for periods that have ended)."""
    store = session.store
    with store.reading(cancelled):
        found = store.stored_figures.find(period, chosen) if reuse else None
    if found is not None:
        return found
    token = _reserve(session, period, chosen) if reuse else None
    with store.reading(cancelled):
        counts = period_counts(store, period, chosen)
        records = load_network_records(store, period.start, period.end, split=period.start)
    orders = {"kind_order": PARTNER_KINDS.codes(), "need_order": SUPPORT_NEEDS.codes()}
    figures = PeriodFigures(counts, compute_network(period, records, chosen, **orders))
    if token is not None and not (cancelled is not None and cancelled()):
        with contextlib.suppress(DiskFull, StoreBusy):  # kept another time; these figures are right
            store.stored_figures.keep(period, chosen, token, figures)
    return figures


def _reserve(session: Session, period: Period, chosen: Selection) -> str | None:
    """A full disk or a busy store only means the figures are not kept this time."""
    try:
        return session.store.stored_figures.reserve(period, chosen)
    except (DiskFull, StoreBusy):
        return None


def printed_periods(today: date) -> list[Period]:
    """The closed periods a team lead prints, newest first: the last twelve months with the month before
    them (each monthly summary compares with its previous month), the last year and the one before."""
    months = []
    year, month = today.year, today.month
    for _step in range(13):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        months.append(Period.month(year, month))
    return [*months, Period.year(today.year - 1), Period.year(today.year - 2)]


def warm_up(session: Session, cancelled: Callable[[], bool], today: date | None = None) -> int:
    """Counts and keeps the figures of the printed periods (whole office) not stored yet, so the next
    summary reads them; returns how many were counted. Stops (raising Cancelled) once `cancelled()`."""
    if session.user.role not in REPORT_ROLES:
        return 0
    counted = 0
    for period in printed_periods(today or date.today()):
        if cancelled():
            raise Cancelled()
        with session.store.reading(cancelled):
            if session.store.stored_figures.find(period, EVERYTHING) is not None:
                continue
        period_figures(session, period, EVERYTHING, cancelled=cancelled)
        counted += 1
    return counted


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
