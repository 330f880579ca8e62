"""A USB stick pulled during an export: a clear message, no file on the stick, nothing logged, and the
next export with the stick back in succeeds with the same sequence number."""

from __future__ import annotations

import errno
import os

import pytest

from beratung_desktop.errors import error_text
from beratung_desktop.i18n import set_language
from beratung_desktop.storage import atomic_file
from beratung_desktop.storage.atomic_file import WriteFailed
from tests import factories
from tests.exchange.conftest import World


def _pull_the_stick_at(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    original = getattr(os, name)
    calls = {"n": 0}

    def fails_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(errno.EIO, "Input/output error")
        return original(*args, **kwargs)

    monkeypatch.setattr(atomic_file.os, name, fails_once)


@pytest.mark.parametrize("moment", ["fsync", "replace"])
def test_pulled_stick_leaves_nothing_and_the_next_export_succeeds(world: World, monkeypatch, moment):
    factories.add_client(world.office)
    audit_before = len(world.office.store.audit.recent(10_000))
    with monkeypatch.context() as patch:
        _pull_the_stick_at(patch, moment)
        with pytest.raises(WriteFailed) as failure:
            world.export()
    assert sorted(p.name for p in world.outbox.iterdir()) == [], "no partial or hidden file on the stick"
    assert world.office.store.exchange_log.exports() == []
    assert len(world.office.store.audit.recent(10_000)) == audit_before
    set_language("de")
    try:
        text = error_text(failure.value)
    finally:
        set_language("en")
    assert "Laufwerk" in text and str(world.outbox) in text

    result = world.export()
    assert result.entry.sequence == 1 and result.path.exists()
    assert [o.status for o in world.import_()] == ["imported"]
