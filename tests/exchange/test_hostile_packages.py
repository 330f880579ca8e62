"""An accepted device is trusted to be who it is, not to send well-formed data (issue 18.5, 18.10)."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratung_desktop.domain.statistics import Period
from beratung_desktop.exchange import package
from beratung_desktop.exchange.records import canonical
from beratung_desktop.services import accounts, demo, exchange, organisation, organisation_report
from beratung_desktop.storage.keyslots import TEST_KDF
from tests import factories
from tests.conftest import PASSWORD
from tests.storage.raw_access import row_counts

from .conftest import World, enroll, make_org
from .hostile import PSEUDONYM, client_row, import_one, signed, signed_raw, snapshot


def _refused(world: World, path: Path, *words: str) -> organisation.ImportOutcome:
    before = snapshot(world)
    outcome = import_one(world, path)
    assert outcome.status == "refused", outcome
    text = organisation.outcome_message(outcome)
    for word in words:
        assert word in text, text
    assert snapshot(world) == before
    assert not (world.tmp / "receipts").exists()
    return outcome


def test_demo_office_in_both_scopes_passes_the_schema(tmp_path: Path):
    office, _ = accounts.create_store(tmp_path / "office", "anna", PASSWORD, kdf=TEST_KDF, demo=True)
    demo.generate(office, 60, today=date(2026, 3, 18), kdf=TEST_KDF)
    org, key = make_org(tmp_path / "org", allow_full_export=True)
    enroll(office, org, key, tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    exchange.export(office, stick)
    exchange.export(office, stick, scope="full", machine_allows_full=True)
    outcomes = organisation.import_packages(org, stick)
    assert [o.status for o in outcomes] == ["imported", "imported"], [str(o.error) for o in outcomes]
    assert outcomes[0].inserted > 500
    office.close()
    org.close()


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"country_of_origin": '=HYPERLINK("http://x","y")'}, "country_of_origin", "ISO country code"),
        ({"country_of_origin": "QQ"}, "country_of_origin", "ISO country code"),
        ({"gender": None}, "gender", "unknown gender code"),
        ({"birth_year": "1990"}, "birth_year", "whole number"),
        ({"arrival_month": "2016-13"}, "arrival_month", "month"),
        ({"languages": ["ar", "+cmd"]}, "languages", "language code"),
        ({"given_name": "Testa"}, "given_name", "not allowed"),  # no names in statistics
        ({"household_size": 10**9}, "household_size", "outside"),
        ({"first_recorded": "2024-02-30"}, "first_recorded", "date"),
    ],
)
def test_a_bad_field_refuses_the_whole_package_naming_record_and_field(world: World, change, field, problem):
    other = client_row(id="f" * 32)
    path = signed(world, {"clients": [other, client_row(**change)]})
    outcome = _refused(world, path, PSEUDONYM, field, problem, "clients no. 1")
    assert outcome.error is not None


def test_a_record_missing_a_required_field_is_refused(world: World):
    row = client_row()
    del row["gender"]
    _refused(world, signed(world, {"clients": [row]}), "gender", "missing")
    case = {"id": "c" * 32, "version": 1, "updated_at": "2024-03-05T10:00:00", "deleted": False, "service": "mbe"}
    _refused(world, signed(world, {"cases": [case]}, name="case"), "missing")
    case |= {"client_id": PSEUDONYM, "counsellor_id": "e" * 32, "opened": "yesterday"}
    _refused(world, signed(world, {"cases": [case]}, name="case-date"), "opened", "YYYY-MM-DD")


def test_org_report_keeps_working_after_hostile_packages(world: World):
    factories.add_client(world.office)
    world.export()
    world.import_()
    no_gender = client_row(id="1" * 32)
    del no_gender["gender"]
    hostile = [no_gender, client_row(id="2" * 32, arrival_month="x"), client_row(id="3" * 32, birth_year=[1])]
    for n, row in enumerate(hostile):
        import_one(world, signed(world, {"clients": [row]}, name=f"bad{n}", sequence=n + 2))
    figures = organisation_report.summary(world.org, Period.month(2024, 3))
    assert figures.current is not None
    for fmt in ("csv", "xlsx", "json"):
        assert organisation_report.summary_file(world.org, Period.month(2024, 3), fmt)


def test_key_lists_and_record_lines_must_agree(world: World):
    keys = {"clients": {"id": [PSEUDONYM], "version": [1], "deleted": [False]}}
    other = canonical(client_row(id="f" * 32)).decode()
    _refused(world, signed_raw(world, keys, [other], {"clients": 1}, "swapped"), "field id")
    two = {"clients": {"id": [PSEUDONYM, PSEUDONYM], "version": [1, 1], "deleted": [False, False]}}
    same = canonical(client_row()).decode()
    _refused(world, signed_raw(world, two, [same, same], {"clients": 2}, "twice"), "damaged")
    _refused(world, signed_raw(world, keys, [same, same], {"clients": 1}, "extra-line"), "damaged")
    _refused(world, signed_raw(world, keys, ["[" * 100_000], {"clients": 1}, "deep"), "damaged")


def test_tombstones_carry_no_content(world: World):
    row = client_row(deleted=True)
    _refused(world, signed(world, {"clients": [row]}), "a deleted record carries no content")


def test_huge_sequence_is_refused_and_nothing_is_committed(world: World):
    factories.add_client(world.office)
    world.export()
    world.import_()
    outcome = _refused(world, signed(world, {}, sequence=10**12), "1000000000000", "implausible")
    assert outcome.manifest is None or outcome.status == "refused"
    view = organisation.overview(world.org)
    assert view.devices[0].missing_sequences == []
    assert world.export().entry.sequence == 2
    assert [o.status for o in world.import_()] == ["duplicate", "imported"]


def test_gaps_are_ranges_not_lists(world: World):
    far = organisation.MAX_SEQUENCE
    assert import_one(world, signed(world, {}, sequence=far)).status == "imported"
    view = organisation.overview(world.org)
    assert view.devices[0].missing_sequences == [(1, far - 1)]
    assert organisation.describe_gaps(view.devices[0].missing_sequences) == f"1-{far - 1}"


def test_package_ids_are_bound_to_the_signing_device(world: World, tmp_path: Path):
    second, _ = accounts.create_store(tmp_path / "second", "bert", PASSWORD, kdf=TEST_KDF)
    enroll(second, world.org, world.org_key, tmp_path, "Office B")
    factories.add_client(second)
    real = exchange.export(second, world.outbox)
    thief = World(world.office, world.org, world.org_key, world.outbox, world.tmp)
    stolen = signed(thief, {}, package_id=real.entry.package_id, name="stolen")
    assert import_one(world, stolen).status == "imported"  # device A's own package, whatever its id
    [outcome] = organisation.import_packages(world.org, real.path)
    assert outcome.status == "imported", outcome.error
    assert organisation.overview(world.org).quarantined == 0
    second.close()


@pytest.mark.parametrize("package_id", ["../../evil", "a/b", "a\\b", "x\x1b[2J"])
def test_package_ids_with_separators_are_refused(world: World, package_id: str):
    _refused(world, signed(world, {}, package_id=package_id), "not a valid id")


def test_folder_import_takes_upper_case_extensions(world: World):
    factories.add_client(world.office)
    result = world.export()
    result.path.rename(result.path.with_suffix(".BDX"))
    [outcome] = world.import_()
    assert outcome.status == "imported"
    receipts = world.outbox / "receipts"
    for receipt in receipts.iterdir():
        receipt.rename(receipt.with_suffix(".BDRECEIPT"))
    [read] = exchange.import_receipts(world.office, receipts)
    assert read.newly_delivered


def test_racing_imports_of_one_package_never_escape(world: World, monkeypatch: pytest.MonkeyPatch):
    factories.add_client(world.office)
    result = world.export()
    other = accounts.unlock(world.org.store.folder, "ida", PASSWORD, kdf=TEST_KDF)
    real_open = package.open_document
    calls = []

    def meanwhile_the_other_window_imports(*args, **kwargs):
        if not calls:
            calls.append(1)
            [first] = organisation.import_packages(other, result.path, receipts_to=world.tmp / "r2")
            assert first.status == "imported"
        return real_open(*args, **kwargs)

    monkeypatch.setattr(package, "open_document", meanwhile_the_other_window_imports)
    [outcome] = world.import_()
    assert outcome.status == "duplicate", outcome.error
    assert row_counts(world.org.store, ["org_packages"]) == {"org_packages": 1}
    other.close()


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(sorted(client_row())),
    value=_JSON | st.sampled_from(["", "=1+1", "2024-02-30", "1990", "XX", "de", None]),
    drop=st.booleans(),
)
def test_any_changed_or_missing_field_imports_cleanly_or_is_refused(world: World, field, value, drop):
    row = client_row(id=uuid.uuid4().hex)  # a new record each time, so no example hides behind another
    keys = {"clients": {"id": [row["id"]], "version": [1], "deleted": [False]}}
    if drop:
        row.pop(field)
    else:
        row[field] = value
    path = signed_raw(world, keys, [canonical(row).decode("utf-8")], {"clients": 1}, "fuzz")
    outcome = import_one(world, path)
    assert outcome.status in ("imported", "refused", "duplicate")
    assert organisation_report.summary_file(world.org, Period.month(2024, 3), "csv")
