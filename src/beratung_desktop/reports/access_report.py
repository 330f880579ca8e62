"""The access report (Art. 15 GDPR): everything stored about a client, in German and their language.

It renders the same document the JSON file holds (services/access_export.py), section by section.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any

from babel.numbers import format_decimal
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..domain.catalogues import (
    APPOINTMENT_STATUSES,
    CLOSE_REASONS,
    CONSENT_PURPOSES,
    DEADLINE_KINDS,
    DEADLINE_STATUSES,
    DOCUMENT_TYPES,
    FORMS,
    GENDERS,
    GOAL_RESPONSIBLE,
    GOAL_STATUSES,
    REFERRAL_OUTCOMES,
    RESIDENCE_STATUSES,
    SERVICES,
    TOPICS,
)
from ..i18n import N_
from ..i18n.formatting import format_date
from .audit_detail import action_text, detail_text, record_text
from .bilingual import Bilingual
from .layout import Office, facts_table, grid, page_texts, render, styles
from .text_shaping import paragraph

INTRO = N_(
    "This is a copy of everything this counselling office stores about you (Art. 15 GDPR): your "
    "details, cases, consultations with notes, goals, appointments, consents, who looked at, changed, "
    "printed or exported your file, and which exports to the organisation carried your data. A file "
    "for computers with the same content comes with it."
)


def _day(value: str | None, language: str) -> str:
    if not value:
        return "–"
    if "T" in value:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is not None:  # the log's UTC stamps, read on the office's clock
            moment = moment.astimezone()
        return f"{format_date(moment.date(), 'short', language)} {moment:%H:%M}"
    return format_date(date.fromisoformat(value), "short", language)


def _section(story: list[Flowable], doc: Bilingual, st: dict, title: str, count: int) -> bool:
    story.append(paragraph(doc.both(title), st["h2"]))
    if not count:
        story.append(paragraph(doc.both(N_("Nothing stored.")), st["body"]))
    return bool(count)


def _client(d: dict[str, Any], doc: Bilingual, language: str) -> list[tuple[str, str]]:
    household = "; ".join(
        " ".join(p for p in (m.get("given_name", ""), m.get("family_name", ""), m.get("relation", "")) if p)
        for m in d.get("household", [])
    )
    rows = [
        (N_("Client number"), d["client_number"]),
        (N_("Given name"), d["given_name"]),
        (N_("Family name"), d["family_name"]),
        (N_("Name in original script"), f"{d['given_name_original']} {d['family_name_original']}".strip()),
        (
            N_("Date of birth"),
            _day(d.get("birth_date"), language) if d.get("birth_date") else str(d.get("birth_year") or "–"),
        ),
        (N_("Gender"), doc.both(GENDERS.label(d["gender"])) if d["gender"] in GENDERS else d["gender"]),
        (N_("Country of origin"), d.get("country_of_origin") or "–"),
        (N_("Nationality"), d.get("nationality") or "–"),
        (N_("Languages"), ", ".join(d.get("languages", [])) or "–"),
        (
            N_("Residence status"),
            doc.both(RESIDENCE_STATUSES.label(d["residence_status"]))
            if d["residence_status"] in RESIDENCE_STATUSES
            else d["residence_status"],
        ),
        (N_("Arrival"), _day(d.get("arrival_date"), language)),
        (N_("Household"), household or "–"),
        (N_("Phone"), d.get("phone") or "–"),
        (N_("Email"), d.get("email") or "–"),
        (N_("Address"), d.get("address") or "–"),
        (N_("Notes"), d.get("notes") or "–"),
        (N_("Recorded on"), _day(d.get("created_at"), language)),
    ]
    return [(doc.both(label), value) for label, value in rows]


MEDIA_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def _size(size: int, language: str) -> str:
    if size < 1024 * 1024:
        return f"{format_decimal(max(1, round(size / 1024)), locale=language)} KB"
    return f"{format_decimal(round(size / (1024 * 1024), 1), locale=language)} MB"


def _signed_form(form: dict[str, Any] | None, doc: Bilingual, st: dict, language: str) -> list[Flowable]:
    """Whether a signed form is stored: when it was attached, its type and size, and its copy's name."""
    if not form:
        return [paragraph(doc.both(N_("No signed form stored")), st["cell"])]
    facts = " · ".join(
        part
        for part in (
            _day(form.get("attached_at"), language) if form.get("attached_at") else "",
            MEDIA_NAMES.get(form["media_type"], form["media_type"]),
            _size(form["size"], language),
        )
        if part
    )
    return [paragraph(facts, st["cell"]), paragraph(form["copy_file"], st["cell"])]


