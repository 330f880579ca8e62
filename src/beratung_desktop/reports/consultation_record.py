"""The record of one consultation, handed to the client: the office's language beside the client's."""

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
from .bilingual import Bilingual
from .client_block import birth, client_name
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


def render_consultation_record(
    data: ConsultationRecordData, language: str, office: Office, client_language: str | None = None
) -> bytes:
    doc = Bilingual.for_client(language, client_language)
    st = styles()
    c = data.consultation
    title = doc.tr(N_("Consultation record"))
    rows = [
        (doc.both(N_("Client")), client_name(data.client)),
        (doc.both(N_("Client number")), data.client.client_number),
    ]
    born = birth(data.client, language)
    if born:
        rows.append((doc.both(N_("Date of birth")), born))
    rows += [
        (
            doc.both(N_("Date and time")),
            f"{format_date(c.start.date(), 'medium', language)}, {_time(c.start.time(), language)}",
        ),
        (doc.both(N_("Duration")), doc.both(N_("{minutes} minutes"), minutes=c.minutes)),
        (doc.both(N_("Service")), doc.both(SERVICES.label(data.service))),
        (doc.both(N_("Form")), doc.both(FORMS.label(c.form))),
        (doc.both(N_("Counsellor")), data.counsellor),
        (doc.both(N_("Interpreter")), doc.both(N_("yes")) if c.interpreter_used else doc.both(N_("no"))),
    ]
    if data.partner:
        rows.append((doc.both(N_("Referred to")), data.partner))
    if data.recipient:
        rows.append((doc.both(N_("Passed on to")), data.recipient))
    story: list[Flowable] = [
        paragraph(doc.both(N_("Consultation record")), st["title"]),
        facts_table(rows, st),
        paragraph(doc.both(N_("Topics")), st["h2"]),
    ]
    story += [paragraph(f"•  {doc.both(TOPICS.label(t))}", st["body"]) for t in c.topics]
    if data.include_notes and c.notes.strip():
        # The counsellor's own words: printed once, as typed.
        story += [paragraph(doc.both(N_("Notes")), st["h2"])]
        story += [paragraph(block, st["body"], rtl=reads_rtl(block)) for block in c.notes.strip().split("\n\n")]
    story += [
        Spacer(1, 12),
        doc.block(
            N_(
                "Counselling is voluntary, free of charge and confidential. Your data are used only for your "
                "counselling and are not passed on without your consent."
            ),
            st["small"],
        ),
        Spacer(1, 18),
        signature_lines([doc.both(N_("Place, date")), doc.both(N_("Counsellor"))], st),
    ]
    return render(story, page_texts(doc.tr, title, office, doc.tr2 if doc.two else None))
