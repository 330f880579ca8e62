"""A consent form for one purpose of data processing (DSGVO), with the notice on withdrawal.
Printed in the office's language beside the client's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.catalogues import CONSENT_PURPOSES
from ..domain.clients import Client
from ..i18n import N_
from ..i18n.formatting import format_date
from .bilingual import Bilingual
from .client_block import birth, client_name
from .layout import Office, facts_table, page_texts, render, signature_lines, styles
from .text_shaping import paragraph

PURPOSE_TEXTS = {
    "data_storage": N_(
        "I agree that the counselling service stores my personal data (name, contact details, date of "
        "birth, origin, residence status, household) and notes on my counselling on an encrypted "
        "computer, so that my counselling can be continued. The data are used for no other purpose."
    ),
    "sharing": N_(
        "I agree that my counsellor may pass on the personal data needed for my matter to {recipient} "
        "and discuss my matter with them. Nothing beyond what is needed for my matter is passed on."
    ),
    "statistics_export": N_(
        "I agree that figures about my counselling are passed on to the funder without my name or "
        "contact details (pseudonymised: year of birth, gender, country of origin, topics, duration)."
    ),
    "contact": N_(
        "I agree that my counsellor contacts me by phone or by messenger (e.g. to arrange or move "
        "appointments). Messenger services may store that a message was sent; no notes are sent that way."
    ),
}


@dataclass
class ConsentFormData:
    client: Client
    purpose: str
    recipient: str = ""
    given: date | None = None
    expires: date | None = None
    office_name: str = ""


def render_consent_form(
    data: ConsentFormData, office: Office, primary: str = "de", client_language: str | None = None
) -> bytes:
    doc = Bilingual.for_client(primary, client_language)
    st = styles()
    title = doc.tr(N_("Consent to data processing"))
    story: list[Flowable] = [
        paragraph(doc.both(N_("Consent to data processing")), st["title"]),
        paragraph(doc.both(CONSENT_PURPOSES.label(data.purpose)), st["subtitle"]),
    ]
    rows = [
        (doc.both(N_("Client")), client_name(data.client)),
        (doc.both(N_("Client number")), data.client.client_number),
    ]
    born = birth(data.client, primary)
    if born:
        rows.append((doc.both(N_("Date of birth")), born))
    rows.append((doc.both(N_("Counselling service")), office.name or data.office_name))
    if data.recipient:
        rows.append((doc.both(N_("Recipient")), data.recipient))
    if data.expires:
        rows.append((doc.both(N_("Valid until")), format_date(data.expires, "medium", primary)))
    story += [facts_table(rows, st, col=55 * mm), Spacer(1, 5 * mm)]
    purpose_text = PURPOSE_TEXTS.get(data.purpose, PURPOSE_TEXTS["data_storage"])
    story.append(doc.block(purpose_text, st["body"], recipient=data.recipient or "–"))
    story.append(paragraph(doc.both(N_("Voluntary consent and withdrawal")), st["h2"]))
    story.append(
        doc.block(
            N_("This consent is voluntary. If you do not give it, or withdraw it, you will still be counselled."),
            st["body"],
        )
    )
    story.append(Spacer(1, 2 * mm))
    story.append(
        doc.block(
            N_(
                "You can withdraw this consent at any time, without giving reasons, in writing or in person at "
                "the counselling service. Withdrawal applies from then on; processing up to then remains lawful. "
                "You have the right to see, correct and have deleted your data (Articles 15 to 17 GDPR) and to "
                "complain to a data protection authority."
            ),
            st["body"],
        )
    )
    story.append(Spacer(1, 10 * mm))
    given = format_date(data.given, "medium", primary) if data.given else ""
    story.append(
        KeepTogether(
            [
                paragraph(given, st["body"]) if given else Spacer(1, 1),
                signature_lines([doc.both(N_("Place, date")), doc.both(N_("Signature of the client"))], st),
            ]
        )
    )
    return render(story, page_texts(doc.tr, title, office, doc.tr2 if doc.two else None))
