"""The voluntary support agreement (Fördervereinbarung): goals, steps, who does what, signatures.
Printed in the office's language beside the client's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.agreements import AgreementGoal
from ..domain.cases import Case
from ..domain.catalogues import GOAL_RESPONSIBLE, GOAL_STATUSES, SERVICES
from ..domain.clients import Client
from ..i18n import N_
from ..i18n.formatting import format_date
from .bilingual import Bilingual
from .client_block import birth, client_name
from .layout import SHADE, Office, facts_table, grid, page_texts, render, signature_lines, styles
from .text_shaping import paragraph, reads_rtl


@dataclass
class AgreementData:
    client: Client
    case: Case
    goals: list[AgreementGoal]
    counsellor: str
    day: date  # the day the agreement is printed for signing


def _goal_rows(goals: list[AgreementGoal], doc: Bilingual, st: dict) -> list[list]:
    rows = [
        [
            paragraph(doc.both(N_("Goal and steps")), st["cell_bold"]),
            paragraph(doc.both(N_("Who")), st["cell_bold"]),
            paragraph(doc.both(N_("By")), st["cell_bold"]),
        ]
    ]
    for number, goal in enumerate(goals, 1):
        # Goals and steps are the counsellor's own words: printed once, as typed.
        cell: list[Flowable] = [paragraph(f"{number}. {goal.goal}", st["cell_bold"], rtl=reads_rtl(goal.goal))]
        cell += [paragraph(f"–  {step}", st["cell"], rtl=reads_rtl(step)) for step in goal.steps]
        if goal.status not in ("open", "in_progress"):
            cell.append(paragraph(doc.both(GOAL_STATUSES.label(goal.status)), st["label"]))
        rows.append(
            [
                cell,
                paragraph(doc.both(GOAL_RESPONSIBLE.label(goal.responsible)), st["cell"]),
                paragraph(format_date(goal.due, "short", doc.primary) if goal.due else "–", st["cell"]),
            ]
        )
    return rows


def render_agreement(
    data: AgreementData, office: Office, primary: str = "de", client_language: str | None = None
) -> bytes:
    doc = Bilingual.for_client(primary, client_language)
    st = styles()
    title = doc.tr(N_("Support agreement"))
    story: list[Flowable] = [paragraph(doc.both(N_("Support agreement")), st["title"])]
    born = birth(data.client, primary)
    rows = [
        (doc.both(N_("Client")), client_name(data.client)),
        (doc.both(N_("Client number")), data.client.client_number),
    ]
    if born:
        rows.append((doc.both(N_("Date of birth")), born))
    rows += [
        (doc.both(N_("Service")), doc.both(SERVICES.label(data.case.service))),
        (doc.both(N_("Counsellor")), data.counsellor),
        (doc.both(N_("Case opened")), format_date(data.case.opened, "medium", primary)),
    ]
    story += [facts_table(rows, st, col=55 * mm), Spacer(1, 4 * mm)]
    story.append(
        doc.block(
            N_(
                "This agreement is voluntary. It records the goals we have agreed on together and the steps "
                "towards them. We review it together and can change it at any time. Counselling is free of "
                "charge and confidential."
            ),
            st["body"],
        )
    )
    story.append(paragraph(doc.both(N_("Goals")), st["h2"]))
    if data.goals:
        table = grid(_goal_rows(data.goals, doc, st), [110 * mm, 35 * mm, 25 * mm])
        table.setStyle([("BACKGROUND", (0, 0), (-1, 0), SHADE)])
        story.append(table)
    else:
        story.append(paragraph(doc.both(N_("No goals have been agreed yet.")), st["body"]))
    story.append(Spacer(1, 6 * mm))
    story.append(
        doc.block(
            N_(
                "By signing, we confirm that we have discussed this agreement and will work on the goals "
                "together. You receive a copy."
            ),
            st["body"],
        )
    )
    story.append(Spacer(1, 4 * mm))
    story.append(
        KeepTogether(
            [signature_lines([doc.both(N_("Place, date")), doc.both(N_("Client")), doc.both(N_("Counsellor"))], st)]
        )
    )
    return render(story, page_texts(doc.tr, title, office, doc.tr2 if doc.two else None))
