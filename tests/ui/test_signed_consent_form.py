"""The signed consent form: a scan stored inside the encrypted store beside its consent, viewed from
memory, saved out only on request, erased with the client."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from beratung_desktop.domain.consents import Consent
from beratung_desktop.services import casework, printing, privacy
from beratung_desktop.services.documents import TypeMismatch
from beratung_desktop.ui.clients.client_page import ClientPage
from beratung_desktop.ui.print_preview import PrintPreviewDialog
from beratung_desktop.ui.privacy.client_privacy import SignedFormView
from tests import factories
from tests.storage.plaintext_pages import occurrences
from tests.storage.raw_access import database_file

MARK = b"SignedFormMarkQz"


def _png(path, colour=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 60), colour).save(buffer, format="PNG")
    # A text chunk after the image data carries the marker, so the bytes can be searched for.
    data = buffer.getvalue()
    path.write_bytes(data[:-12] + b"\x00\x00\x00\x10tEXt" + MARK + b"\x00\x00\x00\x00" + data[-12:])
    return path


def _consent(session):
    client = factories.add_client(session)
    consent = casework.save_consent(
        session, Consent(client_id=client.id, purpose="data_storage", given=date(2024, 3, 1))
    )
    return client, consent


def test_attach_view_and_save_a_scanned_form(qtbot, session, tmp_path):
    client, consent = _consent(session)
    scan = _png(tmp_path / "unterschrift.png")
    page = ClientPage(session)
    qtbot.addWidget(page)
    page.show_client(client.id)
    assert page.consents.item(0, 5).text() == "no"
    assert page.privacy.attach_form(scan)
    assert page.consents.item(0, 5).text() == "yes"
    assert privacy.signed_forms(session, client.id) == {consent.id}

    view = page.privacy.show_form()
    assert isinstance(view, SignedFormView) and not view.image.isNull() and view.image.width() == 40
    out = tmp_path / "out"
    out.mkdir()
    saved = view.save_copy(out)
    assert saved.read_bytes() == scan.read_bytes() and saved.suffix == ".png"
    actions = [(e.action, e.detail.split(";")[0]) for e in session.store.audit.for_record(consent.id)]
    assert ("update", "signed form attached") in actions and ("view", "signed form") in actions
    assert any(a == "save_copy" for a, _d in actions)
    view.close()


def test_a_pdf_form_opens_in_the_preview(qtbot, session, tmp_path):
    client, consent = _consent(session)
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(printing.consent_form_pdf(session, client.id, "data_storage", consent_id=consent.id))
    page = ClientPage(session)
    qtbot.addWidget(page)
    page.show_client(client.id)
    assert page.privacy.attach_form(pdf)
    view = page.privacy.show_form()
    assert isinstance(view, PrintPreviewDialog) and view.page_count >= 1
    view.close()


def test_wrong_type_is_refused_and_nothing_is_stored(session, tmp_path):
    _client, consent = _consent(session)
    fake = tmp_path / "form.pdf"
    _png(fake)
    with pytest.raises(TypeMismatch):
        privacy.attach_signed_form(session, consent.id, fake)
    with pytest.raises(privacy.SignedFormMissing):
        privacy.open_signed_form(session, consent.id)


def test_the_form_is_encrypted_at_rest_and_erased_with_the_client(session, tmp_path):
    client, consent = _consent(session)
    privacy.attach_signed_form(session, consent.id, _png(tmp_path / "scan.png"))
    session.store.truncate_wal()
    path, key = database_file(session.store)
    assert MARK not in path.read_bytes()  # encrypted on disk
    assert occurrences(path, key, [MARK])[MARK] >= 1  # but there, in the decrypted pages
    privacy.erase_client(session, client.id, "client_request", client.display_name)
    assert occurrences(path, key, [MARK])[MARK] == 0
