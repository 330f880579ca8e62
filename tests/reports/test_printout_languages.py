"""The printouts handed to clients in every client language they are made in, German beside it.

Dari (recorded as "prs", catalogue fa_AF), Pashto, Kurmanji, Tigrinya, French and Turkish besides the
interface languages; each catalogue complete against translations/printouts.pot, which in turn holds
every text the three printouts ask for.
"""

from __future__ import annotations

import gettext
import io
from datetime import date, datetime
from typing import ClassVar

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from beratung_desktop.domain.agreements import AgreementGoal
from beratung_desktop.domain.catalogues import CONSENT_PURPOSES, FORMS, GOAL_RESPONSIBLE, GOAL_STATUSES, TOPICS
from beratung_desktop.domain.languages import is_language_code
from beratung_desktop.i18n import translation
from beratung_desktop.i18n.formatting import languages
from beratung_desktop.i18n.translation import (
    available_languages,
    catalogue_code,
    is_rtl,
    printout_languages,
    translations_dir,
    translator_for,
)
from beratung_desktop.reports import bilingual
from beratung_desktop.services import casework, printing
from tests import factories

# The client languages the printouts must be made in (issue: languages), as recorded for a client.
REQUIRED = {"prs": "fa_AF", "ps": "ps", "ku": "ku", "ti": "ti", "tr": "tr", "fr": "fr", "en": "en"}
TITLES = {
    "prs": "موافقت‌نامه حمایت",
    "ps": "د ملاتړ تړون",
    "ku": "Peymana piştgiriyê",
    "ti": "ስምምዕ ደገፍ",
    "tr": "Destek anlaşması",
    "fr": "Accord d'accompagnement",
    "en": "Support agreement",
}


def _template() -> set[str]:
    with (translations_dir() / "printouts.pot").open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


def _catalogue(code: str) -> dict[str, str]:
    name = "messages.po" if code in available_languages() else "printouts.po"
    with (translations_dir() / code / "LC_MESSAGES" / name).open("rb") as f:
        return {m.id: m.string for m in read_po(f, locale=code) if m.id}


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _fonts(pdf: bytes) -> set[str]:
    found = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            found.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return found


def test_every_required_language_has_a_printout_catalogue():
    assert {catalogue_code(code) for code in REQUIRED} <= set(printout_languages())
    # A printout-only catalogue is no interface language.
    assert not {"fa_AF", "ps", "ku", "ti", "fr"} & set(available_languages())


@pytest.mark.parametrize("code", [c for c in printout_languages() if c not in ("en", "de")])
def test_printout_catalogues_are_complete(code):
    translated = {k for k, v in _catalogue(code).items() if v}
    missing = sorted(_template() - translated)
    assert missing == [], (
        f"{len(missing)} printout texts missing in {code}, e.g. {missing[:3]}; run scripts/update_translations.py "
        "and translate them (translations/README.md)"
    )


def test_codes_of_client_languages_find_their_catalogue():
    assert catalogue_code("prs") == catalogue_code("fa-AF") == catalogue_code("fa_af") == "fa_AF"
    assert catalogue_code("kmr") == catalogue_code("ku") == "ku"
    assert catalogue_code("de_AT") == "de"
    assert is_rtl("prs") and is_rtl("fa-AF") and is_rtl("ps") and not is_rtl("ku") and not is_rtl("ti")
    for code, title in TITLES.items():
        assert translator_for(code).gettext("Support agreement") == title
    # Dari has only the printout texts; anything else comes from Persian, not English.
    assert translator_for("prs").gettext("Case summary") == translator_for("fa").gettext("Case summary")
    assert translator_for("prs").gettext("Client number") != translator_for("fa").gettext("Client number")


def test_the_client_language_field_offers_the_printout_languages():
    offered = dict(languages("de"))
    for code in REQUIRED:
        assert code in offered, code
    assert offered["prs"] == "Dari" and "Kurmancî" in offered["ku"]
    assert all(is_language_code(code) for code in offered), "the organisation accepts every code offered"


class Recording(gettext.NullTranslations):
    asked: ClassVar[set[str]] = set()

    def gettext(self, message: str) -> str:
        Recording.asked.add(message)
        return message


