"""The access export (Art. 15): a PDF in German + the client's language and JSON valid by the schema."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from beratung_desktop.services import access_export, casework, demo, printing
from beratung_desktop.services.session import Session
from beratung_desktop.storage.atomic_file import WriteFailed
from beratung_desktop.storage.keyslots import TEST_KDF

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "access-export.schema.json").read_text("utf-8"))


def _arabic_demo_client(session: Session):
    demo.generate(session, 60, seed=7, today=date(2026, 3, 15), kdf=TEST_KDF)
    clients = [c for c in session.store.clients.all() if c.languages[:1] == ["ar"] and c.given_name_original]
    return max(clients, key=lambda c: len(session.store.consultations.for_client(c.id)))


def test_access_export_of_a_demo_client(demo_session: Session, tmp_path: Path) -> None:
    client = _arabic_demo_client(demo_session)
    casework.open_client(demo_session, client.id)  # a view the export must list
    printing_folder = tmp_path / "out"
    printing_folder.mkdir()
    result = access_export.write_access_export(demo_session, client.id, printing_folder, today=date(2026, 3, 16))

    assert sorted(p.name for p in printing_folder.iterdir()) == sorted([result.pdf.name, result.json.name])
    assert result.pdf.read_bytes().startswith(b"%PDF-")
    document = json.loads(result.json.read_text("utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert document["client"]["family_name"] == client.family_name
    assert len(document["consultations"]) == len(demo_session.store.consultations.for_client(client.id))
    assert any(e["action"] == "view" for e in document["audit"])
    last = demo_session.store.audit.recent(1)[0]
    assert (last.action, last.record_id) == ("access_export", client.id)
    if os.environ.get("ACCESS_EXPORT_SAMPLE"):
        Path(os.environ["ACCESS_EXPORT_SAMPLE"]).write_bytes(result.pdf.read_bytes())


def test_a_failed_write_leaves_neither_file_nor_audit_entry(session: Session, tmp_path: Path, monkeypatch) -> None:
    from tests.factories import add_client

    client = add_client(session)
    before = len(session.store.audit.recent(10_000))
    real = os.replace
    calls = []

    def second_fails(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises((OSError, WriteFailed)):
        access_export.write_access_export(session, client.id, tmp_path)
    assert list(tmp_path.glob("auskunft-*")) == [] and list(tmp_path.glob(".auskunft-*")) == []
    assert len(session.store.audit.recent(10_000)) == before


def test_missing_folder_is_a_clear_refusal(session: Session, tmp_path: Path) -> None:
    from tests.factories import add_client

    with pytest.raises(access_export.AccessExportFolderMissing):
        access_export.write_access_export(session, add_client(session).id, tmp_path / "nope")
    assert printing.OFFICE_LANGUAGE == "de"


def test_the_access_export_lists_documents_and_deadlines_and_copies_the_documents(
    session: Session, tmp_path: Path
) -> None:
    from beratung_desktop.services import deadlines, documents
    from beratung_desktop.services.documents import DocumentDetails
    from tests.document_samples import LIMIT, jpeg, pdf
    from tests.factories import add_client

    client = add_client(session, client_number="2026-0042")
    letter = documents.add_document(
        session, client.id, "bescheid.pdf", pdf(), DocumentDetails(kind="decision", issuer="BAMF"), limit=LIMIT
    )
    scan = documents.add_document(
        session, client.id, "karte.jpg", jpeg(), DocumentDetails(kind="identity"), limit=LIMIT
    )
    deadlines.set_deadline(session, client.id, "appeal", date(2026, 4, 1), "Klage VG", document_id=letter.id)
    folder = tmp_path / "out"
    folder.mkdir()
    result = access_export.write_access_export(session, client.id, folder, today=date(2026, 3, 16))

    document = json.loads(result.json.read_text("utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert {d["id"] for d in document["documents"]} == {letter.id, scan.id}
    assert document["deadlines"][0]["note"] == "Klage VG"
    copies = {d["id"]: folder / d["copy_file"] for d in document["documents"]}
    assert copies[letter.id].read_bytes() == pdf() and copies[scan.id].read_bytes() == jpeg()
    assert sorted(result.document_copies) == sorted(copies.values())
    assert len(list(folder.iterdir())) == 4
    # The PDF of the export names the documents.
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(result.pdf).pages)
    assert "BAMF" in text and "dokument-001" in text


def test_the_access_export_says_which_consents_have_a_signed_form_and_copies_it(
    session: Session, tmp_path: Path
) -> None:
    from beratung_desktop.domain.consents import Consent
    from beratung_desktop.services import privacy
    from tests.document_samples import pdf
    from tests.factories import add_client

    client = add_client(session, client_number="2026-0077")
    signed = casework.save_consent(
        session, Consent(client_id=client.id, purpose="data_storage", given=date(2026, 2, 3))
    )
    casework.save_consent(session, Consent(client_id=client.id, purpose="statistics_export", given=date(2026, 2, 3)))
    scan = tmp_path / "unterschrift.pdf"
    scan.write_bytes(pdf())
    privacy.attach_signed_form(session, signed.id, scan)
    attached = session.store.audit.recent(1)[0]
    folder = tmp_path / "out"
    folder.mkdir()
    result = access_export.write_access_export(session, client.id, folder, today=date(2026, 3, 16))

    document = json.loads(result.json.read_text("utf-8"))
    jsonschema.validate(document, SCHEMA)
    forms = {c["purpose"]: c["signed_form"] for c in document["consents"]}
    assert forms["statistics_export"] is None
    form = forms["data_storage"]
    assert (form["media_type"], form["size"]) == ("application/pdf", len(pdf()))
    assert form["attached_at"] == attached.at.isoformat()
    copy = folder / form["copy_file"]
    assert copy.read_bytes() == pdf() and copy in result.document_copies
    assert form["copy_file"].startswith("auskunft-2026-0077-einwilligung-") and copy.suffix == ".pdf"
    assert sorted(p.name for p in folder.iterdir()) == sorted([result.pdf.name, result.json.name, copy.name])
    # A schema without the field, or a form the schema does not describe, fails validation.
    broken = json.loads(json.dumps(document))
    broken["consents"][0]["signed_form"] = {"media_type": "text/plain"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(result.pdf).pages)
    assert form["copy_file"] in text.replace("\n", "")
    assert "PDF ·" in text and "KB" in text
    # The audit entries of the file read in the report's language, not as the log stores them.
    flat = " ".join(text.split())
    assert "signed form attached;" not in flat
    assert "unterschriebenes Formular angehängt (application/pdf)" in flat and "geändert" in flat
