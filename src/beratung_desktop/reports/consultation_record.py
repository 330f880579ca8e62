"""The record of one consultation, handed to the client."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from babel import Locale, UnknownLocaleError
from babel.dates import format_time
from reportlab.platypus import Flowable, Spacer

from ..domain.catalogues import FORMS, SERVICES, TOPICS
from ..domain.clients import Client
from ..domain.consultations import Consultation
from ..i18n import N_
from ..i18n.formatting import format_date
from ..i18n.translation import translator_for
from .client_block import client_rows
from .layout import Office, facts_table, page_texts, render, signature_lines, styles
from .text_shaping import paragraph, reads_rtl


@dataclass
class ConsultationRecordData:
    client: Client
    consultation: Consultation
    service: str
    counsellor: str  # display name
    partner: str = ""  # network partner the client was referred to
    include_notes: bool = True
    recipient: str = ""  # the partner the record is passed on to (with the client's consent)


def _time(moment: time, language: str) -> str:
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    return format_time(moment, "short", locale=locale)


def render_consultation_record(data: ConsultationRecordData, language: str, office: Office) -> bytes:
    tr = translator_for(language).gettext
    st = styles()
    c = data.consultation
    title = tr(N_("Consultation record"))
    rows = [
        *client_rows(data.client, tr, language),
        (
            tr(N_("Date and time")),
            f"{format_date(c.start.date(), 'medium', language)}, {_time(c.start.time(), language)}",
        ),
        (tr(N_("Duration")), tr(N_("{minutes} minutes")).format(minutes=c.minutes)),
        (tr(N_("Service")), tr(SERVICES.label(data.service))),
        (tr(N_("Form")), tr(FORMS.label(c.form))),
        (tr(N_("Counsellor")), data.counsellor),
        (tr(N_("Interpreter")), tr(N_("yes")) if c.interpreter_used else tr(N_("no"))),
    ]
    if data.partner:
        rows.append((tr(N_("Referred to")), data.partner))
    if data.recipient:
        rows.append((tr(N_("Passed on to")), data.recipient))
    story: list[Flowable] = [
        paragraph(title, st["title"]),
        facts_table(rows, st),
        paragraph(tr(N_("Topics")), st["h2"]),
    ]
    story += [paragraph(f"•  {tr(TOPICS.label(t))}", st["body"]) for t in c.topics]
    if data.include_notes and c.notes.strip():
        story += [paragraph(tr(N_("Notes")), st["h2"])]
        story += [paragraph(block, st["body"], rtl=reads_rtl(block)) for block in c.notes.strip().split("\n\n")]
    story += [
        Spacer(1, 12),
        paragraph(
            tr(
                N_(
                    "Counselling is voluntary, free of charge and confidential. Your data are used only for your "
                    "counselling and are not passed on without your consent."
                )
            ),
            st["small"],
        ),
        Spacer(1, 18),
        signature_lines([tr(N_("Place, date")), tr(N_("Counsellor"))], st),
    ]
    return render(story, page_texts(tr, title, office))
