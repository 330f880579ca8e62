"""Crash consistency: kill -9 a process that writes through the services, then check the store.

Modes (each kill point: start a child, wait a random 5 ms - 2 s, SIGKILL it, then check; in
"write-after-ready" the wait starts when the child has the store open, so every kill lands in writes):
  write    the child saves clients, cases and consultations through the services and prints each id
           after the service call returned (the commit); every printed id must be in the store.
  backup   the child writes backups in a loop; every file under its final name must open and pass
           the complete check; the next backup removes the temporary files of killed ones.
  restore  the child restores a backup in a loop (exclusive lock, keep aside, rename into place).
  export   the child saves a client and exports to a folder in a loop; every package under its final
           name must import at the organisation, and every export the child reported must be there.
  import   the child imports docs/examples/import-example.xlsx into a fresh store; the store must
           hold all 12 of its clients or none (and then a second import completes it).
After every kill: the store unlocks, integrity_check + cipher_integrity_check + the audit chain pass,
and no acknowledged id is missing.

Run: uv run python stress/crash_consistency.py --kills 200 [--mode write|backup|restore|all] [--seed 1]
Prints one JSON line with the figures for docs/reliability.md. POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

PASSWORD = "correct horse battery"
USER = "anna"


# -- children ----------------------------------------------------------------------------------------


def child_write(folder: Path) -> None:
    from beratung_desktop.domain.cases import Case
    from beratung_desktop.domain.clients import Client
    from beratung_desktop.domain.consultations import Consultation
    from beratung_desktop.services import accounts, casework
    from beratung_desktop.storage.keyslots import TEST_KDF

    session = accounts.unlock(folder, USER, PASSWORD, kdf=TEST_KDF)
    print("ready", flush=True)
    rng = random.Random(os.getpid())
    today = date(2026, 3, 2)
    while True:
        client = casework.save_client(
            session,
            Client(given_name=f"G{rng.randrange(10**6)}", family_name="Crash", birth_year=1980, gender="female"),
            today=today,
        )
        print(f"client {client.id}", flush=True)
        case = casework.open_case(
            session, Case(client_id=client.id, service="mbe", counsellor_id=session.user.id, opened=today), today=today
        )
        print(f"case {case.id}", flush=True)
        for _ in range(rng.randrange(1, 4)):
            consultation = casework.record_consultation(
                session,
                Consultation(
                    case_id=case.id,
                    client_id=client.id,
                    counsellor_id=session.user.id,
                    start=datetime(2026, 3, 2, 9, 0),
                    minutes=30,
                    topics=["residence_law"],
                ),
            )
            print(f"consultation {consultation.id}", flush=True)


def child_backup(folder: Path, target: Path) -> None:
    from beratung_desktop.services import accounts, maintenance
    from beratung_desktop.storage.keyslots import TEST_KDF

    session = accounts.unlock(folder, USER, PASSWORD, kdf=TEST_KDF)
    print("ready", flush=True)
    while True:
        path = maintenance.backup(session, target)
        print(f"backup {path.name}", flush=True)


def child_restore(folder: Path, backup_file: Path) -> None:
    from beratung_desktop.services import maintenance

    while True:
        done = maintenance.restore_folder(folder, backup_file, user_name=USER, password=PASSWORD)
        if done.session is not None:
            done.session.close()
        print("restored", flush=True)


def child_export(folder: Path, outbox: Path) -> None:
    from beratung_desktop.domain.clients import Client
    from beratung_desktop.services import accounts, casework, exchange
    from beratung_desktop.storage.keyslots import TEST_KDF

    session = accounts.unlock(folder, USER, PASSWORD, kdf=TEST_KDF)
    print("ready", flush=True)
    rng = random.Random(os.getpid())
    while True:
        casework.save_client(session, Client(given_name=f"E{rng.randrange(10**6)}", family_name="Export"))
        result = exchange.export(session, outbox)
        print(f"export {result.path.name}", flush=True)


def child_import(folder: Path, listed: Path) -> None:
    from beratung_desktop.services import accounts, list_import
    from beratung_desktop.storage.keyslots import TEST_KDF

    session = accounts.unlock(folder, USER, PASSWORD, kdf=TEST_KDF)
    print("ready", flush=True)
    report = list_import.import_list(session, listed)
    print(f"imported {report.new_clients}", flush=True)


def child_org_import(folder: Path, outbox: Path) -> None:
    from beratung_desktop.services import accounts, organisation
    from beratung_desktop.storage.keyslots import TEST_KDF

    session = accounts.unlock(folder, "ida", PASSWORD, kdf=TEST_KDF)
    print("ready", flush=True)
    outcomes = organisation.import_packages(session, outbox)
    print(f"imported {sum(1 for o in outcomes if o.status == 'imported')}", flush=True)


# -- controller --------------------------------------------------------------------------------------


@dataclass
class Figures:
    mode: str
    kill_points: int = 0
    acknowledged: int = 0
    lost: int = 0
    verify_failures: int = 0
    unlock_failures: int = 0
    partial_files_under_final_name: int = 0
    stale_temporary_files_after_next_run: int = 0
    backups_checked: int = 0
    restores_acknowledged: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _kill_after(child: subprocess.Popen, seconds: float, *, after_ready: bool = False) -> tuple[list[str], str]:
    """Kills the child `seconds` after its start, or with `after_ready` after it printed "ready" (the
    store is open and writing starts), so the kill lands in the writes and not in Python's start-up."""
    first: list[str] = []
    if after_ready and child.stdout is not None:
        first.append(child.stdout.readline().rstrip("\n"))
    time.sleep(seconds)
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    return first + out.splitlines(), err


