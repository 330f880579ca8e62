"""The audit log's details as people read them, in the reader's language.

Each entry keeps a short technical detail in English (changed field names, a printout and its languages, a
catalogue code). The log is hash-chained, so that text is never rewritten: it is translated only when it
is shown, in the audit viewer (the interface's language) and in the access export's PDF (its languages).
A detail of an unknown form is shown as stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ..domain.catalogues import (
    CONSENT_PURPOSES,
    DEADLINE_KINDS,
    DOCUMENT_TYPES,
    ERASURE_REASONS,
    ROLES,
    SERVICES,
    Catalogue,
)
from ..i18n import N_, _
from ..i18n.formatting import format_date, language_name, left_to_right

Translate = Callable[[str], str]

ACTION_LABELS = {
    "login": N_("signed in"),
    "view": N_("opened"),
    "create": N_("created"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "print": N_("printed"),
    "export": N_("exported"),
    "import": N_("imported"),
    "backup": N_("backed up"),
    "restore": N_("restored"),
    "password": N_("password"),
    "user": N_("user account"),
    "erase": N_("erased"),
    "hold": N_("legal hold"),
    "access_export": N_("access export"),
    "demo_data": N_("demo data"),
    "enroll": N_("enrolled"),
    "organisation": N_("organisation"),
    "receipt": N_("receipt"),
    "save_copy": N_("saved a copy"),
}
RECORD_LABELS = {
    "client": N_("client"),
    "case": N_("case"),
    "consultation": N_("consultation"),
    "goal": N_("agreement goal"),
    "consent": N_("consent"),
    "appointment": N_("appointment"),
    "activity": N_("activity"),
    "partner": N_("network partner"),
    "user": N_("user"),
    "summary": N_("summary"),
    "settings": N_("settings"),
    "audit_log": N_("audit log"),
    "document": N_("document"),
    "deadline": N_("deadline"),
    "referral": N_("referral"),
    "group": N_("group"),
    "group_member": N_("group membership"),
    "group_session": N_("group session"),
    "interpreter": N_("interpreter"),
    "short_contact": N_("short contact"),
}

# Record fields named in an "update" entry, by the labels the forms show (English msgids).
FIELD_LABELS = {
    "address": N_("Address"),
    "arrival_date": N_("Arrival"),
    "birth_date": N_("Date of birth"),
    "birth_year": N_("Year of birth"),
    "case_management": N_("Case management"),
    "client_id": N_("Client"),
    "client_number": N_("Client number"),
    "close_reason": N_("Close reason"),
    "closed": N_("Closed"),
    "contact": N_("Contact"),
    "contact_person": N_("Contact person"),
    "counsellor_id": N_("Counsellor"),
    "country_of_origin": N_("Country of origin"),
    "day": N_("Date"),
    "due": N_("Due"),
    "email": N_("Email"),
    "end": N_("End"),
    "expires": N_("Expires"),
    "family_name": N_("Family name"),
    "family_name_original": N_("Name in original script"),
    "form": N_("Form"),
    "gender": N_("Gender"),
    "given": N_("Given"),
    "given_name": N_("Given name"),
    "given_name_original": N_("Name in original script"),
    "goal": N_("Goal"),
    "group_id": N_("Group"),
    "group_name": N_("Group"),
    "household": N_("Household"),
    "interpreter_id": N_("Interpreter"),
    "interpreter_language": N_("Language interpreted"),
    "interpreter_needed": N_("Interpreter needed"),
    "interpreter_used": N_("Interpreter used"),
    "issuer": N_("Issued by"),
    "joined": N_("Joined"),
    "kind": N_("Kind"),
    "language": N_("Language"),
    "languages": N_("Languages"),
    "minutes": N_("Minutes"),
    "name": N_("Name"),
    "nationality": N_("Nationality"),
    "note": N_("Note"),
    "notes": N_("Notes"),
    "opened": N_("Opened"),
    "outcome": N_("Outcome"),
    "outreach": N_("Outreach"),
    "outside_target_group": N_("Target group"),
    "participants": N_("Participants"),
    "partner_id": N_("Partner"),
    "phone": N_("Phone number"),
    "place": N_("Place"),
    "present": N_("Attended"),
    "purpose": N_("Purpose"),
    "reason": N_("Reason"),
    "recipient": N_("Recipient"),
    "referral_partner_id": N_("Referred to"),
    "residence_status": N_("Residence status"),
    "responsible": N_("Responsible"),
    "reviewed": N_("Reviewed"),
    "role": N_("Role"),
    "service": N_("Service"),
    "size": N_("Size"),
    "start": N_("Start"),
    "start_time": N_("Time"),
    "status": N_("Status"),
    "steps": N_("Steps"),
    "support_needs": N_("Special support needs"),
    "title": N_("Title"),
    "topics": N_("Topics"),
    "until": N_("Until"),
    "withdrawn": N_("Withdrawn"),
}

# Whole details that are a fixed phrase.
PHRASES = {
    "whole log": N_("the whole log"),
    "own clients": N_("the entries about their own clients"),
    "signed form": N_("signed form"),
    "lifted": N_("lifted"),
    "resumed after lock": N_("resumed after the screen was locked"),
    "chosen by the user": N_("chosen by the user"),
    "reset by a team lead": N_("reset by a team lead"),
    "recovered with recovery key": N_("set anew with the recovery key"),
    "store created": N_("data store created"),
    "removed": N_("removed"),
    "archived": N_("archived"),
    "restored": N_("restored"),
    "merged": N_("merged with a duplicate"),
    "partner merged": N_("partner merged"),
    "converted": N_("turned into a client file"),
    "done": N_("Completed"),
    "dropped": N_("No longer needed"),
}

# Details that are one catalogue code, by the record they were written for.
CODES: dict[tuple[str, str], Catalogue] = {
    ("create", "case"): SERVICES,
    ("create", "consent"): CONSENT_PURPOSES,
    ("update", "consent"): CONSENT_PURPOSES,
    ("create", "deadline"): DEADLINE_KINDS,
}

FIELD_LIST = re.compile(r"[a-z_]+(,[a-z_]+)*")


def _languages(pair: str, language: str | None) -> str:
    """ "de+ar" as "German + Arabic"; "-" (no client language) is left out."""
    return " + ".join(language_name(code, language) for code in re.split(r"[+,]\s*", pair) if code and code != "-")


def _day(iso: str, language: str | None) -> str:
    """A date in `language`; on screen (no language given) kept in order inside right-to-left text."""
    try:
        day = format_date(date.fromisoformat(iso), language=language)
    except ValueError:
        return iso
    return left_to_right(day) if language is None else day


def _labelled(catalogue: Catalogue, code: str, tr: Translate) -> str:
    return tr(catalogue.label(code)) if code in catalogue else code


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Translate, str | None], str]]
RULES: list[Rule] = [
    (
        re.compile(r"placed until (\S+)"),
        lambda m, tr, lang: (
            tr(N_("placed until {date}")).format(date=_day(m[1], lang))
            if m[1] != "-"
            else tr(N_("placed without an end date"))
        ),
    ),
    (
        re.compile(r"reason=(\w+)"),
        lambda m, tr, lang: tr(N_("reason: {reason}")).format(reason=_labelled(ERASURE_REASONS, m[1], tr)),
    ),
    (
        re.compile(r"added with role (\w+)"),
        lambda m, tr, lang: tr(N_("added as {role}")).format(role=_labelled(ROLES, m[1], tr)),
    ),
    (
        re.compile(r"added again with role (\w+)"),
        lambda m, tr, lang: tr(N_("added again as {role}")).format(role=_labelled(ROLES, m[1], tr)),
    ),
    (
        re.compile(r"database re-keyed; slots not carried over: (\d+)"),
        lambda m, tr, lang: tr(N_("database re-encrypted with a new key; passwords not carried over: {count}")).format(
            count=m[1]
        ),
    ),
    (
        re.compile(r"moved from (\d{4}-\d\d-\d\d)"),
        lambda m, tr, lang: tr(N_("moved from {date}")).format(date=_day(m[1], lang)),
    ),
    (
        re.compile(r"signed form attached; (.+)"),
        lambda m, tr, lang: tr(N_("signed form attached ({type})")).format(type=m[1]),
    ),
    (
        re.compile(r"unencrypted copy of the signed form to (.+)"),
        lambda m, tr, lang: tr(N_("unencrypted copy of the signed form saved in {folder}")).format(folder=m[1]),
    ),
    (
        re.compile(r"unencrypted copy to (.+)"),
        lambda m, tr, lang: tr(N_("unencrypted copy saved in {folder}")).format(folder=m[1]),
    ),
    (
        re.compile(r"consultation record, (.+)"),
        lambda m, tr, lang: tr(N_("{printout}, {languages}")).format(
            printout=tr(N_("Consultation record")), languages=_languages(m[1], lang)
        ),
    ),
    (
        re.compile(r"case summary, (\w+), for a partner"),
        lambda m, tr, lang: tr(N_("case summary for a partner, {languages}")).format(languages=_languages(m[1], lang)),
    ),
    (
        re.compile(r"case summary, (\w+)"),
        lambda m, tr, lang: tr(N_("{printout}, {languages}")).format(
            printout=tr(N_("Case summary")), languages=_languages(m[1], lang)
        ),
    ),
    (
        re.compile(r"agreement, (.+)"),
        lambda m, tr, lang: tr(N_("{printout}, {languages}")).format(
            printout=tr(N_("Support agreement")), languages=_languages(m[1], lang)
        ),
    ),
    (
        re.compile(r"consent form (\w+), (.+)"),
        lambda m, tr, lang: tr(N_("consent form ({purpose}), {languages}")).format(
            purpose=_labelled(CONSENT_PURPOSES, m[1], tr), languages=_languages(m[2], lang)
        ),
    ),
    (
        re.compile(r"referral note, (.+)"),
        lambda m, tr, lang: tr(N_("{printout}, {languages}")).format(
            printout=tr(N_("Referral note")), languages=_languages(m[1], lang)
        ),
    ),
    (
        re.compile(r"pdf\+json, (.+)"),
        lambda m, tr, lang: tr(N_("PDF and JSON file, {languages}")).format(languages=_languages(m[1], lang)),
    ),
    (re.compile(r"automatic (.+)"), lambda m, tr, lang: tr(N_("automatic, {file}")).format(file=m[1])),
]


def detail_text(
    action: str, record_type: str, detail: str, tr: Translate | None = None, language: str | None = None
) -> str:
    """The stored `detail` of an audit entry in the current language, or through `tr` in `language` (a
    printout's); as stored when its form is unknown."""
    tr = tr or _
    if not detail:
        return ""
    if detail in PHRASES:
        return tr(PHRASES[detail])
    catalogue = CODES.get((action, record_type))
    if catalogue is not None and detail in catalogue:
        return tr(catalogue.label(detail))
    for pattern, render in RULES:
        match = pattern.fullmatch(detail)
        if match:
            return render(match, tr, language)
    if action == "create" and record_type == "document" and "; " in detail:
        kind, media_type = detail.split("; ", 1)
        known = {e.label for e in DOCUMENT_TYPES}
        return f"{tr(kind) if kind in known else kind}; {media_type}"
    if action == "update" and FIELD_LIST.fullmatch(detail):
        fields = detail.split(",")
        if any(f in FIELD_LABELS for f in fields):
            return ", ".join(tr(FIELD_LABELS[f]) if f in FIELD_LABELS else f for f in fields)
    return detail


def action_text(action: str, tr: Translate | None = None) -> str:
    return (tr or _)(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def record_text(record_type: str, tr: Translate | None = None) -> str:
    return (tr or _)(RECORD_LABELS[record_type]) if record_type in RECORD_LABELS else record_type
