"""The team lead's monthly or yearly summary: key figures, distributions with bar charts, and the
comparison with the previous period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.statistics import Comparison, Period
from ..i18n import N_
from ..i18n.formatting import format_date, format_number
from ..i18n.translation import translator_for
from .charts import bar_chart
from .figures_table import FigureRow, figure_rows
from .layout import Office, facts_table, grid, page_texts, render, styles
from .text_shaping import cell, paragraph

KEY_SECTIONS = ("clients", "cases", "consultations", "case_management", "activities", "network")
CHARTED = (
    "consultations_by_form",
    "consultations_by_service",
    "topics",
    "countries",
    "age_groups",
    "genders",
    "arrival",
)


@dataclass
class SummaryContext:
    services: list[str] = field(default_factory=list)  # translated labels; empty: all
    counsellors: list[str] = field(default_factory=list)  # display names; empty: all
    generated: date | None = None


def period_label(period: Period, language: str) -> str:
    if period.is_year:
        return str(period.start.year)
    if period.is_month:
        return format_date(period.start, "MMMM y", language)
    return f"{format_date(period.start, 'medium', language)} – {format_date(period.end, 'medium', language)}"


def _value(row: FigureRow, value: float, language: str) -> str:
    if row.item == "share":
        return f"{format_number(round(value * 100, 1), language)} %"
    return format_number(value, language)


def _change(row: FigureRow, language: str) -> str:
    delta = row.change
    if row.item == "share":
        delta = round(delta * 100, 1)
    if delta == 0:
        return "±0"
    text = format_number(abs(delta), language) + (
        " %-Pkt." if row.item == "share" and language == "de" else " pp" if row.item == "share" else ""
    )
    return ("+" if delta > 0 else "–") + text


def _table(rows: Sequence[FigureRow], heads: Sequence[str], st: dict, language: str) -> Flowable:
    head = [cell(h, st["cell_bold"]) for h in heads]
    body = [
        [
            cell(r.item_label, st["cell"]),
            cell(_value(r, r.current, language), st["number"]),
            cell(_value(r, r.previous, language), st["number"]),
            cell(_change(r, language), st["number"]),
        ]
        for r in rows
    ]
    return grid([head, *body], [95 * mm, 25 * mm, 25 * mm, 25 * mm], numbers_from=1)


def render_monthly_summary(
    comparison: Comparison, office: Office, language: str = "de", context: SummaryContext | None = None
) -> bytes:
    context = context or SummaryContext()
    tr = translator_for(language).gettext
    st = styles()
    period = comparison.current.period
    title = tr(N_("Yearly summary")) if period.is_year else tr(N_("Monthly summary"))
    current_label = period_label(period, language)
    previous_label = period_label(comparison.previous.period, language)
    everything = tr(N_("all"))
    story: list[Flowable] = [
        paragraph(f"{title} {current_label}", st["title"]),
        facts_table(
            [
                (
                    tr(N_("Period")),
                    f"{format_date(period.start, 'medium', language)} – {format_date(period.end, 'medium', language)}",
                ),
                (tr(N_("Compared with")), previous_label),
                (tr(N_("Services")), ", ".join(context.services) or everything),
                (tr(N_("Counsellors")), ", ".join(context.counsellors) or everything),
                (tr(N_("Created on")), format_date(context.generated or date.today(), "medium", language)),
            ],
            st,
        ),
        Spacer(1, 3 * mm),
        paragraph(
            tr(
                N_(
                    "Clients are counted once per period, however many cases and consultations they had. New "
                    "clients had their first contact in the selected services in this period. Age and time since "
                    "arrival are taken at the first contact in the period; a group session's minutes count once."
                )
            ),
            st["small"],
        ),
    ]
    heads = (tr(N_("Figure")), current_label, previous_label, tr(N_("Change")))
    rows = figure_rows(comparison, language)
    sections = [(key, list(group)) for key, group in groupby(rows, key=lambda r: r.section)]
    story.append(paragraph(tr(N_("Key figures")), st["h2"]))
    key_rows = [r for key, group in sections if key in KEY_SECTIONS for r in group]
    story.append(_table(key_rows, heads, st, language))
    for key, group in sections:
        if key in KEY_SECTIONS:
            continue
        block: list[Flowable] = [paragraph(group[0].section_label, st["h2"])]
        if not group:
            continue
        block.append(_table(group, heads, st, language))
        if key in CHARTED and any(r.current or r.previous for r in group):
            block += [
                Spacer(1, 2 * mm),
                bar_chart([(r.item_label, r.current, r.previous) for r in group], (current_label, previous_label)),
            ]
        story.append(KeepTogether(block))
    if not any(r.current or r.previous for key, group in sections if key not in KEY_SECTIONS for r in group):
        story.append(paragraph(tr(N_("No consultations in this period or the one before.")), st["body"]))
    return render(story, page_texts(tr, title, office), subject=period.key)
