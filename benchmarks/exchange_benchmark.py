"""Organisation import of 50 office packages of one month each, from 20,000-client offices.

What is measured: `beratung-admin org import FOLDER` in a fresh process over a folder of 50 package
files: process start, unlocking the organisation store, framing and signature checks, age decryption,
schema and count checks, the one-transaction-per-package insert of every record version (with the
duplicate and conflict checks), the package log and one signed receipt per package, on the real
SQLCipher organisation store. Then the same folder again (all duplicates, nothing inserted).

How the packages are made: one office store is filled with the deterministic demo generator
(services/demo.py, 20,000 clients by default). Its records go through the real statistics export
(`services.exchange.collect`: pseudonymisation with the office's secret), and the records created or
changed in one calendar month are taken (the demo store's own timestamps are all "now", so the domain
dates stand in): the month's consultations, appointments and activities, cases opened or closed, new
clients, goals of new cases or reviewed, consents given or withdrawn. 50 devices are
enrolled and accepted with their own Ed25519 keys; each signs that month as its own package, so the
organisation stores 50 x the month's records under 50 devices (what 50 offices of that size send).

Usage: uv run python benchmarks/exchange_benchmark.py [--clients 20000] [--offices 50] [--month 2026-10]
"""

from __future__ import annotations

import argparse
import gc
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from beratung_desktop.domain.record import utc_now
from beratung_desktop.exchange import package
from beratung_desktop.exchange.enrollment import Enrollment
from beratung_desktop.exchange.keys import new_signing_key
from beratung_desktop.services import accounts, demo, exchange, organisation
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.storage.migrations import LATEST

PASSWORD = "benchmark password"


def office_package(org, org_key, work: Path, n: int, month: str, records: dict) -> bytes:
    """Enrols a new office number n with the organisation and builds its statistics package of the month."""
    private, public = new_signing_key()
    device_id = str(uuid.uuid4())
    enrollment = Enrollment(device_id, f"Office {n + 1:02d}", org_key.organisation_id, public, utc_now().isoformat())
    enrollment_file = work / f"office-{n}.bdenroll"
    enrollment_file.write_bytes(enrollment.to_bytes(private))
    organisation.accept_device(org, enrollment_file)
    manifest = package.Manifest(
        package_id=str(uuid.uuid4()),
        organisation_id=org_key.organisation_id,
        office=enrollment.office,
        device_id=device_id,
        sequence=1,
        period_from=f"{month}-01T00:00:00+00:00",
        period_to=utc_now().isoformat(),
        scope="statistics",
        schema_version=LATEST,
        counts={t: len(rows) for t, rows in records.items()},
        created_at=utc_now().isoformat(),
    )
    return package.build(manifest, records, org_key.age_recipient, private)


def month_slice(records: dict[str, list[dict]], month: str) -> dict[str, list[dict]]:
    """The statistics records an office creates or changes in one month (see the module text)."""

    def in_month(*values: str | None) -> bool:
        return any(v and v[:7] == month for v in values)

    live = {t: [r for r in rows if not r["deleted"]] for t, rows in records.items()}
    cases = [r for r in live.get("cases", []) if in_month(r["opened"], r["closed"])]
    opened = {r["id"] for r in cases if in_month(r["opened"])}
    chosen = {
        "clients": [r for r in live.get("clients", []) if in_month(r["first_recorded"])],
        "cases": cases,
        "consultations": [r for r in live.get("consultations", []) if in_month(r["day"])],
        "appointments": [r for r in live.get("appointments", []) if in_month(r["day"])],
        "activities": [r for r in live.get("activities", []) if in_month(r["day"])],
        "agreement_goals": [
            r for r in live.get("agreement_goals", []) if r["case_id"] in opened or in_month(r["reviewed"])
        ],
        "consents": [r for r in live.get("consents", []) if in_month(r["given"], r["withdrawn"])],
    }
    return {t: rows for t, rows in chosen.items() if rows}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20000)
    parser.add_argument("--offices", type=int, default=50)
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--today", default="2026-11-20")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="exchange-bench-"))
    try:
        return run(work, args.clients, args.offices, args.month, date.fromisoformat(args.today))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, clients: int, offices: int, month: str, today: date) -> int:
    t0 = time.perf_counter()
    office, _ = accounts.create_store(work / "office", "bench", PASSWORD, office_name="Demo", kdf=TEST_KDF, demo=True)
    demo.generate(office, clients, today=today, kdf=TEST_KDF)
    print(f"demo office with {clients} clients generated in {time.perf_counter() - t0:.1f} s")

    org, _recovery, org_key = organisation.init(work / "org", "it", PASSWORD, "Benchmark-Träger", kdf=TEST_KDF)
    exchange.enroll(office, org_key, "Demo")
    stick = work / "stick"
    stick.mkdir()
    t0 = time.perf_counter()
    first = exchange.export(office, stick)
    print(
        f"OFFICE: first export of everything: {first.total} records, {first.path.stat().st_size / 1e6:.1f} MB "
        f"in {time.perf_counter() - t0:.1f} s"
    )
    t0 = time.perf_counter()
    everything = exchange.collect(office, "statistics", None)
    month_records = month_slice(everything, month)
    print(f"statistics view of the whole office in {time.perf_counter() - t0:.1f} s")
    counts = {t: len(rows) for t, rows in month_records.items()}
    print(f"one month ({month}): {sum(counts.values())} records {counts}")

    inbox = work / "inbox"
    inbox.mkdir()
    t0 = time.perf_counter()
    for n in range(offices):
        data = office_package(org, org_key, work, n, month, month_records)
        (inbox / f"office-{n:02d}{package.SUFFIX}").write_bytes(data)
    size = sum(p.stat().st_size for p in inbox.iterdir())
    print(f"{offices} packages built in {time.perf_counter() - t0:.1f} s, {size / 1e6:.1f} MB in total")

    office.close()
    org.close()
    del everything, month_records
    gc.collect()
    # As IT runs it: a fresh process, unlocking the organisation store, importing the folder, writing
    # 50 receipts (the process start and the unlock are included in the figure).
    command = [
        sys.executable,
        "-c",
        "import sys; from beratung_desktop.cli import main; sys.exit(main())",
        "--lang",
        "en",
        "--data-dir",
        str(work / "org"),
        "--user",
        "it",
        "--password-stdin",
        "org",
        "import",
        str(inbox),
        "--receipts-to",
        str(work / "receipts"),
    ]
    t0 = time.perf_counter()
    done = subprocess.run(command, input=PASSWORD + "\n", capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    lines = done.stdout.splitlines()
    rows = offices * sum(counts.values())
    print(
        f"IMPORT (beratung-admin org import, fresh process): {offices} packages, {rows} record versions "
        f"in {elapsed:.2f} s, exit code {done.returncode}, {sum('imported, ' in line for line in lines)} "
        "packages imported"
    )
    print(lines[0] if lines else done.stderr[:500])

    org = accounts.unlock(work / "org", "it", PASSWORD)
    t0 = time.perf_counter()
    again = organisation.import_packages(org, inbox, receipts_to=work / "receipts2")
    print(
        f"second import of the same folder: {sum(o.inserted for o in again)} rows in "
        f"{time.perf_counter() - t0:.2f} s ({ {o.status for o in again} })"
    )
    statuses = {o.status for o in again}
    org.close()
    return 0 if done.returncode == 0 and statuses == {"duplicate"} else 1


if __name__ == "__main__":
    sys.exit(main())
