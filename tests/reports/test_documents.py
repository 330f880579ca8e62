"""Each document rendered from a real store to PDF, its text read back with pypdf."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from beratung_desktop.domain.agreements import AgreementGoal
from beratung_desktop.domain.clients import HouseholdMember
from beratung_desktop.domain.consents import Consent
from beratung_desktop.domain.statistics import Period, Selection
from beratung_desktop.reports.text_shaping import visual
from beratung_desktop.services import casework, printing
from beratung_desktop.services.session import PermissionDenied, Session
from tests import factories


def _text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def casefile(session: Session):
    client = factories.add_client(
        session,
        given_name="Amal",
        family_name="Haddad",
        given_name_original="أمل",
        family_name_original="حداد",
        household=[HouseholdMember(given_name="Rami")],
    )
    case = factories.add_case(session, client, opened=date(2024, 1, 10), case_management=True)
    consultation = factories.add_consultation(
        session,
        case,
        start=datetime(2024, 3, 31, 23, 30),
        minutes=50,
        topics=["housing", "health"],
        notes="Wohnungssuche besprochen.",
    )
    casework.save_goal(
        session,
        AgreementGoal(
            case_id=case.id, goal="Deutschkurs B1 beginnen", steps=["Anmeldung bei der VHS"], due=date(2024, 5, 1)
        ),
    )
    casework.save_goal(
        session,
        AgreementGoal(
            case_id=case.id, goal="العثور على شقة أكبر", steps=["التسجيل في مكتب الإسكان"], responsible="client"
        ),
    )
    return client, case, consultation


def _audited(session: Session, action: str) -> list:
    return [e for e in session.store.audit.recent(50) if e.action == action]


def test_consultation_record(session, casefile):
    _client, _case, consultation = casefile
    pdf = printing.consultation_record_pdf(session, consultation.id, language="en")
    text = _text(pdf)
    for expected in (
        "Consultation record",
        "Amal Haddad",
        "50 minutes",
        "Housing",
        "Health",
        "Wohnungssuche besprochen.",
        "Beratungsstelle Test",
        "Confidential",
        "Page 1 of 1",
    ):
        assert expected in text
    assert "2024" in text and "Mar 31" in text  # last day of the month, late evening
    assert _audited(session, "print")[0].record_id == consultation.id
    without_notes = _text(printing.consultation_record_pdf(session, consultation.id, "en", include_notes=False))
    assert "Wohnungssuche" not in without_notes


def test_case_summary(session, casefile):
    _client, case, _consultation = casefile
    text = _text(printing.case_summary_pdf(session, case.id, language="en"))
    for expected in (
        "Case summary",
        "Migration counselling for adults (MBE)",
        "Deutschkurs B1 beginnen",
        "1 consultations, 50 minutes in total",
        "Anmeldung bei der VHS",
        "open",
    ):
        assert expected in text


def test_agreement_german_and_arabic(session, casefile, catalogues):
    _client, case, _consultation = casefile
    pdf = printing.agreement_pdf(session, case.id, client_language="ar")
    text = _text(pdf)
    for expected in (
        "Fördervereinbarung",
        "Ziele",
        "Deutschkurs B1 beginnen",
        "Ort, Datum",
        "Berater*in",
        "Seite 1 von 1",
        "Vertraulich",
    ):
        assert expected in text
    # Arabic arrives as joined presentation forms (shaped), e.g. the title and the goal typed in Arabic.
    assert "\ufe8d" in text or "\ufe8e" in text  # alef isolated / final forms
    assert any("\ufb50" <= ch <= "\ufeff" for ch in text)
    entry = _audited(session, "print")[0]
    assert entry.record_id == case.id and "de+ar" in entry.detail


def test_agreement_other_scripts_render(session, casefile, catalogues):
    _client, case, _consultation = casefile
    for language in ("ru", "ti", "fa", "uk", "am"):
        pdf = printing.agreement_pdf(session, case.id, client_language=language)
        assert _pages(pdf) >= 1 and "Fördervereinbarung" in _text(pdf)


def test_agreement_in_the_office_language_only(session, casefile, catalogues):
    _client, case, _consultation = casefile
    text = _text(printing.agreement_pdf(session, case.id, client_language="de"))
    assert "Fördervereinbarung" in text and "Fördervereinbarung /" not in text
    # A language without a catalogue falls back to English beside the German.
    assert "Fördervereinbarung / Support agreement" in _text(printing.agreement_pdf(session, case.id, "so"))


@pytest.mark.parametrize("purpose", ["data_storage", "sharing", "statistics_export"])
def test_consent_forms(session, casefile, catalogues, purpose):
    client, _case, _consultation = casefile
    pdf = printing.consent_form_pdf(
        session, client.id, purpose, recipient="Ausländerbehörde Musterstadt", client_language="ar"
    )
    text = _text(pdf)
    assert "Einwilligung in die Datenverarbeitung" in text
    assert "jederzeit ohne Angabe von Gründen" in " ".join(text.split())  # withdrawal notice, German
    assert any("\ufe70" <= ch <= "\ufeff" for ch in text)  # and shaped Arabic beside it
    if purpose == "sharing":
        assert "Ausländerbehörde Musterstadt" in text


def test_consent_form_of_a_recorded_consent(session, casefile, catalogues):
    client, _case, _consultation = casefile
    consent = casework.save_consent(
        session,
        Consent(client_id=client.id, purpose="statistics_export", given=date(2024, 3, 5), expires=date(2026, 3, 5)),
    )
    text = _text(printing.consent_form_pdf(session, client.id, "", consent_id=consent.id))
    assert "Pseudonymised statistics for the funder" in text  # purpose (no German in the sample)
    assert "05.03.2024" in text and "05.03.2026" in text  # given and valid until, German format


def test_monthly_summary_structure(session, casefile):
    pdf = printing.monthly_summary_pdf(session, Period.month(2024, 3), language="en", today=date(2024, 4, 2))
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    assert 2 <= total <= 6
    first = reader.pages[0].extract_text()
    assert "Monthly summary" in first and "Key figures" in first
    assert f"Page 1 of {total}" in first
    text = _text(pdf)
    for section in (
        "Consultations by form",
        "Topics (a consultation can have several)",
        "Country of origin",
        "Age at the first contact in the period",
        "Gender",
        "Time since arrival",
    ):
        assert section in text
    assert _audited(session, "print")[0].record_id == "2024-03"


def test_summary_needs_team_lead(session, casefile):
    from beratung_desktop.services import accounts
    from beratung_desktop.storage.keyslots import TEST_KDF
    from tests.conftest import PASSWORD

    accounts.add_user(session, "carla", "counsellor", PASSWORD, kdf=TEST_KDF)
    counsellor = Session(session.store, session.store.users.by_name("carla"))
    with pytest.raises(PermissionDenied):
        printing.monthly_summary_pdf(counsellor, Period.month(2024, 3))


def test_figures_csv_and_xlsx(session, casefile):
    period = Period.month(2024, 3)
    csv_text = printing.figures_file(session, period, "csv").decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0] == "Bereich;Merkmal;Code;Wert;Vorperiode;Veränderung"
    assert "clients.counselled;1;0;1" in csv_text
    assert "clients.household_members;1;0;1" in csv_text
    book = load_workbook(io.BytesIO(printing.figures_file(session, period, "xlsx", language="en")))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert ("Section", "Item", "Code", "Value", "Previous period", "Change") in rows
    codes = {row[2]: row[3] for row in rows if row and row[2]}
    assert codes["consultations.minutes_total"] == 50 and codes["topics.housing"] == 1
    assert [e.action for e in session.store.audit.recent(2)] == ["export", "export"]


def test_selection_by_service(session, casefile):
    period = Period.month(2024, 3)
    csv_text = printing.figures_file(session, period, "csv", Selection(services=frozenset({"jmd"})))
    assert "clients.counselled;0;0;0" in csv_text.decode("utf-8-sig")


def test_visual_order_of_arabic():
    shown = visual("2. العثور", rtl=True)
    assert shown.endswith(".2") and shown.startswith("\ufead")  # the last letter (ra) is drawn first


def test_long_arabic_notes_flow_over_pages(session, casefile):
    _client, case, _consultation = casefile
    notes = " ".join(["تمت مناقشة البحث عن سكن وتقديم الطلبات اللازمة إلى مكتب العمل."] * 220)
    long_one = factories.add_consultation(session, case, start=datetime(2024, 3, 6, 9), notes=notes)
    pdf = printing.consultation_record_pdf(session, long_one.id, "en")
    assert _pages(pdf) >= 2
    assert "Page 2 of" in _text(pdf)


def test_direction_of_free_text():
    from beratung_desktop.reports.text_shaping import reads_rtl

    assert reads_rtl("العثور على شقة")
    assert reads_rtl("2. العثور على شقة")
    assert not reads_rtl("Termin mit أمل حداد vereinbart")
    assert not reads_rtl("12345")


def test_no_catalogues_print_one_language(session, casefile, tmp_path, monkeypatch):
    from beratung_desktop.i18n import translation

    monkeypatch.setattr(translation, "translations_dir", lambda: tmp_path)
    translation.load_catalogue.cache_clear()
    _client, case, _consultation = casefile
    text = _text(printing.agreement_pdf(session, case.id, client_language="ar"))
    translation.load_catalogue.cache_clear()
    assert "Support agreement" in text and "Support agreement /" not in text


def _png(width: int = 4, height: int = 2) -> bytes:
    """A tiny valid PNG (blue pixels), written by hand to keep the tests free of image libraries."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x2f\x5d\x8a" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_office_name_and_logo_from_settings(session, casefile, tmp_path):
    from beratung_desktop.config import Settings

    _client, _case, consultation = casefile
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    settings = Settings(office_name="Migrationsberatung Musterstadt", office_logo_file=str(logo))
    pdf = printing.consultation_record_pdf(session, consultation.id, "en", settings=settings)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    images = [o for o in page["/Resources"]["/XObject"].values() if o.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1
    assert "Migrationsberatung Musterstadt" in page.extract_text()
    # A damaged or missing logo does not stop printing.
    logo.write_bytes(b"not an image")
    assert _pages(printing.consultation_record_pdf(session, consultation.id, "en", settings=settings)) == 1
    logo.unlink()
    assert _pages(printing.consultation_record_pdf(session, consultation.id, "en", settings=settings)) == 1


def test_the_saved_logo_setting_reaches_documents_printed_without_settings(session, casefile, tmp_path):
    # The window and the CLI call the printing services without settings: the saved ones apply.
    from beratung_desktop.config import SettingsStore

    _client, case, consultation = casefile
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    store = SettingsStore.default()
    settings = store.load()
    settings.office_logo_file = str(logo)
    store.save(settings)
    for pdf in (
        printing.consultation_record_pdf(session, consultation.id, "en"),
        printing.agreement_pdf(session, case.id),
    ):
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        images = [o for o in page["/Resources"]["/XObject"].values() if o.get_object()["/Subtype"] == "/Image"]
        assert len(images) == 1
