"""Two beratung-admin writers and the app on one store: each waits (busy timeout) or is refused with a
clear message; nothing acknowledged is lost and the store verifies afterwards."""

from __future__ import annotations

import subprocess
import time

from beratung_desktop.services import accounts, casework, maintenance
from beratung_desktop.storage.errors import StoreBusy
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSWORD
from tests.e2e.test_admin_subprocess import ADMIN
from tests.factories import client


def test_two_admin_writers_and_the_app_on_one_store(tmp_path, data_dir):
    session, _ = accounts.create_store(data_dir, "anna", PASSWORD, kdf=TEST_KDF, demo=True)
    common = [*ADMIN, "--data-dir", str(data_dir), "--user", "anna", "--password-stdin", "--lang", "en"]
    writers = [
        subprocess.Popen(
            [*common, "demo-data", "--clients", "150", "--seed", str(seed), "--today", "2026-03-02"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in (1, 2)
    ]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write(f"{PASSWORD}\n")
        writer.stdin.close()
    saved, refused = [], 0
    deadline = time.monotonic() + 60
    while any(w.poll() is None for w in writers) and time.monotonic() < deadline:
        try:
            saved.append(casework.save_client(session, client(given_name=f"App{len(saved)}")).id)
        except StoreBusy:
            refused += 1
        time.sleep(0.05)
    results = [(w.wait(timeout=120), w.stdout.read(), w.stderr.read()) for w in writers]  # type: ignore[union-attr]
    for code, _out, err in results:
        assert "Traceback" not in err
        assert code == 0 or "in use by another program" in err, err
    finished = sum(1 for code, _, _ in results if code == 0)
    assert finished >= 1
    ids = {c.id for c in session.store.clients.all(include_deleted=True)}
    assert set(saved) <= ids
    assert len(ids) == len(saved) + 150 * finished
    assert maintenance.verify(session).ok
    session.close()
