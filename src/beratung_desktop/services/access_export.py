"""The access export (Art. 15 GDPR): everything stored about one client, as a PDF and as JSON.

The JSON follows docs/access-export.schema.json; the PDF shows the same content in German and the
client's language; a copy of every stored document and signed consent form goes beside them. All files are written under
temporary names and renamed together, and the export is written to the audit log.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..config import Settings
from ..domain.audit import AuditEntry
from ..domain.consents import Consent
from ..domain.documents import SAVED_EXTENSION, Document
from ..domain.record import utc_now
from ..errors import N_, AppError
from ..exchange.records import record_to_dict
from ..storage.atomic_file import atomic_writer, fsync_dir
from .documents import copy_name
from .printing import OFFICE_LANGUAGE, office
from .session import Session

FORMAT = "beratung-desktop/access-export/1"


class AccessExportFolderMissing(AppError):
    message = N_("The folder {path} does not exist. Choose another folder for the copy of the data.")


@dataclass(frozen=True)
class AccessExportResult:
    pdf: Path
    json: Path
    records: int
    document_copies: list[Path] = field(default_factory=list)


def _users(session: Session) -> dict[str, str]:
    return {u.id: u.label for u in session.store.users.all(include_deleted=True)}


def collect(session: Session, client_id: str) -> dict[str, Any]:
    """The document: every stored record of the client, who worked on it, and the exports since."""
    store = session.store
    client = store.clients.require(client_id)
    cases = store.cases.for_client(client_id)
    consultations = store.consultations.for_client(client_id)
    goals = [g for case in cases for g in store.goals.for_case(case.id)]
    appointments = store.appointments.for_client(client_id)
    consents = store.consents.for_client(client_id)
    holds = store.legal_holds.for_client(client_id)
    documents = store.documents.for_client(client_id)
    deadlines = store.deadlines.for_client(client_id)
    referrals = store.referrals.for_client(client_id)
    memberships = store.group_members.of_client(client_id)
    attended = store.group_sessions.attended_by(client_id)
    groups = {g.id: g.title for g in store.groups.all(include_deleted=True)}
    partners = {p.id: p.name for p in store.partners.all(include_deleted=True)}
    records = [
        client,
        *cases,
        *consultations,
        *goals,
        *appointments,
        *consents,
        *holds,
        *documents,
        *deadlines,
        *referrals,
        *memberships,
    ]
    users = _users(session)
    changed = sorted(r.updated_at.isoformat() for r in records)
    exports = [
        {"sequence": e.sequence, "created_at": e.created_at, "scope": e.scope, "file_name": e.file_name}
        for e in store.exports()
        # A package carries the records changed in its period: it carried this client's data when any
        # of their records was changed before the package was made and after the export before it.
        if any((e.period_from or "") < stamp <= e.period_to for stamp in changed)
    ]
    audit = store.audit.for_records([r.id for r in records])
    forms = store.consents.signed_form_facts(client_id)
    attached = _signed_form_attached(audit)
    return {
        "format": FORMAT,
        "generated_at": utc_now().isoformat(),
        "office": store.meta("office_name"),
        "client": record_to_dict(client),
        "cases": [{**record_to_dict(c), "counsellor": users.get(c.counsellor_id, "")} for c in cases],
        "consultations": [
            {**record_to_dict(c), "counsellor": users.get(c.counsellor_id, "")}
            for c in sorted(consultations, key=lambda c: c.start)
        ],
        "agreement_goals": [record_to_dict(g) for g in goals],
        "appointments": [record_to_dict(a) for a in appointments],
        # A stored signed form is described (when attached, type, size) and its copy goes beside the PDF.
        "consents": [
            {
                **record_to_dict(c),
                "signed_form": _signed_form(client.client_number, number, c, forms[c.id], attached.get(c.id))
                if c.id in forms
                else None,
            }
            for number, c in enumerate(consents, start=1)
        ],
        "legal_holds": [record_to_dict(h) for h in holds],
        # Each document's copy goes beside the PDF and the JSON under the name given here.
        "documents": [
            {**record_to_dict(d), "copy_file": _copy_file(client.client_number, number, d)}
            for number, d in enumerate(documents, start=1)
        ],
        "deadlines": [record_to_dict(d) for d in deadlines],
        "referrals": [{**record_to_dict(r), "partner": partners.get(r.partner_id, "")} for r in referrals],
        "group_memberships": [{**record_to_dict(m), "group": groups.get(m.group_id, "")} for m in memberships],
        # Sessions list who attended; the copy shows only that this client did (not the others).
        "group_sessions_attended": [
            {"group": groups.get(s.group_id, ""), "day": s.day.isoformat(), "minutes": s.minutes} for s in attended
        ],
        "exports": exports,
        "audit": [
            {
                "at": e.at.isoformat(),
                "user": e.user,
                "action": e.action,
                "record_type": e.record_type,
                "record_id": e.record_id,
                "detail": e.detail,
            }
            for e in audit
        ],
    }


def _signed_form_attached(audit: list[AuditEntry]) -> dict[str, str]:
    """When each consent's signed form was last attached, from the audit entry written with it."""
    attached: dict[str, str] = {}
    for e in audit:
        if e.action == "update" and e.record_type == "consent" and e.detail.startswith("signed form attached"):
            attached[e.record_id] = max(attached.get(e.record_id, ""), e.at.isoformat())
    return attached


