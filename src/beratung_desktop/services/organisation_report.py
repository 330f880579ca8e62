"""The monthly summary of the reports over all offices whose packages the organisation imported.

The figures are counted by the same SQL as an office's own summary (storage/statistics_queries.py),
over the summary facts: the newest imported version of every record, folded in from the stored packages
once (storage/organisation_facts.py). Statistics-scope records are coarsened (birth year only,
arrival month), so ages and the arrival group can differ slightly from the office's own figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from ..domain.catalogues import FORMS, TOPICS
from ..domain.network_figures import NetworkRecords
from ..domain.statistics import EVERYTHING, Comparison, Period, PeriodCounts, Selection, comparison_dict, figures_of
from ..exchange import imported_records, package
from ..i18n import _
from ..reports.figures_table import to_csv, to_xlsx
from ..storage.organisation_facts import FACT_TYPES, fact_columns
from ..storage.statistics_queries import ORGANISATION, period_counts
from . import organisation, printing
from .session import Session
from .statistics import attach_network

REPORT_ROLES = ("team_lead", "admin")


def fold_new_packages(session: Session) -> int:
    """Brings the summary facts up to date with the imported packages (each package once, in a
    transaction of its own); returns the packages folded in."""
    facts = session.store.organisation_facts
    pending = facts.unfolded_packages()
    for number in pending:
        lines = package.record_lines(facts.document(number))
        rows: dict[str, list[tuple]] = {t: [] for t in FACT_TYPES}
        for record_type, line, record_id, version, at in facts.package_keys(number):
            fact = _fact(record_type, line, record_id, version, lines[at] if at < len(lines) else "")
            if fact is not None:
                rows[record_type].append(fact)
        with session.store.transaction():
            for record_type, found in rows.items():
                if found:
                    facts.add(record_type, found)
            facts.mark_folded(number)
    return len(pending)


def _fact(record_type: str, line: int, record_id: str, version: int, text: str) -> tuple | None:
    """The fact row of one stored record version (see storage/organisation_facts.py); None for a record
    that does not read (stored by an older installation without the schema check, or erased)."""
    device = str(line)
    key = (imported_records.scoped_id(device, record_id), line, version)
    try:
        row = json.loads(text)
        if row.get("deleted"):
            return (*key, 1) + (None,) * len(fact_columns(record_type))
        if record_type == "consultations":
            c = imported_records.consultation(device, row)
            values: tuple = (c.case_id, c.client_id, c.counsellor_id, c.day.isoformat(), c.minutes, c.form)
            return (*key, 0, *values, json.dumps(list(c.topics)), int(c.interpreter_used))
        if record_type == "cases":
            k = imported_records.case(device, row)
            closed = k.closed.isoformat() if k.closed else None
            values = (k.client_id, k.service, k.counsellor_id, k.opened.isoformat(), closed, k.close_reason)
            return (*key, 0, *values, int(k.case_management))
        if record_type == "clients":
            p = imported_records.client(device, row)
            birth = p.birth_date.isoformat() if p.birth_date else None
            arrival = p.arrival_date.isoformat() if p.arrival_date else None
            return (*key, 0, birth, p.birth_year, p.gender, p.country_of_origin, arrival, p.household_counselled)
        a = imported_records.activity(device, row)
        return (*key, 0, a.counsellor_id, a.kind, a.service, a.day.isoformat(), a.minutes, a.participants)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def summary(
    session: Session, period: Period, chosen: Selection = EVERYTHING, offices: Iterable[str] = ()
) -> Comparison:
    """Figures of the period and the one before over all (or the named) offices, counted in SQL over
    the summary facts of the imported records."""
    session.require_role(*REPORT_ROLES)
    fold_new_packages(session)
    facts = session.store.organisation_facts
    # All offices: no condition on each row (the usual report); otherwise the chosen offices' lines.
    chosen_offices = sorted(set(offices))
    everything = not chosen_offices and facts.every_line_current()
    scope = None if everything else {"lines": json.dumps(facts.lines(chosen_offices))}
    previous = period.previous()

    def counts(p: Period) -> PeriodCounts:
        with session.store.reading():
            return period_counts(session.store, p, chosen, ORGANISATION, scope)

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="org-summary") as pool:
        current, before = pool.map(counts, (period, previous))
    orders = {"form_order": FORMS.codes(), "topic_order": TOPICS.codes()}
    comparison = Comparison(
        current=figures_of(period, current, **orders), previous=figures_of(previous, before, **orders)
    )
    with session.store.reading():
        attach_network(comparison, load_network(session, offices), chosen)
    return comparison


def load_network(session: Session, offices: Iterable[str] = ()) -> NetworkRecords:
    """Referrals (partners by type), short contacts, group sessions, interpreted consultations (by
    language), support needs and target-group deviations of the imported records."""
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
