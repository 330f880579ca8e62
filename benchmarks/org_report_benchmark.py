"""Organisation monthly summary over 50 imported offices (target <= 5 s).

    uv run python benchmarks/org_report_benchmark.py [--office DIR] [--offices 50] [--month 2026-05]

The organisation store is built once into `beratung-scale/org-<offices>-<month>` in the system temp
folder and reused: the cached 20,000-client demo office of scale_benchmark.py (copied, so it stays
untouched) goes through the real statistics export, its records of one month are signed as one package
by each of 50 enrolled devices (as exchange_benchmark.py does) and imported. What is measured:
the import in-process (wall and CPU; it writes the summary facts), `beratung-admin org report monthly`
in a fresh process (unlock included) writing the PDF, first right after the import and again; the
figures alone in-process (wall, and CPU of all threads). `--refold` drops the facts first (what a store
upgraded from before the import wrote them derives once, with progress).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from exchange_benchmark import PASSWORD, month_slice, office_package

from beratung_desktop.domain.statistics import Period
from beratung_desktop.exchange import package
from beratung_desktop.services import accounts, demo, exchange, organisation, organisation_report
from beratung_desktop.storage.keyslots import TEST_KDF

CACHE = Path(tempfile.gettempdir()) / "beratung-scale"


def build(target: Path, office_folder: Path, offices: int, month: str) -> None:
    work = Path(tempfile.mkdtemp(prefix="org-report-bench-"))
    try:
        shutil.copytree(office_folder, work / "office", ignore=shutil.ignore_patterns("backups"))
        office = accounts.unlock(work / "office", demo.DEMO_USER, demo.DEMO_PASSWORD)
        org, _recovery, org_key = organisation.init(work / "org", "it", PASSWORD, "Benchmark", kdf=TEST_KDF)
        exchange.enroll(office, org_key, "Demo")
        records = month_slice(exchange.collect(office, "statistics", None), month)
        office.close()
        counts = {t: len(rows) for t, rows in records.items()}
        print(f"one month ({month}) of the office: {sum(counts.values())} records {counts}", flush=True)
        inbox = work / "inbox"
        inbox.mkdir()
        for n in range(offices):
            data = office_package(org, org_key, work, n, month, records)
            (inbox / f"office-{n:02d}{package.SUFFIX}").write_bytes(data)
        t0, c0 = time.perf_counter(), time.process_time()
        outcomes = organisation.import_packages(org, inbox)
        print(
            f"imported {len(outcomes)} packages in {time.perf_counter() - t0:.1f} s wall, "
            f"{time.process_time() - c0:.1f} s CPU (in-process; exchange_benchmark.py times the command)",
            flush=True,
        )
        org.close()
        shutil.move(str(work / "org"), str(target))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def python_figures(session, period: Period):
    """The figures as computed before they were counted in SQL: every current record decoded."""
    from beratung_desktop.domain.catalogues import FORMS, TOPICS
    from beratung_desktop.domain.statistics import Records, compute
    from beratung_desktop.exchange import imported_records

    found = organisation.current_records_of(session, "clients", "cases", "consultations", "activities")

    def live(record_type: str):
        return [(d, r) for d, _office, r in found[record_type] if not r["deleted"]]

    records = Records(
        clients={c.id: c for c in (imported_records.client(d, r) for d, r in live("clients"))},
        cases={c.id: c for c in (imported_records.case(d, r) for d, r in live("cases"))},
        consultations=[imported_records.consultation(d, r) for d, r in live("consultations")],
        activities=[imported_records.activity(d, r) for d, r in live("activities")],
    )
    return compute(period, records, form_order=FORMS.codes(), topic_order=TOPICS.codes())


def report_process(folder: Path, month: str, out: Path) -> float:
    command = [
        sys.executable,
        "-c",
        "import sys; from beratung_desktop.cli import main; sys.exit(main())",
        *("--lang", "en", "--data-dir", str(folder), "--user", "it", "--password-stdin"),
        *("org", "report", "monthly", "--month", month, "--out", str(out)),
    ]
    t0 = time.perf_counter()
    subprocess.run(command, input=PASSWORD + "\n", capture_output=True, text=True, check=True)
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE, help="folder for the organisation store")
    parser.add_argument("--office", type=Path, default=CACHE / "office-20000")
    parser.add_argument("--offices", type=int, default=50)
    parser.add_argument("--month", default="2026-05")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", action="store_true", help="also compute the figures the way before")
    parser.add_argument("--refold", action="store_true", help="drop the summary facts first (as after the import)")
    args = parser.parse_args()
    target = args.cache / f"org-{args.offices}-{args.month}"
    fresh = not target.exists()
    if fresh:
        build(target, args.office, args.offices, args.month)
    if args.refold:
        session = accounts.unlock(target, "it", PASSWORD)
        with session.store.transaction():
            session.store.organisation_facts.clear()
        session.close()
    out = Path(tempfile.mkdtemp(prefix="org-report-out-"))
    try:
        if fresh or args.refold:
            first = report_process(target, args.month, out / "first.pdf")
            print(f"org report monthly, first after the import (folds the facts in): {first:.2f} s", flush=True)
        runs = [report_process(target, args.month, out / f"r{n}.pdf") for n in range(args.runs)]
        session = accounts.unlock(target, "it", PASSWORD)
        period = Period.parse_month(args.month)
        figures, cpu = [], []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            summary = organisation_report.summary(session, period)
            figures.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)  # every thread of the process
        before = float("nan")
        if args.compare:
            t0 = time.perf_counter()
            old = python_figures(session, period)
            before = time.perf_counter() - t0
            assert old == summary.current, "SQL and Python figures differ"
        session.close()
        print(
            f"org report monthly PDF, fresh process incl. unlock: median {statistics.median(runs):.2f} s "
            f"(runs {', '.join(f'{r:.2f}' for r in runs)}); figures alone {statistics.median(figures):.2f} s wall, "
            f"CPU best {min(cpu):.2f} s "
            f"({summary.current.consultations:,} consultations, {summary.current.clients_counselled:,} clients); "
            f"the same figures the way before (every current record decoded, computed in Python) {before:.2f} s"
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