def _both(doc: Bilingual, text: Callable[[Callable[[str], str]], str]) -> str:
    """A text made from several messages, in both languages ("geöffnet / فُتح"), once when they agree."""
    first = text(doc.tr)
    second = text(doc.tr2) if doc.two else first
    return first if second == first else f"{first} / {second}"


def _audit_record(e: dict[str, Any], doc: Bilingual) -> str:
    """The record an audit entry is about and its stored detail, read in the report's languages."""
    kind = _both(doc, partial(record_text, e["record_type"]))
    first = detail_text(e["action"], e["record_type"], e["detail"], doc.tr, doc.primary)
    second = detail_text(e["action"], e["record_type"], e["detail"], doc.tr2, doc.second) if doc.two else first
    detail = first if second == first else f"{first} / {second}"
    return ": ".join(part for part in (kind, detail) if part)


def render_access_report(document: dict[str, Any], office: Office, primary: str, client_language: str | None) -> bytes:
    doc = Bilingual.for_client(primary, client_language)
    st = styles()
    language = primary
    title = doc.both(N_("Copy of your stored data"))
    story: list[Flowable] = [paragraph(title, st["title"]), doc.block(INTRO, st["body"])]
    story.append(paragraph(doc.both(N_("Your details")), st["h2"]))
    story.append(facts_table(_client(document["client"], doc, language), st, col=55 * mm))

    if _section(story, doc, st, N_("Cases"), len(document["cases"])):
        head = [
            paragraph(doc.both(m), st["cell_bold"])
            for m in (N_("Service"), N_("Opened"), N_("Closed"), N_("Counsellor"))
        ]
        body = [
            [
                paragraph(doc.both(SERVICES.label(c["service"])), st["cell"]),
                paragraph(_day(c["opened"], language), st["cell"]),
                paragraph(
                    _day(c["closed"], language)
                    + (f" ({doc.both(CLOSE_REASONS.label(c['close_reason']))})" if c.get("close_reason") else ""),
                    st["cell"],
                ),
                paragraph(c.get("counsellor", ""), st["cell"]),
            ]
            for c in document["cases"]
        ]
        story.append(grid([head, *body], [55 * mm, 25 * mm, 50 * mm, 40 * mm]))

    if _section(story, doc, st, N_("Consultations"), len(document["consultations"])):
        head = [
            paragraph(doc.both(m), st["cell_bold"])
            for m in (N_("Date"), N_("Minutes"), N_("Form and topics"), N_("Notes"))
        ]
        body = [
            [
                paragraph(_day(c["start"], language), st["cell"]),
                paragraph(str(c["minutes"]), st["number"]),
                paragraph(
                    ", ".join([doc.tr(FORMS.label(c["form"])), *(doc.tr(TOPICS.label(t)) for t in c["topics"])]),
                    st["cell"],
                ),
                paragraph(c.get("notes") or "–", st["cell"]),
            ]
            for c in document["consultations"]
        ]
        story.append(grid([head, *body], [28 * mm, 16 * mm, 56 * mm, 70 * mm]))

    if _section(story, doc, st, N_("Goals"), len(document["agreement_goals"])):
        head = [
            paragraph(doc.both(m), st["cell_bold"]) for m in (N_("Goal and steps"), N_("Who"), N_("By"), N_("Status"))
        ]
        body = [
            [
                [paragraph(g["goal"], st["cell_bold"]), *(paragraph(f"–  {s}", st["cell"]) for s in g["steps"])],
                paragraph(doc.tr(GOAL_RESPONSIBLE.label(g["responsible"])), st["cell"]),
                paragraph(_day(g.get("due"), language), st["cell"]),
                paragraph(doc.tr(GOAL_STATUSES.label(g["status"])), st["cell"]),
            ]
            for g in document["agreement_goals"]
        ]
        story.append(grid([head, *body], [90 * mm, 30 * mm, 22 * mm, 28 * mm]))

    if _section(story, doc, st, N_("Appointments"), len(document["appointments"])):
        head = [paragraph(doc.both(m), st["cell_bold"]) for m in (N_("Date"), N_("Place"), N_("Status"), N_("Notes"))]
        body = [
            [
                paragraph(_day(a["start"], language), st["cell"]),
                paragraph(a.get("place") or "–", st["cell"]),
                paragraph(doc.tr(APPOINTMENT_STATUSES.label(a["status"])), st["cell"]),
                paragraph(a.get("notes") or "–", st["cell"]),
            ]
            for a in document["appointments"]
        ]
        story.append(grid([head, *body], [32 * mm, 50 * mm, 28 * mm, 60 * mm]))

    if _section(story, doc, st, N_("Consents"), len(document["consents"])):
        head = [
            paragraph(doc.both(m), st["cell_bold"])
            for m in (N_("Purpose"), N_("Given"), N_("Withdrawn"), N_("Expires"), N_("Signed form"))
        ]
        body = [
            [
                paragraph(
                    doc.both(CONSENT_PURPOSES.label(c["purpose"]))
                    + (f": {c['recipient']}" if c.get("recipient") else ""),
                    st["cell"],
                ),
                paragraph(_day(c["given"], language), st["cell"]),
                paragraph(_day(c.get("withdrawn"), language), st["cell"]),
                paragraph(_day(c.get("expires"), language), st["cell"]),
                _signed_form(c.get("signed_form"), doc, st, language),
            ]
            for c in document["consents"]
        ]
        story.append(grid([head, *body], [58 * mm, 22 * mm, 22 * mm, 22 * mm, 46 * mm]))

    if document["legal_holds"]:
        _section(story, doc, st, N_("Legal holds"), len(document["legal_holds"]))
        rows = [(_day(h.get("until"), language), h["reason"]) for h in document["legal_holds"]]
        story.append(facts_table(rows, st))

    if _section(story, doc, st, N_("Documents"), len(document["documents"])):
        head = [paragraph(doc.both(m), st["cell_bold"]) for m in (N_("Date"), N_("Type"), N_("Issued by"), N_("Copy"))]
        body = [
            [
                paragraph(_day(d.get("issued") or d["created_at"], language), st["cell"]),
                paragraph(doc.tr(DOCUMENT_TYPES.label(d["kind"])), st["cell"]),
                paragraph(d.get("issuer") or "–", st["cell"]),
                paragraph(d["copy_file"], st["cell"]),
            ]
            for d in document["documents"]
        ]
        story.append(grid([head, *body], [28 * mm, 40 * mm, 40 * mm, 62 * mm]))

    if _section(story, doc, st, N_("Deadlines"), len(document.get("deadlines", []))):
        head = [paragraph(doc.both(m), st["cell_bold"]) for m in (N_("Due"), N_("Deadline"), N_("Status"), N_("Note"))]
        body = [
            [
                paragraph(_day(d["due"], language), st["cell"]),
                paragraph(doc.tr(DEADLINE_KINDS.label(d["kind"])), st["cell"]),
                paragraph(doc.tr(DEADLINE_STATUSES.label(d["status"])), st["cell"]),
                paragraph(d.get("note") or "–", st["cell"]),
            ]
            for d in document["deadlines"]
        ]
        story.append(grid([head, *body], [28 * mm, 45 * mm, 25 * mm, 72 * mm]))

    if _section(story, doc, st, N_("Referrals"), len(document.get("referrals", []))):
        rows = [
            (_day(r["day"], language), f"{r.get('partner', '')} – {doc.tr(REFERRAL_OUTCOMES.label(r['outcome']))}")
            for r in document["referrals"]
        ]
        story.append(facts_table(rows, st))

    if _section(story, doc, st, N_("Group sessions attended"), len(document.get("group_sessions_attended", []))):
        rows = [(_day(s["day"], language), s["group"]) for s in document["group_sessions_attended"]]
        story.append(facts_table(rows, st))

    if _section(story, doc, st, N_("Exports to the organisation"), len(document["exports"])):
        rows = [(_day(e["created_at"], language), f"#{e['sequence']} {e['scope']}") for e in document["exports"]]
        story.append(facts_table(rows, st))

    if _section(story, doc, st, N_("Who viewed, changed, printed or exported your file"), len(document["audit"])):
        head = [paragraph(doc.both(m), st["cell_bold"]) for m in (N_("When"), N_("Who"), N_("What"), N_("Record"))]
        body = [
            [
                paragraph(_day(e["at"], language), st["cell"]),
                paragraph(e["user"], st["cell"]),
                paragraph(_both(doc, partial(action_text, e["action"])), st["cell"]),
                paragraph(_audit_record(e, doc), st["cell"]),
            ]
            for e in document["audit"]
        ]
        story.append(grid([head, *body], [32 * mm, 30 * mm, 25 * mm, 83 * mm]))
    return render(
        story, page_texts(doc.tr, doc.tr(N_("Copy of your stored data")), office, doc.tr2 if doc.two else None)
    )
