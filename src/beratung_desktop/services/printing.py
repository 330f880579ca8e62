"""Documents for printing, rendered in memory; every print is written to the audit log.

The GUI shows the bytes in its preview and prints them; the CLI writes them where the user said.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings, SettingsStore
from ..domain.catalogues import CONSENT_PURPOSES, SERVICES
from ..domain.statistics import EVERYTHING, Comparison, Period, Selection
from ..errors import N_, AppError
from ..i18n import _
from . import privacy, statistics
from .session import Session

# reportlab and openpyxl load on the first print, not when the app starts (issue: start-up time).
if TYPE_CHECKING:
    from ..reports.layout import Office
    from ..reports.monthly_summary import SummaryContext

OFFICE_LANGUAGE = "de"
LOGO_LIMIT = 2 * 1024 * 1024


class UnknownPurpose(AppError):
    message = N_("Unknown consent purpose {code}.")


def office(session: Session, settings: Settings | None = None) -> Office:
    """Office name from the settings (or the store), logo from the file the settings name, if readable.

    Without settings passed in, the saved ones are read: the window and the CLI print with the logo
    the office chose on the settings page (or IT set for the machine)."""
    from ..reports.layout import Office

    settings = settings or SettingsStore.default().load()
    name = (settings.office_name if settings else "") or session.store.meta("office_name")
    logo = None
    if settings and settings.office_logo_file:
        path = Path(settings.office_logo_file)
        try:
            if path.is_file() and path.stat().st_size <= LOGO_LIMIT:
                logo = path.read_bytes()
        except OSError:
            logo = None  # a missing logo must not stop printing
    return Office(name=name, logo=logo)


def _counsellor(session: Session, user_id: str) -> str:
    user = session.store.users.get(user_id)
    return user.label if user else ""


def consultation_record_pdf(
    session: Session,
    consultation_id: str,
    language: str = OFFICE_LANGUAGE,
    settings: Settings | None = None,
    include_notes: bool = True,
    recipient: str = "",
    client_language: str | None = None,
) -> bytes:
    """The record for the client, or (`recipient`) for a partner, which needs the client's sharing consent.

    For the client the office's language stands beside the client's (default: the first language recorded
    for the client; "" for the office's language only); a partner's copy is in the office's language."""
    from ..reports.consultation_record import ConsultationRecordData, render_consultation_record

    store = session.store
    consultation = store.consultations.require(consultation_id)
    if recipient:
        privacy.require_sharing(session, consultation.client_id, recipient)
    case = store.cases.require(consultation.case_id)
    client = store.clients.require(consultation.client_id)
    partner_id = consultation.referral_partner_id
    partner = store.partners.get(partner_id) if partner_id else None
    second = None if recipient else _client_language(client.languages, client_language)
    pdf = render_consultation_record(
        ConsultationRecordData(
            client=client,
            consultation=consultation,
            service=case.service,
            counsellor=_counsellor(session, consultation.counsellor_id),
            partner=partner.name if partner else "",
            include_notes=include_notes,
            recipient=recipient,
        ),
        language,
        office(session, settings),
        second,
    )
    # The recipient's name stays out of the log (it may name a person); that it was passed on does not.
    languages = f"{language}, for a partner" if recipient else f"{language}+{second or '-'}"
    session.audit("print", "consultation", consultation_id, f"consultation record, {languages}")
    return pdf


def case_summary_pdf(
    session: Session,
    case_id: str,
    language: str = OFFICE_LANGUAGE,
    settings: Settings | None = None,
    recipient: str = "",
) -> bytes:
    """The summary for the file, or (`recipient`) for a partner, which needs the client's sharing consent."""
    from ..reports.case_summary import CaseSummaryData, render_case_summary

    store = session.store
    case = store.cases.require(case_id)
    if recipient:
        privacy.require_sharing(session, case.client_id, recipient)
    client = store.clients.require(case.client_id)
    consultations = [c for c in store.consultations.for_client(client.id) if c.case_id == case_id]
    pdf = render_case_summary(
        CaseSummaryData(
            client=client,
            case=case,
            consultations=consultations,
            goals=store.goals.for_case(case_id),
            counsellor=_counsellor(session, case.counsellor_id),
            recipient=recipient,
        ),
        language,
        office(session, settings),
    )
    shared = ", for a partner" if recipient else ""
    session.audit("print", "case", case_id, f"case summary, {language}{shared}")
    return pdf


def _client_language(client_languages: list[str], requested: str | None) -> str | None:
    return requested if requested is not None else (client_languages[0] if client_languages else None)


def agreement_pdf(
    session: Session,
    case_id: str,
    client_language: str | None = None,
    settings: Settings | None = None,
    today: date | None = None,
) -> bytes:
    """German beside the client's language (default: the first language recorded for the client)."""
    from ..reports.agreement import AgreementData, render_agreement

    store = session.store
    case = store.cases.require(case_id)
    client = store.clients.require(case.client_id)
    language = _client_language(client.languages, client_language)
    goals = [g for g in store.goals.for_case(case_id) if g.status != "dropped"]
    pdf = render_agreement(
        AgreementData(
            client=client,
            case=case,
            goals=goals,
            counsellor=_counsellor(session, case.counsellor_id),
            day=today or date.today(),
        ),
        office(session, settings),
        OFFICE_LANGUAGE,
        language,
    )
    session.audit("print", "case", case_id, f"agreement, {OFFICE_LANGUAGE}+{language or '-'}")
    return pdf


def consent_form_pdf(
    session: Session,
    client_id: str,
    purpose: str,
    recipient: str = "",
    client_language: str | None = None,
    settings: Settings | None = None,
    consent_id: str | None = None,
) -> bytes:
    """A blank form for a purpose, or the form of a recorded consent (consent_id)."""
    from ..reports.consent_form import ConsentFormData, render_consent_form

    store = session.store
    client = store.clients.require(client_id)
    given = expires = None
    if consent_id:
        consent = store.consents.require(consent_id)
        purpose, recipient = consent.purpose, consent.recipient
        given, expires = consent.given, consent.expires
    if purpose not in CONSENT_PURPOSES:
        raise UnknownPurpose(code=purpose)
    language = _client_language(client.languages, client_language)
    the_office = office(session, settings)
    pdf = render_consent_form(
        ConsentFormData(
            client=client,
            purpose=purpose,
            recipient=recipient,
            given=given,
            expires=expires,
            office_name=the_office.name,
        ),
        the_office,
        OFFICE_LANGUAGE,
        language,
    )
    session.audit("print", "client", client_id, f"consent form {purpose}, {OFFICE_LANGUAGE}+{language or '-'}")
    return pdf


def _context(session: Session, chosen: Selection, language: str, today: date | None) -> SummaryContext:
    from ..i18n.translation import translator_for
    from ..reports.monthly_summary import SummaryContext

    tr = translator_for(language).gettext
    return SummaryContext(
        services=[tr(SERVICES.label(s)) for s in sorted(chosen.services)],
        counsellors=sorted(_counsellor(session, c) for c in chosen.counsellors),
        generated=today or date.today(),
    )


def monthly_summary_pdf(
    session: Session,
    period: Period,
    chosen: Selection = EVERYTHING,
    language: str = OFFICE_LANGUAGE,
    settings: Settings | None = None,
    today: date | None = None,
    comparison: Comparison | None = None,
) -> bytes:
    """The summary for a month or a year (the period decides); team leads and administrators only."""
    from ..reports.monthly_summary import render_monthly_summary

    comparison = comparison or statistics.summary(session, period, chosen)
    pdf = render_monthly_summary(
        comparison, office(session, settings), language, _context(session, chosen, language, today)
    )
    session.audit("print", "summary", period.key, statistics.describe(chosen))
    return pdf


def figures_file(
    session: Session, period: Period, fmt: str, chosen: Selection = EVERYTHING, language: str = OFFICE_LANGUAGE
) -> bytes:
    """The summary's figures as 'csv' or 'xlsx'; the export is written to the audit log."""
    from ..reports.figures_table import to_csv, to_xlsx

    comparison = statistics.summary(session, period, chosen)
    if fmt == "csv":
        data = to_csv(comparison, language)
    elif fmt == "xlsx":
        data = to_xlsx(comparison, language, _("Summary {period}").format(period=period.key))
    else:
        raise ValueError(fmt)
    session.audit("export", "summary", period.key, f"{fmt};{statistics.describe(chosen)}")
    return data


def referral_note_pdf(
    session: Session, referral_id: str, settings: Settings | None = None, today: date | None = None
) -> bytes:
    """The German referral note for a partner; refused unless the client agreed to share data with them
    (a sharing consent naming the partner, in effect today)."""
    from ..reports.referral_note import ReferralNoteData, render_referral_note
    from .referrals import require_note_allowed

    store = session.store
    referral = store.referrals.require(referral_id)
    today = today or date.today()
    require_note_allowed(session, referral, today)
    pdf = render_referral_note(
        ReferralNoteData(
            client=store.clients.require(referral.client_id),
            referral=referral,
            partner=store.partners.require(referral.partner_id),
            counsellor=_counsellor(session, referral.counsellor_id),
            day=today,
        ),
        office(session, settings),
        OFFICE_LANGUAGE,
    )
    session.audit("print", "referral", referral_id, "referral note, de")
    return pdf
