"""Receipts: written per package by the organisation, read back on the laptop."""

from __future__ import annotations

from beratung_desktop.exchange.receipt import SUFFIX
from beratung_desktop.services import exchange

from .conftest import World, fill_office


def test_receipt_marks_export_delivered(world: World):
    fill_office(world.office)
    result = world.export()
    [outcome] = world.import_()
    assert outcome.receipt_path is not None and outcome.receipt_path.suffix == SUFFIX
    before = exchange.status(world.office, reminder_days=14)
    assert before.last_delivered is None and before.undelivered == 1
    [read] = exchange.import_receipts(world.office, outcome.receipt_path.parent)
    assert read.newly_delivered and read.receipt.package_id == result.entry.package_id
    after = exchange.status(world.office, reminder_days=14)
    assert after.last_delivered.package_id == result.entry.package_id
    assert after.last_delivered.delivered_at == read.receipt.received_at
    assert after.undelivered == 0 and not after.export_due
    [again] = exchange.import_receipts(world.office, outcome.receipt_path)
    assert again.error is None and not again.newly_delivered


def test_changed_receipt_is_refused(world: World):
    world.export()
    [outcome] = world.import_()
    path = outcome.receipt_path
    path.write_text(path.read_text("utf-8").replace('"imported"', '"duplicate"'), "utf-8")
    [read] = exchange.import_receipts(world.office, path)
    assert read.error is not None and not read.newly_delivered
    assert exchange.status(world.office, 14).last_delivered is None


def test_duplicate_import_gives_a_receipt_too(world: World):
    world.export()
    world.import_()
    [second] = world.import_(receipts_to=world.tmp / "second")
    assert second.status == "duplicate"
    [read] = exchange.import_receipts(world.office, second.receipt_path)
    assert read.newly_delivered