@pytest.fixture
def casefile(session):
    client = factories.add_client(
        session,
        given_name="Yonas",
        family_name="Tesfay",
        given_name_original="ዮናስ",
        family_name_original="ተስፋይ",
        languages=["ti"],
    )
    case = factories.add_case(session, client, opened=date(2024, 1, 10), case_management=True)
    consultation = factories.add_consultation(
        session,
        case,
        start=datetime(2024, 3, 5, 10),
        minutes=45,
        topics=[e.code for e in TOPICS],
        notes="Wohnungssuche besprochen.",
        interpreter_used=True,
    )
    for status, responsible in zip(GOAL_STATUSES.codes(), GOAL_RESPONSIBLE.codes(), strict=False):
        casework.save_goal(
            session,
            AgreementGoal(
                case_id=case.id,
                goal="Deutschkurs beginnen",
                steps=["Anmeldung"],
                status=status,
                responsible=responsible,
            ),
        )
    return client, case, consultation


def test_the_template_holds_every_text_the_printouts_ask_for(session, casefile, monkeypatch):
    client, case, consultation = casefile
    monkeypatch.setattr(bilingual, "translator_for", lambda _language: Recording())
    Recording.asked = set()
    for form in FORMS.codes():
        consultation.form = form
        session.store.consultations.update(consultation)
        consultation = session.store.consultations.require(consultation.id)
        printing.consultation_record_pdf(session, consultation.id)
    printing.agreement_pdf(session, case.id)
    for purpose in CONSENT_PURPOSES.codes():
        printing.consent_form_pdf(session, client.id, purpose, recipient="Jobcenter")
    assert len(Recording.asked) > 50
    assert sorted(Recording.asked - _template()) == []


@pytest.mark.parametrize("code", sorted(REQUIRED))
def test_each_printout_in_each_language_beside_german(session, casefile, code):
    client, case, consultation = casefile
    agreement = printing.agreement_pdf(session, case.id, client_language=code)
    consent = printing.consent_form_pdf(session, client.id, "data_storage", client_language=code)
    record = printing.consultation_record_pdf(session, consultation.id, client_language=code)
    for pdf in (agreement, consent, record):
        assert _text(pdf).count("Vertraulich") >= 1
    text = _text(agreement)
    assert "Fördervereinbarung" in text
    if code in ("ku", "ti", "tr", "fr", "en"):  # Latin and Ethiopic read back as typed
        assert TITLES[code] in text
    fonts = _fonts(agreement) | _fonts(consent) | _fonts(record)
    if code in ("prs", "ps"):
        assert {"NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold"} <= fonts
    if code == "ti":
        assert {"NotoSansEthiopic-Regular", "NotoSansEthiopic-Bold"} <= fonts
    entry = session.store.audit.recent(1)[0]
    assert entry.detail.endswith(f"de+{code}")


def test_the_client_s_first_language_is_the_default(session, casefile):
    _client, _case, consultation = casefile
    text = _text(printing.consultation_record_pdf(session, consultation.id))
    assert "Beratungsprotokoll" in text and "መዝገብ ምኽሪ" in text
    only_german = _text(printing.consultation_record_pdf(session, consultation.id, client_language=""))
    assert "መዝገብ ምኽሪ" not in only_german


def test_pashto_letters_are_joined_by_the_font(session, casefile):
    """ښ and ځ have no Unicode presentation forms: HarfBuzz picks the font's joined glyphs, which reportlab
    maps to private-use code points, so a joined Pashto word reads back with them."""
    _client, case, _consultation = casefile
    text = _text(printing.agreement_pdf(session, case.id, client_language="ps"))
    assert any("\ue000" <= ch <= "\uf8ff" for ch in text)


def test_compiled_printout_catalogues_load(tmp_path, monkeypatch):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale="ps")
    catalog.add("Support agreement", "د ملاتړ تړون")
    folder = tmp_path / "ps" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "printouts.mo").open("wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(translation, "translations_dir", lambda: tmp_path)
    translation.load_printouts.cache_clear()
    try:
        assert translation.printout_languages() == ["en", "ps"]
        assert translator_for("ps").gettext("Support agreement") == "د ملاتړ تړون"
    finally:
        translation.load_printouts.cache_clear()
