"""Consent that takes effect: sharing withdrawn blocks printouts for that partner, expiring consents
are listed, and each purpose's status reads at a glance."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from beratung_desktop.domain.consents import Consent, consent_status
from beratung_desktop.errors import error_text
from beratung_desktop.services import casework, printing, privacy
from beratung_desktop.services.session import Session
from tests.factories import add_case, add_client, add_consultation

TODAY = date.today()


def _sharing(session: Session, client_id: str, recipient: str, **dates) -> Consent:
    values = {"given": TODAY - timedelta(days=60), **dates}
    return casework.save_consent(
        session, Consent(client_id=client_id, purpose="sharing", recipient=recipient, **values)
    )


def _prints(session: Session) -> list[str]:
    return [e.detail for e in session.store.audit.recent(10_000) if e.action == "print"]


def test_withdrawn_expired_or_missing_sharing_consent_blocks_printouts_for_that_partner(session: Session) -> None:
    client = add_client(session)
    case = add_case(session, client)
    consultation = add_consultation(session, case)
    _sharing(session, client.id, "Jobcenter  Nord")
    _sharing(session, client.id, "Ausländerbehörde", withdrawn=TODAY)
    _sharing(session, client.id, "Sozialamt", expires=TODAY - timedelta(days=1))

    # The name is compared without case and extra spaces.
    assert printing.consultation_record_pdf(session, consultation.id, recipient="jobcenter nord").startswith(b"%PDF")
    for partner in ("Ausländerbehörde", "Sozialamt", "Schule am Markt"):
        with pytest.raises(privacy.SharingWithdrawn) as refused:
            printing.consultation_record_pdf(session, consultation.id, recipient=partner)
        assert partner in error_text(refused.value) and "nothing was printed" in error_text(refused.value)
        with pytest.raises(privacy.SharingWithdrawn):
            printing.case_summary_pdf(session, case.id, recipient=partner)
    # Refused before anything was rendered or logged; without a recipient the client's own copy prints.
    assert _prints(session) == ["consultation record, de, for a partner"]
    printing.case_summary_pdf(session, case.id)
    assert privacy.sharing_recipients(session, client.id) == ["Ausländerbehörde", "Jobcenter  Nord", "Sozialamt"]


def test_the_partner_printout_names_the_recipient(session: Session) -> None:
    import io

    from pypdf import PdfReader

    client = add_client(session)
    case = add_case(session, client)
    _sharing(session, client.id, "Jobcenter Nord")
    pdf = printing.case_summary_pdf(session, case.id, recipient="Jobcenter Nord")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Weitergabe an" in text and "Jobcenter Nord" in text


def test_expiring_consents_for_the_start_page(session: Session) -> None:
    from beratung_desktop.services.session import Session as S

    mine = add_client(session, family_name="Meine")
    add_case(session, mine)
    theirs = add_client(session, family_name="Andere")
    for client in (mine, theirs):
        casework.save_consent(
            session,
            Consent(client_id=client.id, purpose="statistics_export", given=TODAY, expires=TODAY + timedelta(days=5)),
        )
    casework.save_consent(  # withdrawn: no longer in effect, nothing to renew
        session,
        Consent(
            client_id=mine.id,
            purpose="contact",
            given=TODAY - timedelta(days=9),
            withdrawn=TODAY,
            expires=TODAY + timedelta(days=3),
        ),
    )
    casework.save_consent(  # ends later than the notice period
        session, Consent(client_id=mine.id, purpose="data_storage", given=TODAY, expires=TODAY + timedelta(days=90))
    )
    lead = privacy.expiring_consents(session, TODAY)
    assert sorted(e.client_name for e in lead) == ["Andere, Testa", "Meine, Testa"]
    assert {e.consent.purpose for e in lead} == {"statistics_export"}
    counsellor = session.store.users.by_name("anna")
    counsellor.role = "counsellor"
    own = privacy.expiring_consents(S(session.store, counsellor), TODAY)
    assert [e.client_name for e in own] == ["Meine, Testa"]


def test_consent_status_per_purpose_and_recipient() -> None:
    day = date(2026, 6, 1)
    consents = [
        Consent(client_id="c", purpose="data_storage", given=date(2025, 1, 1), expires=date(2026, 6, 20)),
        # A renewed consent replaces the one about to end.
        Consent(client_id="c", purpose="data_storage", given=date(2026, 5, 1), expires=date(2028, 5, 1)),
        Consent(client_id="c", purpose="sharing", recipient="Jobcenter", given=date(2025, 1, 1)),
        Consent(client_id="c", purpose="sharing", recipient="Schule", given=date(2025, 1, 1), expires=date(2026, 1, 1)),
        Consent(client_id="c", purpose="contact", given=date(2026, 7, 1)),
    ]
    found = [(s.purpose, s.recipient, s.state, s.day) for s in consent_status(consents, day)]
    assert found == [
        ("data_storage", "", "given", date(2028, 5, 1)),
        ("sharing", "Jobcenter", "given", None),
        ("sharing", "Schule", "expired", date(2026, 1, 1)),
        ("statistics_export", "", "missing", None),
        ("contact", "", "pending", date(2026, 7, 1)),
    ]
    only_old = consents[:1]
    assert consent_status(only_old, day)[0].state == "expiring"