def _signed_form(
    client_number: str, number: int, consent: Consent, facts: tuple[str, int], attached_at: str | None
) -> dict[str, Any]:
    media_type, size = facts
    safe = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in client_number)
    ending = SAVED_EXTENSION.get(media_type, ".bin")
    return {
        "attached_at": attached_at,
        "media_type": media_type,
        "size": size,
        "copy_file": f"auskunft-{safe}-einwilligung-{number:03d}-{consent.purpose}-{consent.given.isoformat()}{ending}",
    }


def _copy_file(client_number: str, number: int, document: Document) -> str:
    safe = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in client_number)
    return f"auskunft-{safe}-dokument-{number:03d}-{copy_name(document)}"


def _file_stem(client_number: str, day: date) -> str:
    safe = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in client_number)
    return f"auskunft-{safe}-{day.isoformat()}"


def write_access_export(
    session: Session,
    client_id: str,
    folder: Path,
    *,
    client_language: str | None = None,
    settings: Settings | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AccessExportResult:
    """Writes the PDF and the JSON into `folder`: both appear together or neither does.

    `progress(step, 3)` reports reading, rendering and writing (the GUI runs this in a worker)."""
    from ..reports.access_report import render_access_report

    step = progress or (lambda done, total: None)

    folder = Path(folder)
    if not folder.is_dir():
        raise AccessExportFolderMissing(path=str(folder))
    today = today or date.today()
    with session.store.transaction():
        languages = session.store.clients.require(client_id).languages
        language = client_language if client_language is not None else (languages[0] if languages else None)
        # Audited first, so the copy itself lists this export among the entries of who saw the file.
        session.audit("access_export", "client", client_id, f"pdf+json, {OFFICE_LANGUAGE}+{language or '-'}")
        step(0, 3)
        document = collect(session, client_id)
        step(1, 3)
        pdf = render_access_report(document, office(session, settings), OFFICE_LANGUAGE, language)
        data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        stem = _file_stem(document["client"]["client_number"], today)
        targets = {folder / f"{stem}.pdf": pdf, folder / f"{stem}.json": data}
        for entry in document["documents"]:
            content = session.store.documents.content(entry["id"])
            if content is not None:
                targets[folder / entry["copy_file"]] = content
        for consent in document["consents"]:
            form = session.store.consents.signed_form(consent["id"]) if consent["signed_form"] else None
            if form is not None:
                targets[folder / consent["signed_form"]["copy_file"]] = form[0]
        staged = {path: path.with_name(f".{path.name}.part") for path in targets}
        published: list[Path] = []
        step(2, 3)
        try:
            for path, content in targets.items():
                with atomic_writer(staged[path]) as f:
                    f.write(content)
            for path, temporary in staged.items():
                os.replace(temporary, path)
                published.append(path)
            fsync_dir(folder)
        except BaseException:
            for path in [*staged.values(), *published]:
                path.unlink(missing_ok=True)
            raise
    step(3, 3)
    kinds = ("cases", "consultations", "agreement_goals", "appointments", "consents", "documents", "deadlines")
    records = sum(len(document[k]) for k in kinds)
    copies = [folder / entry["copy_file"] for entry in document["documents"]]
    copies += [folder / c["signed_form"]["copy_file"] for c in document["consents"] if c["signed_form"]]
    return AccessExportResult(folder / f"{stem}.pdf", folder / f"{stem}.json", records + 1, copies)
