"""List import against hostile and unlucky files: every bad row at once, encodings, limits, numbering.

Each refused import must leave the store byte-identical; nothing is ever half-stored.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratung_desktop.domain.statistics import Period
from beratung_desktop.errors import AppError
from beratung_desktop.services import casework, list_import, statistics
from beratung_desktop.services.session import Session
from tests import factories
from tests.conftest import PASSWORD

TODAY = date(2024, 6, 30)
HEADER = "Klientennummer;Vorname;Nachname;Geburtsdatum;Dienst;Datum;Minuten;Themen\n"


def _file(tmp_path: Path, body: str | bytes, name: str = "liste.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return path


def _store_bytes(session: Session) -> bytes:
    folder = session.store.folder
    return b"".join((folder / n).read_bytes() for n in ("beratung.db", "beratung.db-wal") if (folder / n).exists())


def test_every_bad_row_is_reported_in_one_run_and_the_store_stays_byte_identical(session, tmp_path):
    factories.add_client(session, given_name="Vorhanden", family_name="Person", client_number="K-OLD")
    before = _store_bytes(session)
    rows = [
        "K-1;Testa;Beispiel;1990-01-01;MBE;01.03.2024;45;Wohnen",  # line 2: good
        "K-2;Olek;Muster;1980-01-01;JMD;01.03.2024;45;Schule",  # line 3: 44 at opening, JMD is 12-27
        "K-3;Ana;Nowak;1990-01-01;MBE;01.03.2024;721;Wohnen",  # line 4: more than 720 minutes
        "K-4;Ana;Nowak;1990-01-01;;01.03.2024;45;Wohnen",  # line 5: empty required column
        "K-5;;;1990-01-01;MBE;01.03.2024;45;Wohnen",  # line 6: no names for a new client
        "K-6;A;B;1990-01-01;MBE;03/01/2024;45;Wohnen",  # line 7: ambiguous date
        "K-7;A;B;1990-01-01;MBE;01.03.2024;inf;Wohnen",  # line 8
        "K-8;A;B;1990-01-01;MBE;01.03.2024;1e400;Wohnen",  # line 9
        "K-9;A;B;1990-01-01;MBE;01.03.2024;NaN;Wohnen",  # line 10
        "K-10;A;B;1990-01-01;MBE;01.03.2024;45.5;Wohnen",  # line 11
    ]
    report = list_import.import_list(session, _file(tmp_path, HEADER + "\n".join(rows)), today=TODAY)
    assert not report.written
    by_line: dict[int, set[str]] = {}
    for e in report.errors:
        by_line.setdefault(e.line, set()).add(e.column)
    assert by_line == {
        3: {"service"},
        4: {"minutes"},
        5: {"service"},
        6: {"given_name", "family_name"},
        7: {"date"},
        8: {"minutes"},
        9: {"minutes"},
        10: {"minutes"},
        11: {"minutes"},
    }
    assert report.headers["minutes"] == "Minuten"
    assert _store_bytes(session) == before


def test_a_later_list_after_a_closed_case_opens_a_new_case(session, tmp_path):
    first = "K-1;Testa;Beispiel;1990-01-01;MBE;05.03.2024;45;Wohnen"
    list_import.import_list(session, _file(tmp_path, HEADER + first), today=TODAY)
    client = session.store.clients.by_number("K-1")
    (case,) = session.store.cases.for_client(client.id)
    casework.close_case(session, case.id, date(2024, 3, 20), "goals_achieved")
    later = "K-1;Testa;Beispiel;1990-01-01;MBE;10.04.2024;30;Wohnen"
    report = list_import.import_list(session, _file(tmp_path, HEADER + later, "april.csv"), today=TODAY)
    assert report.written and report.new_cases == 1
    cases = sorted(session.store.cases.for_client(client.id), key=lambda c: c.opened)
    assert [(c.opened, c.closed) for c in cases] == [(date(2024, 3, 5), date(2024, 3, 20)), (date(2024, 4, 10), None)]
    april = statistics.summary(session, Period.month(2024, 4)).current
    # By hand: the new case was opened on 10 April and is open in April; the closed one is not.
    assert (april.cases_opened, april.cases_active) == (1, 1)
    assert april.clients_new == 0  # first contact 5 March: new in March only
    again = list_import.import_list(session, _file(tmp_path, HEADER + later, "april.csv"), today=TODAY)
    assert (again.new_cases, again.new_consultations, again.already_present) == (0, 0, 1)


def test_a_late_list_moves_the_opening_day_back_with_an_audit_entry(session, tmp_path):
    client = factories.add_client(session, client_number="K-1", given_name="Testa", family_name="Beispiel")
    case = factories.add_case(session, client, "mbe", opened=date(2024, 3, 10))
    factories.add_consultation(session, case, start=datetime(2024, 3, 12, 9))
    late = "K-1;Testa;Beispiel;1990-05-17;MBE;20.02.2024;45;Wohnen"
    report = list_import.import_list(session, _file(tmp_path, HEADER + late), today=TODAY)
    assert report.written and report.moved_openings == 1 and report.new_cases == 0
    assert session.store.cases.require(case.id).opened == date(2024, 2, 20)
    assert any(e.action == "update" and e.record_id == case.id for e in session.store.audit.for_record(case.id))
    feb = statistics.summary(session, Period.month(2024, 2)).current
    march = statistics.summary(session, Period.month(2024, 3)).current
    assert (feb.clients_new, march.clients_new, march.clients_continuing) == (1, 0, 1)  # new once


def test_more_rows_than_the_limit_are_refused_never_cut(session, tmp_path, monkeypatch):
    monkeypatch.setattr(list_import, "MAX_ROWS", 3)
    before = _store_bytes(session)
    rows = [f"K-{i};A;B;1990-01-01;MBE;01.03.2024;45;Wohnen" for i in range(4)]
    with pytest.raises(list_import.TooManyRows) as refused:
        list_import.import_list(session, _file(tmp_path, HEADER + "\n".join(rows)), today=TODAY)
    assert refused.value.params["rows"] == 4
    assert _store_bytes(session) == before
    ok = list_import.import_list(session, _file(tmp_path, HEADER + "\n".join(rows[:3])), today=TODAY)
    assert ok.written and ok.new_consultations == 3


def test_imported_odd_client_numbers_do_not_break_the_numbering(session, tmp_path):
    rows = [
        "2026-K17;A;B;1990-01-01;MBE;01.03.2024;45;Wohnen",
        "2026-99999;C;D;1990-01-01;MBE;01.03.2024;45;Wohnen",
    ]
    assert list_import.import_list(session, _file(tmp_path, HEADER + "\n".join(rows)), today=TODAY).written
    numbers = [
        casework.save_client(session, factories.client(given_name=f"N{i}"), today=date(2026, 5, 1)).client_number
        for i in range(3)
    ]
    assert numbers == ["2026-100000", "2026-100001", "2026-100002"]


def test_two_writers_never_get_the_same_client_number(new_store, data_dir):
    from beratung_desktop.services import accounts
    from beratung_desktop.storage.keyslots import TEST_KDF

    first = new_store[0]
    second = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)  # a second connection, as another process
    failures: list[BaseException] = []

    def write(session: Session, tag: str) -> None:
        try:
            for i in range(25):
                casework.save_client(session, factories.client(given_name=f"{tag}{i}"), today=date(2026, 1, 5))
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(s, t)) for s, t in ((first, "a"), (second, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    second.close()
    assert failures == []
    numbers = [c.client_number for c in first.store.clients.all()]
    assert len(numbers) == len(set(numbers)) == 50
    assert sorted(numbers)[-1] == "2026-00050"


GERMAN_ROW = "K-1;Jürgen;Müller;1980-01-02;MBE;01.03.2024;45;Wohnen\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        ((HEADER + GERMAN_ROW).encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + (HEADER + GERMAN_ROW).encode("utf-8"), "UTF-8 with BOM"),
        ((HEADER + GERMAN_ROW).encode("utf-16"), "UTF-16"),  # with byte order mark
        ((HEADER + GERMAN_ROW).encode("cp1252"), "Windows-1252"),
    ],
)
def test_encodings_are_detected_and_named(session, tmp_path, data, label):
    report = list_import.import_list(session, _file(tmp_path, data), today=TODAY)
    assert report.written and report.encoding == label
    assert session.store.clients.by_number("K-1").family_name == "Müller"


def test_one_cp1252_byte_in_a_utf8_file_is_refused_not_garbled(session, tmp_path):
    before = _store_bytes(session)
    data = (HEADER + GERMAN_ROW).encode("utf-8") + "K-2;Jörg;Weiß;1980-01-02;MBE;01.03.2024;45;Wohnen\n".encode(
        "cp1252"
    )
    with pytest.raises(list_import.MixedEncoding) as refused:
        list_import.import_list(session, _file(tmp_path, data), today=TODAY)
    assert refused.value.params["line"] == 3
    assert _store_bytes(session) == before


def test_nul_bytes_are_refused(session, tmp_path):
    before = _store_bytes(session)
    data = (HEADER + "K-1;A\x00;B;1980-01-02;MBE;01.03.2024;45;Wohnen\n").encode("utf-8")
    with pytest.raises(list_import.NulInList):
        list_import.import_list(session, _file(tmp_path, data), today=TODAY)
    # UTF-16 without byte order mark is full of NUL bytes: refused the same way.
    with pytest.raises(AppError):
        list_import.import_list(session, _file(tmp_path, (HEADER + GERMAN_ROW).encode("utf-16-le")), today=TODAY)
    assert _store_bytes(session) == before


# -- property tests: any bytes, any encoding, any separator ----------------------------------------

CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
SEPARATORS = st.sampled_from([";", ",", "\t", "|"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "utf-16-le"])


def _attempt(session: Session, path: Path) -> None:
    """Either a clear refusal or a report; when nothing was written the store is byte-identical."""
    before = _store_bytes(session)
    try:
        report = list_import.import_list(session, path, today=TODAY)
    except AppError:
        assert _store_bytes(session) == before
        return
    if not report.written:
        assert _store_bytes(session) == before
    for e in report.errors:
        assert e.line >= 1 and e.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_binary_garbage_never_crashes(session, tmp_path, data):
    for name in ("garbage.csv", "garbage.xlsx"):
        _attempt(session, _file(tmp_path, data, name))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=10), max_size=8),
    separator=SEPARATORS,
    encoding=ENCODINGS,
    bom=st.booleans(),
)
def test_any_table_in_any_encoding_never_crashes(session, tmp_path, rows, separator, encoding, bom):
    text = HEADER.replace(";", separator) + "\n".join(separator.join(r) for r in rows)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode(encoding, errors="replace")
    if bom and not encoding.startswith(("utf-16", "utf-8-sig")):
        data = b"\xef\xbb\xbf" + data
    _attempt(session, _file(tmp_path, data))


def test_100000_rows_import_all_or_report(session, tmp_path):
    good = [
        f"K-{i % 500};Testa;Beispiel{i % 500};1990-01-01;MBE;01.03.2024;{1 + i % 700};Wohnen" for i in range(100_000)
    ]
    good[99_998] = "K-1;Testa;Beispiel1;1990-01-01;MBE;01.03.2024;abc;Wohnen"  # one bad row near the end
    before = _store_bytes(session)
    report = list_import.import_list(session, _file(tmp_path, HEADER + "\n".join(good)), today=TODAY)
    assert not report.written and [(e.line, e.column) for e in report.errors] == [(100_000, "minutes")]
    assert _store_bytes(session) == before
