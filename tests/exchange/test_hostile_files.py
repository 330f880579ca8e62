"""Every exchange file reader refuses hostile files clearly and changes nothing (issue 11, hostile files).

Readers: export packages (organisation), enrollment files (organisation), receipts (office) and the
organisation's key file (office). Each gets truncations, flipped bytes and structured mutations from
hypothesis; packages also get the attacks that keep a valid signature: reordered entries, a replayed
older package, a package of another organisation and a valid signature over a different manifest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratung_desktop.errors import AppError, error_text
from beratung_desktop.exchange import package
from beratung_desktop.exchange.errors import BadKeyFile
from beratung_desktop.exchange.keys import OrganisationKey
from beratung_desktop.services import exchange, organisation
from tests import factories
from tests.storage import raw_access

from .conftest import World, make_org
from .hostile import client_row, import_one, signed, signed_raw, snapshot

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_CHANGE = st.tuples(st.floats(min_value=0, max_value=1, exclude_max=True), st.integers(min_value=1, max_value=255))


def _flip(data: bytes, change: tuple[float, int]) -> bytes:
    position, mask = change
    changed = bytearray(data)
    changed[int(position * len(data))] ^= mask
    return bytes(changed)


def _office_snapshot(world: World) -> list:
    return [raw_access.exports(world.office.store), raw_access.row_counts(world.office.store, ["audit_log"])]


# -- receipts (read on the laptop) -------------------------------------------------------------------


@pytest.fixture
def receipt(world: World) -> tuple[World, bytes]:
    factories.add_client(world.office)
    world.export()
    [outcome] = world.import_()
    return world, outcome.receipt_path.read_bytes()


def _receipt_refused(world: World, data: bytes) -> None:
    path = world.tmp / "hostile.bdreceipt"
    path.write_bytes(data)
    before = _office_snapshot(world)
    [read] = exchange.import_receipts(world.office, path)
    assert read.error is not None and not read.newly_delivered
    assert error_text(read.error)
    assert _office_snapshot(world) == before


@FUZZ
@given(change=_CHANGE)
def test_receipt_with_a_flipped_byte_is_refused(receipt, change):
    world, data = receipt
    changed = _flip(data, change)
    if json_equal(changed, data):  # whitespace the JSON reader ignores
        return
    _receipt_refused(world, changed)


@FUZZ
@given(length=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_truncated_receipt_is_refused(receipt, length):
    world, data = receipt
    cut = data[: int(length * len(data))]
    if not json_equal(cut, data):  # only the final line end cut off
        _receipt_refused(world, cut)


@FUZZ
@given(field=st.sampled_from(["organisation_id", "package_id", "device_id", "sequence", "sha256", "status"]))
def test_receipt_with_a_changed_field_is_refused(receipt, field):
    world, data = receipt
    document = json.loads(data)
    document["body"][field] = 7 if field != "sequence" else "7"
    _receipt_refused(world, json.dumps(document).encode())


def test_receipt_of_another_organisation_is_refused(receipt, tmp_path):
    world, _data = receipt
    other, _key = make_org(tmp_path / "other-org")
    # A receipt the other organisation signed for the same package id and hash.
    from beratung_desktop.exchange.receipt import Receipt

    body = json.loads(_data)["body"]
    forged = Receipt(**{**body, "organisation_id": organisation.identity(other).organisation_id})
    _receipt_refused(world, forged.to_bytes(organisation.identity(other).signing_key))
    other.close()


def json_equal(a: bytes, b: bytes) -> bool:
    try:
        return json.loads(a) == json.loads(b)
    except ValueError:
        return False


# -- enrollment files (read at the organisation) -------------------------------------------------


@pytest.fixture
def enrollment(world: World) -> tuple[World, bytes]:
    file = world.tmp / "again.bdenroll"
    exchange.write_enrollment(world.office, world.org_key, "Office A", file, replace=True)
    return world, file.read_bytes()


def _enrollment_refused(world: World, data: bytes) -> None:
    path = world.tmp / "hostile.bdenroll"
    path.write_bytes(data)
    before = snapshot(world)
    with pytest.raises(AppError) as refused:
        organisation.accept_device(world.org, path)
    assert error_text(refused.value)
    assert snapshot(world) == before


@FUZZ
@given(change=_CHANGE)
def test_enrollment_with_a_flipped_byte_is_refused(enrollment, change):
    world, data = enrollment
    changed = _flip(data, change)
    if json_equal(changed, data):
        return
    _enrollment_refused(world, changed)


@FUZZ
@given(length=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_truncated_enrollment_is_refused(enrollment, length):
    world, data = enrollment
    cut = data[: int(length * len(data))]
    if not json_equal(cut, data):
        _enrollment_refused(world, cut)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)


@FUZZ
@given(
    field=st.sampled_from(["device_id", "office", "organisation_id", "public_key", "replaces", "succession"]),
    value=_JSON,
)
def test_enrollment_with_any_other_value_is_refused(enrollment, field, value):
    world, data = enrollment
    document = json.loads(data)
    if document["body"].get(field) == value:
        return
    document["body"][field] = value
    _enrollment_refused(world, json.dumps(document).encode())


def test_deeply_nested_files_are_refused(receipt, enrollment):
    world, _ = enrollment
    _enrollment_refused(world, b"[" * 200_000)
    _receipt_refused(world, b'{"format": "beratung-receipt", "version": 1, "body": ' + b"[" * 200_000)


# -- the organisation's key file (read on the laptop) --------------------------------------------


@FUZZ
@given(change=_CHANGE)
def test_key_file_with_a_flipped_byte_is_refused_or_unchanged(world: World, change):
    data = world.org_key.to_bytes()
    path = world.tmp / "hostile.key"
    path.write_bytes(_flip(data, change))
    try:
        loaded = OrganisationKey.load(path)
    except BadKeyFile as exc:
        assert error_text(exc)
        return
    # The key file carries no signature: a change that still parses must be caught by IT comparing
    # the fingerprint, which every change alters (or the file is the same key).
    assert loaded == world.org_key or loaded.fingerprint != world.org_key.fingerprint


# -- packages that keep a valid signature ----------------------------------------------------------


def test_reordered_entries_are_refused(world: World):
    from beratung_desktop.exchange.records import canonical

    rows = [client_row(id=f"{n:032x}") for n in (2, 1)]
    keys = {"clients": {"id": [r["id"] for r in rows], "version": [1, 1], "deleted": [False, False]}}
    lines = [canonical(r).decode() for r in reversed(rows)]  # lines in the other order than the keys
    before = snapshot(world)
    outcome = import_one(world, signed_raw(world, keys, lines, {"clients": 2}, "reordered"))
    assert outcome.status == "refused" and snapshot(world) == before


def test_replayed_older_package_changes_nothing(world: World):
    factories.add_client(world.office)
    old = world.export().path.read_bytes()
    world.import_()
    factories.add_client(world.office)
    world.export()
    world.import_()
    before = snapshot(world)
    replay = world.tmp / f"replay{package.SUFFIX}"
    replay.write_bytes(old)
    outcome = import_one(world, replay)
    assert outcome.status == "duplicate" and outcome.inserted == 0
    assert {k: v for k, v in snapshot(world).items() if k != "audit_log"} == {
        k: v for k, v in before.items() if k != "audit_log"
    }


def test_package_of_another_organisation_is_refused(world: World):
    path = signed(world, {"clients": [client_row()]}, organisation_id="another-organisation")
    before = snapshot(world)
    outcome = import_one(world, path)
    assert outcome.status == "refused" and "another organisation" in error_text(outcome.error)
    assert snapshot(world) == before


def test_valid_signature_over_a_different_manifest_is_refused(world: World):
    first = signed(world, {"clients": [client_row()]}, name="first").read_bytes()
    second = signed(world, {"clients": [client_row(id="f" * 32)]}, name="second", sequence=2).read_bytes()
    signature = first[-64:]
    spliced = world.tmp / f"spliced{package.SUFFIX}"
    spliced.write_bytes(second[:-64] + signature)  # A's valid signature on B's manifest and payload
    before = snapshot(world)
    assert import_one(world, spliced).status == "refused"
    # and a manifest of one package with the payload of the other, signature of either
    head = len(package.MAGIC) + 6
    manifest_len = int.from_bytes(first[len(package.MAGIC) + 2 : head], "big")
    mixed = first[: head + manifest_len] + second[head + int.from_bytes(second[len(package.MAGIC) + 2 : head], "big") :]
    spliced.write_bytes(mixed)
    assert import_one(world, spliced).status == "refused"
    assert snapshot(world) == before


@FUZZ
@given(change=_CHANGE)
def test_package_with_a_flipped_byte_changes_nothing_and_says_why(world: World, change):
    path: Path = signed(world, {"clients": [client_row()]}, name="flip")
    path.write_bytes(_flip(path.read_bytes(), change))
    before = snapshot(world)
    outcome = import_one(world, path)
    assert outcome.status == "refused" and error_text(outcome.error)
    assert snapshot(world) == before
