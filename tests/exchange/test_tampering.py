"""Every changed or missing byte of a package is refused and leaves the organisation's store unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratung_desktop.exchange import package
from beratung_desktop.services import organisation
from tests import factories
from tests.storage.raw_access import org_snapshot

from .conftest import World


def _snapshot(world: World) -> dict:
    return {**world.org_counts(), **org_snapshot(world.org.store)}


@pytest.fixture
def small_package(world: World) -> Iterator[tuple[World, bytes]]:
    client = factories.add_client(world.office)
    case = factories.add_case(world.office, client)
    factories.add_consultation(world.office, case)
    data = world.export().path.read_bytes()
    for f in world.outbox.iterdir():
        f.unlink()
    yield world, data


def _refused(world: World, data: bytes, name: str) -> None:
    path = world.tmp / name
    path.write_bytes(data)
    before = _snapshot(world)
    [outcome] = organisation.import_packages(world.org, path, receipts_to=world.tmp / "receipts")
    assert outcome.status == "refused", (name, outcome.status)
    assert outcome.error is not None and str(outcome.error)
    assert _snapshot(world) == before
    assert not (world.tmp / "receipts").exists()


def test_intact_package_imports(small_package):
    world, data = small_package
    path = world.tmp / f"intact{package.SUFFIX}"
    path.write_bytes(data)
    assert organisation.import_packages(world.org, path)[0].status == "imported"


def test_every_truncation_is_refused(small_package):
    world, data = small_package
    assert len(data) < 4000  # keeps the exhaustive loop quick
    for length in range(len(data)):
        _refused(world, data[:length], f"cut{package.SUFFIX}")


def test_appended_bytes_are_refused(small_package):
    world, data = small_package
    _refused(world, data + b"\0", f"long{package.SUFFIX}")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.floats(min_value=0, max_value=1, exclude_max=True), mask=st.integers(min_value=1, max_value=255))
def test_any_flipped_byte_is_refused(small_package, position: float, mask: int):
    world, data = small_package
    index = int(position * len(data))
    changed = bytearray(data)
    changed[index] ^= mask
    _refused(world, bytes(changed), f"flip{package.SUFFIX}")


def test_every_single_bit_in_the_header_and_signature_is_checked(small_package):
    world, data = small_package
    positions = list(range(64)) + list(range(len(data) - 64, len(data)))
    for index in positions:
        changed = bytearray(data)
        changed[index] ^= 0x01
        _refused(world, bytes(changed), f"bit{package.SUFFIX}")


def test_refused_files_are_not_deleted(small_package):
    world, data = small_package
    path: Path = world.tmp / f"cut{package.SUFFIX}"
    path.write_bytes(data[:100])
    organisation.import_packages(world.org, path)
    assert path.read_bytes() == data[:100]
