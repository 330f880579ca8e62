"""The referral note (Vermittlungsschreiben) a client takes to a network partner, in German.

Printed only when the client agreed to share data with this partner (services/referrals.py checks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.catalogues import SERVICES
from ..domain.clients import Client
from ..domain.partners import NetworkPartner
from ..domain.referrals import Referral
from ..i18n import N_
from ..i18n.formatting import format_date
from ..i18n.translation import translator_for
from .client_block import birth, client_name
from .layout import Office, facts_table, page_texts, render, signature_lines, styles
from .text_shaping import paragraph, reads_rtl


@dataclass
class ReferralNoteData:
    client: Client
    referral: Referral
    partner: NetworkPartner
    counsellor: str
    day: date


def render_referral_note(data: ReferralNoteData, office: Office, language: str = "de") -> bytes:
    tr = translator_for(language).gettext
    st = styles()
    title = tr(N_("Referral note"))
    partner = data.partner
    to_lines = [partner.name, partner.contact_person, partner.address]
    story: list[Flowable] = [paragraph(title, st["title"])]
    story.append(facts_table([(tr(N_("To")), ", ".join(line for line in to_lines if line))], st, col=40 * mm))
    story.append(Spacer(1, 3 * mm))
    rows = [(tr(N_("Client")), client_name(data.client))]
    born = birth(data.client, language)
    if born:
        rows.append((tr(N_("Date of birth")), born))
    rows += [
        (tr(N_("Referred by")), f"{office.name} – {tr(SERVICES.label(data.referral.service))}".strip(" –")),
        (tr(N_("Counsellor")), data.counsellor),
        (tr(N_("Date of the referral")), format_date(data.referral.day, "medium", language)),
    ]
    story += [facts_table(rows, st, col=40 * mm), Spacer(1, 4 * mm)]
    story.append(paragraph(tr(N_("Purpose of the referral")), st["h2"]))
    purpose = data.referral.purpose or tr(N_("Please see the client's request."))
    story.append(paragraph(purpose, st["body"], rtl=reads_rtl(purpose)))
    story.append(Spacer(1, 4 * mm))
    story.append(
        paragraph(
            tr(
                N_(
                    "The client agreed that we share this information with you. Please let us know whether "
                    "the client reached you, so that we can continue to support them."
                )
            ),
            st["body"],
        )
    )
    story.append(Spacer(1, 8 * mm))
    story.append(KeepTogether([signature_lines([tr(N_("Place, date")), tr(N_("Counsellor"))], st)]))
    return render(story, page_texts(tr, title, office))
