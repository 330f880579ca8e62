"""The monthly summary of the reports over all offices whose packages the organisation imported.

The figures are counted by the same SQL as an office's own summary (storage/statistics_queries.py),
over the summary facts: the newest imported version of every record, written by the import
(storage/organisation_facts.py); the network figures likewise. Statistics-scope records are coarsened (birth year only,
arrival month), so ages and the arrival group can differ slightly from the office's own figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from ..domain.catalogues import FORMS, TOPICS
from ..domain.network_figures import NetworkRecords
from ..domain.statistics import EVERYTHING, Comparison, Period, PeriodCounts, Selection, comparison_dict, figures_of
from ..exchange import imported_records
from ..i18n import _
from ..reports.figures_table import to_csv, to_xlsx
from ..storage.statistics_queries import ORGANISATION, period_counts
from . import organisation, organisation_facts, printing
from .organisation_facts import Progress
from .session import Session
from .statistics import attach_network

REPORT_ROLES = ("team_lead", "admin")


def fold_new_packages(session: Session, progress: Progress | None = None) -> int:
    """Derives the summary facts of packages imported before the import wrote them (services/
    organisation_facts.py); returns the packages folded in (0 once they are all done)."""
    return organisation_facts.fold_new_packages(session, progress)


def summary(
    session: Session,
    period: Period,
    chosen: Selection = EVERYTHING,
    offices: Iterable[str] = (),
    progress: Progress | None = None,
) -> Comparison:
    """Figures of the period and the one before over all (or the named) offices, counted in SQL over
    the summary facts of the imported records. In a store upgraded from before the import wrote the
    facts, they are derived once first, reporting to `progress`."""
    session.require_role(*REPORT_ROLES)
    fold_new_packages(session, progress)
    facts = session.store.organisation_facts
    # All offices: no condition on each row (the usual report); otherwise the chosen offices' lines.
    chosen_offices = sorted(set(offices))
    everything = not chosen_offices and facts.every_line_current()
    scope = None if everything else {"lines": json.dumps(facts.lines(chosen_offices))}
    previous = period.previous()

    lines = None if everything else facts.lines(chosen_offices)

    def counts(p: Period) -> PeriodCounts:
        with session.store.reading():
            return period_counts(session.store, p, chosen, ORGANISATION, scope)

    def network() -> NetworkRecords:
        with session.store.reading():
            return facts.network_records(previous.start, period.start, period.end, lines)

    # Both periods and the network's facts at the same time, each on a read-only connection of its
    # own (SQLite counts outside the interpreter lock).
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="org-summary") as pool:
        network_done = pool.submit(network)
        current, before = pool.map(counts, (period, previous))
        records = network_done.result()
    orders = {"form_order": FORMS.codes(), "topic_order": TOPICS.codes()}
    comparison = Comparison(
        current=figures_of(period, current, **orders), previous=figures_of(previous, before, **orders)
    )
    attach_network(comparison, records, chosen)
    return comparison


def load_network(session: Session, offices: Iterable[str] = ()) -> NetworkRecords:
    """The network figures' facts the way before they were counted over the summary facts: every
    current record of the network's types decoded (the reference tests and benchmarks compare with)."""
    found = organisation.current_records_of(
        session,
        "partners",
        "clients",
        "cases",
        "consultations",
        "referrals",
        "short_contacts",
        "groups",
        "group_sessions",
    )
    return imported_records.network_records(found, frozenset(offices))


def summary_file(
    session: Session, period: Period, fmt: str, language: str = "de", offices: Iterable[str] = ()
) -> bytes:
    """The organisation's summary as 'pdf', 'csv', 'xlsx' or 'json' (audited like an office's)."""
    comparison = summary(session, period, EVERYTHING, offices)
    if fmt == "pdf":
        return printing.monthly_summary_pdf(session, period, EVERYTHING, language, comparison=comparison)
    scope = ",".join(sorted(offices)) or "all offices"
    session.audit("export", "summary", period.key, f"{fmt};organisation;{scope}")
    if fmt == "csv":
        return to_csv(comparison, language)
    if fmt == "xlsx":
        return to_xlsx(comparison, language, _("Summary {period}").format(period=period.key))
    if fmt == "json":
        return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2).encode("utf-8")
    raise ValueError(fmt)
