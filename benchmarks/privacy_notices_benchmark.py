"""CPU of the start page's privacy notices (`services.privacy.start_notices`) on an existing demo store.

    uv run python benchmarks/privacy_notices_benchmark.py FOLDER [--runs 3] [--today 2026-11-29]

FOLDER is a store built by `scale_benchmark.py` (demo user). A branch that adds a migration must run
this on a copy: unlocking migrates the store. Prints the best CPU time (`time.process_time`) of the runs,
the clients due for review and the review list's own CPU; record results in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from pathlib import Path

from beratung_desktop.config import SettingsStore
from beratung_desktop.services import accounts, demo, privacy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args()
    folder: Path = args.folder
    settings = SettingsStore(folder.parent / "bench-machine.json", folder.parent / "bench-user.json")
    session = accounts.unlock(folder, demo.DEMO_USER, demo.DEMO_PASSWORD)
    try:
        notices_cpu, list_cpu = [], []
        for _ in range(args.runs):
            c0 = time.process_time()
            notices = privacy.start_notices(session, settings, args.today)
            notices_cpu.append(time.process_time() - c0)
            c0 = time.process_time()
            items = privacy.review_list(session, privacy.policy_from_settings(session, settings), args.today)
            list_cpu.append(time.process_time() - c0)
        print(
            f"start_notices: best CPU {min(notices_cpu):.3f} s of {args.runs} "
            f"({', '.join(f'{c:.3f}' for c in notices_cpu)}); due for review {notices.due_for_review}; "
            f"review_list: best CPU {min(list_cpu):.3f} s ({len(items)} items); "
            f"load average {os.getloadavg()[0]:.1f}"
        )
    finally:
        session.close()


if __name__ == "__main__":
    main()