def _check_store(folder: Path, figures: Figures, expected: dict[str, set[str]]) -> None:
    from beratung_desktop.services import accounts, maintenance
    from beratung_desktop.storage.keyslots import TEST_KDF

    try:
        session = accounts.unlock(folder, USER, PASSWORD, kdf=TEST_KDF)
    except Exception as exc:  # counted, the run goes on
        figures.unlock_failures += 1
        figures.notes.append(f"unlock: {type(exc).__name__}: {exc}")
        return
    try:
        if not maintenance.verify(session).ok:
            figures.verify_failures += 1
        db = session.store.db
        for table, ids in expected.items():
            if not ids:
                continue
            present = {r[0] for r in db.query(f"SELECT id FROM {table}")}
            figures.lost += len(ids - present)
    finally:
        session.close()


def _new_store(work: Path) -> Path:
    from beratung_desktop.services import accounts
    from beratung_desktop.storage.keyslots import TEST_KDF

    folder = work / "store"
    session, _ = accounts.create_store(folder, USER, PASSWORD, office_name="Stress", kdf=TEST_KDF)
    session.close()
    return folder


def run_write(kills: int, rng: random.Random, work: Path, after_ready: bool = False) -> Figures:
    figures = Figures("write after ready" if after_ready else "write")
    folder = _new_store(work)
    expected: dict[str, set[str]] = {"clients": set(), "cases": set(), "consultations": set()}
    tables = {"client": "clients", "case": "cases", "consultation": "consultations"}
    for _ in range(kills):
        lines, err = _kill_after(_spawn("child-write", str(folder)), rng.uniform(0.005, 2.0), after_ready=after_ready)
        for line in lines:
            kind, _, record_id = line.partition(" ")
            if kind in tables:
                expected[tables[kind]].add(record_id)
                figures.acknowledged += 1
        if "Traceback" in err and "KeyboardInterrupt" not in err:
            figures.notes.append(err.strip().splitlines()[-1])
        figures.kill_points += 1
        _check_store(folder, figures, expected)
    return figures


def _check_backups(target: Path, figures: Figures) -> None:
    from beratung_desktop.storage.keyslots import KeyFile
    from beratung_desktop.storage.maintenance import check_backup

    keys = KeyFile.load(target.parent / "store")
    key = keys.unwrap(USER, PASSWORD)
    for path in sorted(target.glob("beratung-backup-*.db")):
        figures.backups_checked += 1
        try:
            if not check_backup(path, key, keys.store_id).ok:
                figures.partial_files_under_final_name += 1
        except Exception:
            figures.partial_files_under_final_name += 1
        path.unlink()  # keeps the folder small; each file is checked once


