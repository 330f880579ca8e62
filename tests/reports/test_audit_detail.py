"""The audit log's stored details read in the user's language; unknown details are shown as stored."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import pytest

import beratung_desktop.domain as domain
from beratung_desktop.i18n import set_language
from beratung_desktop.reports.audit_detail import FIELD_LABELS, PHRASES, detail_text

# (action, record type, detail as the services store it, German reading)
KNOWN = [
    ("update", "client", "given_name,phone,residence_status", "Vorname, Telefonnummer, Aufenthaltsstatus"),
    ("create", "case", "mbe", "Migrationsberatung für erwachsene Zuwanderer (MBE)"),
    ("create", "consent", "sharing", "Weitergabe von Daten an eine benannte Behörde oder einen benannten Partner"),
    ("hold", "client", "placed until 2031-05-01", "gesetzt bis 01.05.2031"),
    ("hold", "client", "placed until -", "ohne Enddatum gesetzt"),
    ("hold", "client", "lifted", "aufgehoben"),
    ("erase", "client", "reason=client_request", "Grund: Die ratsuchende Person hat die Löschung verlangt"),
    ("user", "user", "added with role counsellor", "hinzugefügt als Berater*in"),
    ("print", "case", "agreement, de+ar", "Fördervereinbarung, Deutsch + Arabisch"),
    (
        "print",
        "client",
        "consent form data_storage, de+-",
        "Einwilligungsformular (Speicherung personenbezogener Daten für die Beratung), Deutsch",
    ),
    ("access_export", "client", "pdf+json, de+uk", "PDF- und JSON-Datei, Deutsch + Ukrainisch"),
    ("update", "deadline", "moved from 2026-03-02", "verschoben vom 02.03.2026"),
    ("view", "audit_log", "whole log", "das gesamte Protokoll"),
    ("password", "user", "reset by a team lead", "von der Teamleitung zurückgesetzt"),
]


@pytest.fixture
def german():
    set_language("de")
    yield
    set_language("en")


@pytest.mark.parametrize(("action", "record_type", "stored", "german_text"), KNOWN)
def test_a_known_detail_reads_german(german, action, record_type, stored, german_text):
    assert detail_text(action, record_type, stored) == german_text


def test_every_phrase_is_translated_into_german(german):
    untranslated = [d for d in PHRASES if detail_text("view", "", d) == PHRASES[d]]
    assert untranslated == []


def test_unknown_details_and_free_parts_are_shown_as_stored(german):
    assert detail_text("import", "list", "clients=3;cases=2;consultations=9") == "clients=3;cases=2;consultations=9"
    assert detail_text("update", "client", "x_unknown") == "x_unknown"
    assert detail_text("backup", "", "automatic 2026-11-29.bdbackup") == "automatisch, 2026-11-29.bdbackup"
    assert detail_text("create", "consent", "no_such_purpose") == "no_such_purpose"
    assert detail_text("view", "client", "") == ""


def test_every_labelled_field_is_a_field_of_a_record():
    fields = set()
    for info in pkgutil.iter_modules(domain.__path__):
        module = importlib.import_module(f"beratung_desktop.domain.{info.name}")
        for value in vars(module).values():
            if dataclasses.is_dataclass(value) and isinstance(value, type):
                fields |= {f.name for f in dataclasses.fields(value)}
    assert set(FIELD_LABELS) - fields == set()
