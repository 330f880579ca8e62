"""Monthly summary on a large demo store: loading and computing the figures, and rendering the PDF.

    uv run python benchmarks/report_benchmark.py [--clients 20000] [--data-dir DIR] [--runs 5]

The demo store is built once in DIR (default: a folder in the system temp directory) and reused.
Prints the median of the runs; record results in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics as stats
import tempfile
import time
from datetime import date
from pathlib import Path

from beratung_desktop.domain.statistics import Period
from beratung_desktop.services import accounts, printing
from beratung_desktop.services import statistics as figures
from beratung_desktop.services.demo import ensure_demo_store
from beratung_desktop.storage.keyslots import TEST_KDF

TODAY = date(2026, 6, 15)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.data_dir or Path(tempfile.gettempdir()) / f"beratung-bench-{args.clients}"
    started = time.perf_counter()
    user, password = ensure_demo_store(folder, args.clients, kdf=TEST_KDF, today=TODAY)
    print(f"store ready in {time.perf_counter() - started:.1f} s ({folder})")
    session = accounts.unlock(folder, user, password)
    period = Period.month(2026, 5)
    try:
        counts = figures.summary(session, period).current
        print(
            f"May 2026: {counts.clients_counselled} clients, {counts.consultations} consultations, "
            f"{counts.cases_active} open cases"
        )
        load, render, total, cpu = [], [], [], []
        for _ in range(args.runs):
            c0, t0 = time.process_time(), time.perf_counter()
            comparison = figures.summary(session, period)
            t1 = time.perf_counter()
            pdf = printing.monthly_summary_pdf(session, period, comparison=comparison, today=TODAY)
            t2 = time.perf_counter()
            load.append(t1 - t0)
            render.append(t2 - t1)
            total.append(t2 - t0)
            cpu.append(time.process_time() - c0)
        print(f"figures (query + compute, both periods): {stats.median(load) * 1000:.0f} ms")
        print(f"PDF rendering ({len(pdf) // 1024} KiB): {stats.median(render) * 1000:.0f} ms")
        print(
            f"monthly summary total: {stats.median(total) * 1000:.0f} ms wall, "
            f"{stats.median(cpu) * 1000:.0f} ms CPU (median of {args.runs}; wall includes waiting for a "
            "busy machine)"
        )
        t0 = time.perf_counter()
        printing.monthly_summary_pdf(session, Period.year(2025), today=TODAY)
        print(f"yearly summary 2025 total: {(time.perf_counter() - t0) * 1000:.0f} ms")
    finally:
        session.close()


if __name__ == "__main__":
    main()