def run_backup(kills: int, rng: random.Random, work: Path) -> Figures:
    from beratung_desktop.services import accounts, demo

    figures = Figures("backup")
    folder = work / "store"
    session, _ = accounts.create_store(folder, USER, PASSWORD, office_name="Stress", kdf=_test_kdf(), demo=True)
    demo.generate(session, 300, today=date(2026, 3, 2), kdf=_test_kdf())
    session.close()
    target = work / "backups"
    for _ in range(kills):
        child = _spawn("child-backup", str(folder), str(target))
        lines, _err = _kill_after(child, rng.uniform(0.005, 2.0), after_ready=True)
        figures.acknowledged += sum(1 for line in lines if line.startswith("backup "))
        figures.kill_points += 1
        _check_backups(target, figures)
        _check_store(folder, figures, {})
    figures.notes.append(f"temporary files left by kills: {len(list(target.glob('.*.part')))}")
    # One more backup, run to its end once the leftovers are stale, cleans the temporary files of killed ones.
    time.sleep(31)
    from beratung_desktop.services import maintenance

    session = accounts.unlock(folder, USER, PASSWORD, kdf=_test_kdf())
    maintenance.backup(session, target)
    session.close()
    _check_backups(target, figures)
    figures.stale_temporary_files_after_next_run = len(list(target.glob(".*.part")))
    return figures


def run_restore(kills: int, rng: random.Random, work: Path) -> Figures:
    from beratung_desktop.services import accounts, demo, maintenance

    figures = Figures("restore")
    folder = work / "store"
    session, _ = accounts.create_store(folder, USER, PASSWORD, office_name="Stress", kdf=_test_kdf(), demo=True)
    demo.generate(session, 300, today=date(2026, 3, 2), kdf=_test_kdf())
    backup_file = maintenance.backup(session, work / "source")
    clients = {r[0] for r in session.store.db.query("SELECT id FROM clients")}
    session.close()
    for _ in range(kills):
        lines, _err = _kill_after(_spawn("child-restore", str(folder), str(backup_file)), rng.uniform(0.005, 2.0))
        figures.restores_acknowledged += sum(1 for line in lines if line == "restored")
        figures.kill_points += 1
        before = len(figures.notes)
        _check_store(folder, figures, {"clients": clients})
        if len(figures.notes) > before:
            # A store killed before the new file was renamed in: restore again must repair it.
            maintenance.restore_folder(folder, backup_file, user_name=USER, password=PASSWORD).session.close()
        for aside in (folder / "backups").glob("damaged-*"):
            figures.notes.append(f"set aside: {aside.name}")
    figures.acknowledged = len(clients)
    figures.stale_temporary_files_after_next_run = len(list(folder.glob(".*.part")))
    return figures


def _office_and_organisation(work: Path):
    """An office store enrolled with an organisation store; returns the office folder and the open org."""
    from beratung_desktop.services import accounts, exchange, organisation

    folder = _new_store(work)
    org, _recovery, key = organisation.init(work / "org", "ida", PASSWORD, "Träger Stress e.V.", kdf=_test_kdf())
    office = accounts.unlock(folder, USER, PASSWORD, kdf=_test_kdf())
    exchange.write_enrollment(office, key, "Stress", work / "office.bdenroll")
    office.close()
    organisation.accept_device(org, work / "office.bdenroll")
    return folder, org


def run_export(kills: int, rng: random.Random, work: Path) -> Figures:
    """Kills during exports to a folder: the office store verifies, every file under a final name is a
    whole package the organisation imports, and no export reported as written is missing."""
    from beratung_desktop.services import organisation

    figures = Figures("export")
    folder, org = _office_and_organisation(work)
    outbox = work / "stick"
    outbox.mkdir()
    written: set[str] = set()
    try:
        for _ in range(kills):
            lines, _err = _kill_after(
                _spawn("child-export", str(folder), str(outbox)), rng.uniform(0.005, 2.0), after_ready=True
            )
            written |= {line.split(" ", 1)[1] for line in lines if line.startswith("export ")}
            figures.kill_points += 1
            _check_store(folder, figures, {})
            for outcome in organisation.import_packages(org, outbox):
                if outcome.status not in ("imported", "duplicate"):
                    figures.partial_files_under_final_name += 1
                    figures.notes.append(f"{outcome.status}: {outcome.path.name}")
        present = {p.name for p in outbox.glob("*.bdx")}
        figures.acknowledged = len(written)
        figures.lost = len(written - present)
        figures.notes.append(f"packages on the stick: {len(present)}")
        figures.notes.append(f"hidden temporary files left by kills: {len(list(outbox.glob('.*')))}")
    finally:
        org.close()
    return figures


