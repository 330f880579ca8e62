"""One case at a glance: the case, its consultations and the goals of its agreement."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..domain.agreements import AgreementGoal
from ..domain.cases import Case
from ..domain.catalogues import CLOSE_REASONS, FORMS, GOAL_RESPONSIBLE, GOAL_STATUSES, SERVICES, TOPICS
from ..domain.clients import Client
from ..domain.consultations import Consultation
from ..i18n import N_
from ..i18n.formatting import format_date, format_number
from ..i18n.translation import translator_for
from .client_block import client_rows
from .layout import Office, facts_table, grid, page_texts, render, styles
from .text_shaping import paragraph, reads_rtl


@dataclass
class CaseSummaryData:
    client: Client
    case: Case
    consultations: list[Consultation]
    goals: list[AgreementGoal]
    counsellor: str
    recipient: str = ""  # the partner the summary is passed on to (with the client's consent)


def render_case_summary(data: CaseSummaryData, language: str, office: Office) -> bytes:
    tr = translator_for(language).gettext
    st = styles()
    case = data.case
    title = tr(N_("Case summary"))
    minutes = sum(c.minutes for c in data.consultations)
    rows = [
        *client_rows(data.client, tr, language),
        (tr(N_("Service")), tr(SERVICES.label(case.service))),
        (tr(N_("Counsellor")), data.counsellor),
        (tr(N_("Case opened")), format_date(case.opened, "medium", language)),
        (tr(N_("Case closed")), format_date(case.closed, "medium", language) if case.closed else tr(N_("open"))),
    ]
    if case.close_reason:
        rows.append((tr(N_("Reason for closing")), tr(CLOSE_REASONS.label(case.close_reason))))
    rows += [
        (tr(N_("Case management")), tr(N_("yes")) if case.case_management else tr(N_("no"))),
        (
            tr(N_("Consultations")),
            tr(N_("{count} consultations, {minutes} minutes in total")).format(
                count=format_number(len(data.consultations), language), minutes=format_number(minutes, language)
            ),
        ),
    ]
    if data.recipient:
        rows.append((tr(N_("Passed on to")), data.recipient))
    story: list[Flowable] = [paragraph(title, st["title"]), facts_table(rows, st)]

    story.append(paragraph(tr(N_("Consultations")), st["h2"]))
    if data.consultations:
        head = [paragraph(tr(m), st["cell_bold"]) for m in (N_("Date"), N_("Minutes"), N_("Form"), N_("Topics"))]
        body = [
            [
                paragraph(format_date(c.start.date(), "short", language), st["cell"]),
                paragraph(str(c.minutes), st["number"]),
                paragraph(tr(FORMS.label(c.form)), st["cell"]),
                paragraph(", ".join(tr(TOPICS.label(t)) for t in c.topics), st["cell"]),
            ]
            for c in sorted(data.consultations, key=lambda c: c.start)
        ]
        story.append(grid([head, *body], [25 * mm, 18 * mm, 27 * mm, 100 * mm]))
    else:
        story.append(paragraph(tr(N_("No consultations recorded.")), st["body"]))

    story.append(paragraph(tr(N_("Goals")), st["h2"]))
    if data.goals:
        head = [paragraph(tr(m), st["cell_bold"]) for m in (N_("Goal and steps"), N_("Who"), N_("By"), N_("Status"))]
        body = []
        for g in data.goals:
            cell: list[Flowable] = [paragraph(g.goal, st["cell_bold"], rtl=reads_rtl(g.goal))]
            cell += [paragraph(f"–  {s}", st["cell"], rtl=reads_rtl(s)) for s in g.steps]
            body.append(
                [
                    cell,
                    paragraph(tr(GOAL_RESPONSIBLE.label(g.responsible)), st["cell"]),
                    paragraph(format_date(g.due, "short", language) if g.due else "–", st["cell"]),
                    paragraph(tr(GOAL_STATUSES.label(g.status)), st["cell"]),
                ]
            )
        story.append(grid([head, *body], [90 * mm, 30 * mm, 22 * mm, 28 * mm]))
    else:
        story.append(paragraph(tr(N_("No goals have been agreed yet.")), st["body"]))
    return render(story, page_texts(tr, title, office))
