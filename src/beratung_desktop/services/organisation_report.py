"""The monthly summary of the reports over all offices whose packages the organisation imported.

The figures come from the same code as an office's own summary (domain.statistics.compute), fed with
the newest imported version of every record. Statistics-scope records are coarsened (birth year only,
arrival month), so ages and the arrival group can differ slightly from the office's own figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..domain.catalogues import FORMS, TOPICS
from ..domain.network_figures import NetworkRecords
from ..domain.statistics import EVERYTHING, Comparison, Period, Records, Selection, comparison_dict, compute
from ..exchange import imported_records
from ..i18n import _
from ..reports.figures_table import to_csv, to_xlsx
from . import organisation, printing
from .session import Session
from .statistics import attach_network

REPORT_ROLES = ("team_lead", "admin")


def load_records(session: Session, offices: Iterable[str] = ()) -> Records:
    """Every imported client, case, consultation and activity (the computation picks the period)."""
    wanted = frozenset(offices)
    found = organisation.current_records_of(session, "clients", "cases", "consultations", "activities")

    def live(record_type: str) -> Iterator[tuple[str, dict]]:
        for device_id, office, row in found[record_type]:
            if not row["deleted"] and (not wanted or office in wanted):
                yield device_id, row

    clients = (imported_records.client(d, r) for d, r in live("clients"))
    cases = (imported_records.case(d, r) for d, r in live("cases"))
    return Records(
        clients={c.id: c for c in clients},
        cases={c.id: c for c in cases},
        consultations=[imported_records.consultation(d, r) for d, r in live("consultations")],
        activities=[imported_records.activity(d, r) for d, r in live("activities")],
    )


def summary(
    session: Session, period: Period, chosen: Selection = EVERYTHING, offices: Iterable[str] = ()
) -> Comparison:
    """Figures of the period and the one before over all (or the named) offices."""
    session.require_role(*REPORT_ROLES)
    with session.store.reading():
        records = load_records(session, offices)
        network = load_network(session, offices)
    previous = period.previous()
    kwargs = {"form_order": FORMS.codes(), "topic_order": TOPICS.codes()}
    comparison = Comparison(
        current=compute(period, records, chosen, **kwargs), previous=compute(previous, records, chosen, **kwargs)
    )
    attach_network(comparison, network, chosen)
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
