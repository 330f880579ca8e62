"""Scale benchmark: the figures of a large office at 2,000, 20,000 and 200,000 clients.

    uv run python benchmarks/scale_benchmark.py [--sizes 2000,20000,200000] [--cache DIR] [--runs 5]
    uv run python benchmarks/scale_benchmark.py --build-only --sizes 200000   # build the store once

The demo stores are built once into DIR (default: `beratung-scale` in the system temp folder) and reused;
the build's own figures (wall and CPU time, peak WAL and disk use, sampled every 0.1 s) are kept in
`build.json` beside each store. Each size prints every figure of the scale table with its floor measured
in the same run: a bare FTS5 prefix query for the search, a raw read of the same rows for the client
list and the reports, a bare PySide6 window for start-up. Medians of --runs repetitions: the machine
is shared, single timings are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 6, 15)
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "beratung-scale"


class DiskWatch:
    """Samples the size of the WAL and of all files of a store folder while something writes there."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.peak_wal = 0
        self.peak_disk = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sizes(self) -> tuple[int, int]:
        wal = disk = 0
        if self.folder.exists():
            for item in self.folder.iterdir():
                try:
                    size = item.stat().st_size
                except OSError:
                    continue
                disk += size
                if item.name.endswith("-wal"):
                    wal += size
        return wal, disk

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            wal, disk = self._sizes()
            self.peak_wal, self.peak_disk = max(self.peak_wal, wal), max(self.peak_disk, disk)

    def __enter__(self) -> DiskWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def build(folder: Path, clients: int) -> dict:
    """Builds the demo store unless present; returns the figures of the build that made it."""
    from beratung_desktop.services.demo import ensure_demo_store
    from beratung_desktop.storage.keyslots import TEST_KDF

    note = folder.with_name(folder.name + ".build.json")
    if (folder / "beratung.db").exists() and note.exists():
        return json.loads(note.read_text())
    print(f"building {clients} clients in {folder} …", flush=True)
    building = folder.with_name(folder.name + ".creating")
    with DiskWatch(building) as watch:
        c0, t0 = time.process_time(), time.perf_counter()
        ensure_demo_store(folder, clients, kdf=TEST_KDF, today=TODAY)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    figures = {
        "clients": clients,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "peak_wal_mb": round(watch.peak_wal / 2**20, 1),
        "peak_disk_mb": round(watch.peak_disk / 2**20, 1),
        "database_mb": round((folder / "beratung.db").stat().st_size / 2**20, 1),
        "load_average": os.getloadavg()[0],
    }
    note.write_text(json.dumps(figures, indent=1))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000,200000")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.cache.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        figures = build(args.cache / f"office-{size}", size)
        print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