def run_import(kills: int, rng: random.Random, work: Path) -> Figures:
    """Kills during a list import: the store verifies and holds all of the list's clients or none;
    an import killed half-way runs again to its end."""
    from beratung_desktop.services import accounts, list_import

    figures = Figures("list import")
    listed = Path(__file__).resolve().parent.parent / "docs" / "examples" / "import-example.xlsx"
    for point in range(kills):
        folder = _new_store(work / f"k{point}")
        lines, _err = _kill_after(
            _spawn("child-import", str(folder), str(listed)), rng.uniform(0.005, 0.3), after_ready=True
        )
        figures.kill_points += 1
        figures.acknowledged += sum(1 for line in lines if line.startswith("imported "))
        _check_store(folder, figures, {})
        session = accounts.unlock(folder, USER, PASSWORD, kdf=_test_kdf())
        try:
            count = session.store.clients.count()
            if count not in (0, 12):
                figures.lost += 1
                figures.notes.append(f"half an import: {count} clients")
            if count == 0:
                figures.notes.append("killed before the commit: nothing stored, imported again")
                list_import.import_list(session, listed)
                if session.store.clients.count() != 12:
                    figures.lost += 1
        finally:
            session.close()
    return figures


def run_org_import(kills: int, rng: random.Random, work: Path) -> Figures:
    """Kills during the organisation's import of a folder of packages, each time into a fresh copy of
    the organisation store: it verifies, and a second import completes it to the same record count as
    an import that was never interrupted (each package whole or not at all)."""
    import shutil

    from beratung_desktop.domain.clients import Client
    from beratung_desktop.services import accounts, casework, exchange, maintenance, organisation

    figures = Figures("organisation import")
    folder, org = _office_and_organisation(work)
    org.close()
    outbox = work / "stick"
    outbox.mkdir()
    office = accounts.unlock(folder, USER, PASSWORD, kdf=_test_kdf())
    for i in range(30):
        casework.save_client(office, Client(given_name=f"O{i}", family_name="Import"))
        exchange.export(office, outbox)
    office.close()
    reference = work / "reference"
    shutil.copytree(work / "org", reference)
    session = accounts.unlock(reference, "ida", PASSWORD, kdf=_test_kdf())
    organisation.import_packages(session, outbox)
    expected = organisation.overview(session).devices[0].packages
    session.close()
    for point in range(kills):
        copy = work / f"org-{point}"
        shutil.copytree(work / "org", copy)
        lines, _err = _kill_after(
            _spawn("child-org-import", str(copy), str(outbox)), rng.uniform(0.005, 0.3), after_ready=True
        )
        figures.kill_points += 1
        figures.acknowledged += sum(1 for line in lines if line.startswith("imported "))
        try:
            session = accounts.unlock(copy, "ida", PASSWORD, kdf=_test_kdf())
        except Exception as exc:  # counted, the run goes on
            figures.unlock_failures += 1
            figures.notes.append(f"unlock: {type(exc).__name__}")
            continue
        try:
            if not maintenance.verify(session).ok:
                figures.verify_failures += 1
            outcomes = organisation.import_packages(session, outbox)
            figures.partial_files_under_final_name += sum(1 for o in outcomes if o.status == "refused")
            if organisation.overview(session).devices[0].packages != expected:
                figures.lost += 1
        finally:
            session.close()
        shutil.rmtree(copy)
    figures.notes.append(f"packages per import: {expected}")
    return figures


def _test_kdf():
    from beratung_desktop.storage.keyslots import TEST_KDF

    return TEST_KDF


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1].startswith("child-"):
        kind, args = sys.argv[1], [Path(a) for a in sys.argv[2:]]
        children = {
            "child-write": child_write,
            "child-backup": child_backup,
            "child-restore": child_restore,
            "child-export": child_export,
            "child-import": child_import,
            "child-org-import": child_org_import,
        }
        children[kind](*args)
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=200, help="kill points per mode")
    parser.add_argument(
        "--mode",
        choices=["write", "write-after-ready", "backup", "restore", "export", "import", "org-import", "all"],
        default="all",
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    modes = (
        ["write", "write-after-ready", "backup", "restore", "export", "import"] if args.mode == "all" else [args.mode]
    )
    runners = {
        "write": run_write,
        "write-after-ready": lambda k, r, w: run_write(k, r, w, after_ready=True),
        "backup": run_backup,
        "restore": run_restore,
        "export": run_export,
        "import": run_import,
        "org-import": run_org_import,
    }
    for mode in modes:
        with tempfile.TemporaryDirectory(prefix=f"crash-{mode}-") as work:
            started = time.monotonic()
            figures = runners[mode](args.kills, rng, Path(work))
            figures.seconds = round(time.monotonic() - started, 1)
            figures.notes = sorted(set(figures.notes))[:20]
            print(json.dumps(asdict(figures)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
