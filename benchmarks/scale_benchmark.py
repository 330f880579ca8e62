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
import statistics
import subprocess
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


def ms(seconds: float) -> float:
    return seconds * 1000


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def child(code: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    """Wall time of a fresh interpreter running `code` (start-up included) and its last output line."""
    wall, _cpu, line = child_times(code, env)
    return wall, line


def child_times(code: str, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall and CPU time (user + system) of a fresh interpreter running `code`, and its last output line.
    The CPU time does not grow with the load of a shared machine; the wall time does."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, (out.strip().splitlines() or [""])[-1]


def bytecode_env(prefix: str) -> dict[str, str]:
    """The installed app runs from precompiled .pyc files (installer/build.py); a development shell may
    forbid writing them (PYTHONDONTWRITEBYTECODE), and then every start compiles every module again.
    This environment keeps the bytecode in a private folder instead, as an installation has it."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": prefix}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def window_pair(folder: Path, runs: int, env: dict[str, str] | None) -> tuple[float, float, float, float]:
    """Medians of wall and CPU time of a bare PySide6 window and of the unlock window, each in a fresh
    process, interleaved so a burst of load on the shared machine hits both alike: bare wall, unlock
    wall, bare CPU, unlock CPU."""
    bare, unlock = [], []
    for _ in range(runs):
        bare.append(child_times(BARE_WINDOW, env))
        unlock.append(child_times(UNLOCK_WINDOW.format(folder=str(folder)), env))
    return (
        statistics.median(b[0] for b in bare),
        statistics.median(u[0] for u in unlock),
        statistics.median(b[1] for b in bare),
        statistics.median(u[1] for u in unlock),
    )


BARE_WINDOW = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6 import QtWidgets
app = QtWidgets.QApplication(sys.argv[:1])
w = QtWidgets.QWidget(); w.resize(400, 300); w.show(); app.processEvents()
os._exit(0)
"""

UNLOCK_WINDOW = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from beratung_desktop.app import DesktopApp
app = DesktopApp(["--data-dir", sys.argv[1] if len(sys.argv) > 1 else {folder!r}])
assert app.unlock_screen is not None and app.unlock_screen.isVisible()
app.qt.processEvents()
os._exit(0)
"""

REPORT = """
import resource, time
from datetime import date
from beratung_desktop.domain.statistics import Period
from beratung_desktop.services import accounts, printing
from beratung_desktop.services.demo import DEMO_PASSWORD, DEMO_USER
session = accounts.unlock({folder!r}, DEMO_USER, DEMO_PASSWORD)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

def timed():
    t0, c0 = time.perf_counter(), time.process_time()
    printing.monthly_summary_pdf(session, {period}, today=date(2026, 6, 15))
    return time.perf_counter() - t0, time.process_time() - c0

session.store.stored_figures.clear()  # cold: every count from the records
first, _ = timed()  # the first print also loads reportlab and the fonts
session.store.stored_figures.clear()
cold, cold_cpu = timed()  # counts both periods and keeps them (they have ended)
stored, stored_cpu = timed()  # as printed after the warm-up: the stored counts
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(first, cold, cold_cpu, stored, stored_cpu, before / 1024, peak)
"""

RENDER = """
import resource, sys, time
from datetime import date
from beratung_desktop.domain.statistics import Period
from beratung_desktop.i18n.translation import set_language
from beratung_desktop.services import accounts, printing, statistics
from beratung_desktop.services.demo import DEMO_PASSWORD, DEMO_USER
set_language("de")  # as the app does at start-up, before anything is printed
def status(field):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) / 1024 for line in f if line.startswith(field))
session = accounts.unlock({folder!r}, DEMO_USER, DEMO_PASSWORD)
unlock_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
period, today = {period}, date(2026, 6, 15)
comparison = statistics.summary(session, period)
figures_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
before = status("VmRSS:")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # resets the peak (VmHWM): what follows is the rendering's own peak
t0 = time.perf_counter()
import beratung_desktop.reports.monthly_summary
out = [time.perf_counter() - t0]
for language in ("de", "ar"):
    times = []
    for _ in range(4):
        t0, c0 = time.perf_counter(), time.process_time()
        printing.monthly_summary_pdf(session, period, comparison=comparison, language=language, today=today)
        times.append((time.perf_counter() - t0, time.process_time() - c0))
    out += [*times[0], min(w for w, _c in times[1:]), min(c for _w, c in times[1:])]
print(*out, unlock_peak, figures_peak, before, status("VmHWM:"), int(sys.flags.dont_write_bytecode))
"""

HEAVY_MODULES = ("reportlab", "openpyxl", "sqlite_utils", "click", "dateutil", "pyrage", "beratung_desktop.exchange")


def startup(folder: Path, runs: int) -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory(prefix="beratung-pyc-") as prefix:
        env = bytecode_env(prefix)
        window_pair(folder, 1, env)  # compiles the bytecode once, as the installer does
        b, u, b_cpu, u_cpu = window_pair(folder, runs, env)
    b_src, u_src, b_src_cpu, u_src_cpu = window_pair(folder, runs, None)
    version = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "beratung_desktop.cli", "--version"], capture_output=True, check=True)
        version.append(time.perf_counter() - t0)
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import beratung_desktop.app, beratung_desktop.cli"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    loaded = sorted({line.split("|")[-1].strip().split(".")[0] for line in trace.splitlines() if "|" in line})
    heavy = [m for m in HEAVY_MODULES if m.split(".")[0] in loaded and (m != "beratung_desktop.exchange" or m in trace)]
    return [
        (
            "unlock window visible (fresh process, .pyc as installed)",
            f"{ms(u):.0f} ms = {u / b:.2f}x bare; CPU {ms(u_cpu):.0f} ms = {u_cpu / b_cpu:.2f}x",
            f"bare PySide6 window {ms(b):.0f} ms, CPU {ms(b_cpu):.0f} ms",
        ),
        (
            "unlock window visible (fresh process, this shell's bytecode setting)",
            f"{ms(u_src):.0f} ms = {u_src / b_src:.2f}x bare; "
            f"CPU {ms(u_src_cpu):.0f} ms = {u_src_cpu / b_src_cpu:.2f}x",
            f"bare PySide6 window {ms(b_src):.0f} ms, CPU {ms(b_src_cpu):.0f} ms",
        ),
        ("beratung-admin --version (fresh process)", f"{ms(statistics.median(version)):.0f} ms", "< 300 ms"),
        ("heavy modules imported at start (-X importtime)", ", ".join(heavy) or "none", "none"),
    ]


def client_list(session, app, view, model, runs: int) -> list[tuple[str, str, str]]:
    from beratung_desktop.ui.clients.list_model import COLUMNS
    from beratung_desktop.ui.qt import Qt

    longest = [0.0]  # the longest single stretch the window thread was busy while settling

    def pump() -> None:
        t0 = time.perf_counter()
        app.processEvents()
        longest[0] = max(longest[0], time.perf_counter() - t0)

    def settle() -> float:
        start = time.perf_counter()
        while model.is_loading:
            pump()
            time.sleep(0.002)
        pump()
        return time.perf_counter() - start

    rows = []
    worst_blocked, worst_ready = ("", 0.0), ("", 0.0)
    for column, (key, _label) in enumerate(COLUMNS):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            blocked_runs, ready_runs = [], []
            for _ in range(runs):
                view.table.sortByColumn(1 if column != 1 else 0, Qt.SortOrder.AscendingOrder)
                settle()
                start = time.perf_counter()
                view.table.sortByColumn(column, order)
                app.processEvents()
                first = time.perf_counter() - start
                longest[0] = 0.0
                ready_runs.append(first + settle())
                # Blocked: the start of the sort, or the showing of its result, whichever is longer.
                blocked_runs.append(max(first, longest[0]))
            name = f"{key} {'desc' if order else 'asc'}"
            worst_blocked = max(worst_blocked, (name, statistics.median(blocked_runs)), key=lambda x: x[1])
            worst_ready = max(worst_ready, (name, statistics.median(ready_runs)), key=lambda x: x[1])
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    settle()
    rows.append(
        (
            "sort, window thread blocked incl. repaint, longest stretch (16 orders, median of runs each)",
            f"max {ms(worst_blocked[1]):.0f} ms ({worst_blocked[0]})",
            "< 100 ms",
        )
    )
    rows.append(("sort, until shown (worker + busy bar)", f"max {ms(worst_ready[1]):.0f} ms ({worst_ready[0]})", "-"))
    blocked_f, ready_f = [], []
    for combo, value in ((view.service, "mbe"), (view.case_state, "open"), (view.case_state, "closed")):
        start = time.perf_counter()
        combo.setCurrentIndex(combo.findData(value))
        first = time.perf_counter() - start
        longest[0] = 0.0
        ready_f.append(first + settle())
        blocked_f.append(max(first, longest[0]))
        combo.setCurrentIndex(0)
        settle()
    rows.append(
        ("service / open / closed filter, window thread blocked", f"max {ms(max(blocked_f)):.0f} ms", "< 100 ms")
    )
    rows.append(("same filters, until shown", f"max {ms(max(ready_f)):.0f} ms", "-"))
    return rows


def search(session, app, view, runs: int) -> list[tuple[str, str, str]]:
    sys.path.insert(0, str(Path(__file__).parent))
    from ui_benchmark import TYPED, keystrokes

    from beratung_desktop.storage.client_list import ListQuery

    strokes_cpu: list[float] = []
    strokes = [t / 1000 for _ in range(runs) for t in keystrokes(app, view, strokes_cpu)]  # ms -> s
    prefixes = [w[:end] for w in TYPED for end in range(2, len(w) + 1)]
    store = session.store
    ours, bare = [], []
    # CPU per prefix, best of the runs: wall times on a shared machine mostly measure the other jobs.
    ours_cpu: dict[str, float] = {}
    bare_cpu: dict[str, float] = {}
    for _ in range(runs):
        for text in prefixes:
            t0, c0 = time.perf_counter(), time.process_time()
            store.client_list.ids(ListQuery(text=text), TODAY)
            ours.append(time.perf_counter() - t0)
            ours_cpu[text] = min(ours_cpu.get(text, 1e9), time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            store.clients.unranked_match_ids(text, 2000)
            bare.append(time.perf_counter() - t0)
            bare_cpu[text] = min(bare_cpu.get(text, 1e9), time.process_time() - c0)
    o, b = list(ours_cpu.values()), list(bare_cpu.values())
    return [
        (
            "per keystroke (model reset + paint)",
            f"p95 {ms(pct(strokes, 0.95)):.1f} ms, median {ms(statistics.median(strokes)):.1f} ms",
            "p95 < 50 ms",
        ),
        (
            "per keystroke, CPU",
            f"p95 {pct(strokes_cpu, 0.95):.1f} ms, median {statistics.median(strokes_cpu):.1f} ms",
            "-",
        ),
        (
            "search p95 vs bare FTS5 query (same prefixes)",
            f"{ms(pct(ours, 0.95)):.1f} ms vs {ms(pct(bare, 0.95)):.1f} ms = {pct(ours, 0.95) / pct(bare, 0.95):.1f}x",
            "<= 2x",
        ),
        (
            "search CPU per prefix (best of runs), ours vs bare FTS5 query",
            f"p50 {ms(statistics.median(o)):.1f} vs {ms(statistics.median(b)):.1f} ms, "
            f"p95 {ms(pct(o, 0.95)):.1f} vs {ms(pct(b, 0.95)):.1f} ms = {pct(o, 0.95) / pct(b, 0.95):.1f}x",
            "<= 2x",
        ),
    ]


def reports(folder: Path, session, runs: int) -> list[tuple[str, str, str]]:
    """Each summary twice: cold (stored figures cleared, every count from the records) and as printed
    after the warm-up (the closed periods' stored counts)."""
    from beratung_desktop.domain.statistics import Period
    from beratung_desktop.services import statistics as summaries
    from beratung_desktop.storage.statistics_queries import raw_consultation_rows

    rows = []
    for label, period, target in (
        ("monthly summary PDF (May 2026)", Period.month(2026, 5), "<= 1 s, <= 300 MB"),
        ("yearly summary PDF (2025)", Period.year(2025), "<= 2 s, <= 300 MB"),
    ):
        printed: dict[str, list[float]] = {k: [] for k in ("first", "cold", "cold_cpu", "stored", "stored_cpu")}
        peaks = []
        code = f"Period({period.start!r}, {period.end!r})".replace("datetime.date", "date")
        for _ in range(max(1, runs // 2)):
            _wall, line = child(REPORT.format(folder=str(folder), period=code))
            values = [float(x) for x in line.split()]
            for key, value in zip(printed, values, strict=False):
                printed[key].append(value)
            peaks.append(values[-1])
        figures: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
        for reuse in (False, True):
            for _ in range(max(1, runs // 2)):
                t0, c0 = time.perf_counter(), time.process_time()
                summaries.summary(session, period, reuse=reuse)
                figures[reuse].append((time.perf_counter() - t0, time.process_time() - c0))
        raw, count = [], 0
        for _ in range(max(1, runs // 2)):
            t0 = time.perf_counter()
            with session.store.reading():
                count = sum(len(raw_consultation_rows(session.store, p)) for p in (period, period.previous()))
            raw.append(time.perf_counter() - t0)
        med = {k: statistics.median(v) for k, v in printed.items()}
        wall = {r: statistics.median(w for w, _c in figures[r]) for r in figures}
        cpu = {r: min(c for _w, c in figures[r]) for r in figures}
        rows.append(
            (
                label,
                f"stored counts (after the warm-up): {med['stored']:.2f} s, CPU {med['stored_cpu']:.2f} s; "
                f"cold: {med['cold']:.2f} s, CPU {med['cold_cpu']:.2f} s ({med['first']:.2f} s as the first print "
                f"of the process); peak RSS {max(peaks):.0f} MB; figures alone (both periods) stored "
                f"{ms(wall[True]):.0f} ms (CPU {ms(cpu[True]):.0f} ms), cold {wall[False]:.2f} s "
                f"(CPU {cpu[False]:.2f} s)",
                f"{target}; floor: raw read of the {count:,} consultations of both periods "
                f"{statistics.median(raw):.2f} s",
            )
        )
    return rows


def rendering(folder: Path, runs: int) -> list[tuple[str, str, str]]:
    """The summary PDF alone, its figures already computed, in a fresh process (Linux: peaks from /proc)."""
    from beratung_desktop.domain.statistics import Period

    rows = []
    for label, period in (("monthly (May 2026)", Period.month(2026, 5)), ("yearly (2025)", Period.year(2025))):
        code = f"Period({period.start!r}, {period.end!r})".replace("datetime.date", "date")
        found = [
            [float(x) for x in child(RENDER.format(folder=str(folder), period=code))[1].split()]
            for _ in range(max(1, runs // 2))
        ]
        v = [statistics.median(column) for column in zip(*found, strict=True)]
        imports, de_first, de_first_cpu, de_wall, de_cpu, ar_first, ar_first_cpu, ar_wall, ar_cpu = v[:9]
        unlock, figures, before, render_peak, no_pyc = v[9:]
        compiled = " (no .pyc: PYTHONDONTWRITEBYTECODE, every import compiles)" if no_pyc else ""
        rows.append(
            (
                f"summary PDF rendering only, {label}, figures already computed",
                f"German {ms(de_wall):.0f} ms (CPU {ms(de_cpu):.0f} ms), first in the process {ms(de_first):.0f} ms "
                f"(CPU {ms(de_first_cpu):.0f} ms) after {ms(imports):.0f} ms of imports{compiled}; Arabic "
                f"{ms(ar_wall):.0f} ms (CPU {ms(ar_cpu):.0f} ms), first {ms(ar_first):.0f} ms (CPU "
                f"{ms(ar_first_cpu):.0f} ms); RSS {before:.0f} MB before, peak {render_peak:.0f} MB while rendering "
                f"(process peak: {unlock:.0f} MB after sign-in, {figures:.0f} MB after the figures)",
                "render ~0.3 s; <= 300 MB",
            )
        )
    return rows


def warm_up(session) -> tuple[str, str, str]:
    """The background counting after sign-in, from nothing stored: what it costs and what it keeps."""
    from beratung_desktop.services import statistics as summaries

    session.store.stored_figures.clear()
    t0, c0 = time.perf_counter(), time.process_time()
    counted = summaries.warm_up(session, lambda: False)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    size = session.store.stored_figures.size()
    return (
        "warm-up after sign-in (stored counts of 13 months and 2 years, whole office)",
        f"{counted} periods in {wall:.1f} s wall, {cpu:.1f} s CPU; stored {size:,} bytes",
        "in the background, idle priority",
    )


def search_during_report(session, runs: int) -> tuple[str, str, str]:
    from beratung_desktop.app import SWITCH_INTERVAL_S
    from beratung_desktop.domain.statistics import Period
    from beratung_desktop.services import printing
    from beratung_desktop.storage.client_list import ListQuery

    sys.setswitchinterval(SWITCH_INTERVAL_S)  # as the app does at start
    done = threading.Event()

    def report() -> None:
        while not done.is_set():
            printing.monthly_summary_pdf(session, Period.month(2026, 5), today=TODAY)

    worker = threading.Thread(target=report, daemon=True)
    worker.start()
    times = []
    deadline = time.perf_counter() + 5 * runs
    words = ["ah", "ahm", "ahma", "te", "tes", "ko", "kov", "ha", "had"]
    while time.perf_counter() < deadline:
        for w in words:
            t0 = time.perf_counter()
            session.store.client_list.ids(ListQuery(text=w), TODAY)
            times.append(time.perf_counter() - t0)
            time.sleep(0.02)
    done.set()
    worker.join()
    return (
        "search while a report renders in a worker",
        f"p95 {ms(pct(times, 0.95)):.1f} ms, max {ms(max(times)):.0f} ms ({len(times)} searches)",
        "p95 < 50 ms",
    )


def window(session, folder: Path, app, runs: int) -> tuple[str, str, str]:
    from beratung_desktop.config import Settings, SettingsStore
    from beratung_desktop.ui.main_window import MainWindow
    from beratung_desktop.ui.qt import QtCore

    builds, cpu = [], []
    for _ in range(runs):
        store = SettingsStore(folder.parent / "bench-machine.json", folder.parent / "bench-user.json")
        t0, c0 = time.perf_counter(), time.thread_time()
        main = MainWindow(session, store, Settings())
        main.resize(1280, 800)
        main.show()
        app.processEvents()
        builds.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)  # the window thread's own CPU: workers and other load excluded
        main.close()
        main.deleteLater()
        QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
        # A worker the window started must not run into the next measurement.
        QtCore.QThreadPool.globalInstance().waitForDone()
    return (
        "main window after sign-in",
        f"median {ms(statistics.median(builds)):.0f} ms, window thread CPU {ms(statistics.median(cpu)):.0f} ms "
        f"(first in the process {ms(builds[0]):.0f} ms)",
        "< 100 ms",
    )


PARTS = ("build", "startup", "list", "search", "reports", "render", "warmup", "concurrent", "window")


def measure(folder: Path, runs: int, parts: tuple[str, ...] = PARTS) -> list[tuple[str, str, str]]:
    import gc

    from beratung_desktop.services import accounts, demo
    from beratung_desktop.ui.clients.list_view import ClientListView
    from beratung_desktop.ui.qt import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    session = accounts.unlock(folder, demo.DEMO_USER, demo.DEMO_PASSWORD)
    try:
        view = ClientListView(session)
        view.resize(1060, 700)
        view.show()
        app.processEvents()
        gc.collect()
        gc.freeze()
        rows = client_list(session, app, view, view.model, runs) if "list" in parts else []
        rows += search(session, app, view, runs) if "search" in parts else []
        rows += reports(folder, session, runs) if "reports" in parts else []
        rows += rendering(folder, runs) if "render" in parts else []
        rows += [warm_up(session)] if "warmup" in parts else []
        rows += [search_during_report(session, runs)] if "concurrent" in parts else []
        rows += [window(session, folder, app, runs)] if "window" in parts else []
        view.close()
    finally:
        session.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000,200000")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--parts", default=",".join(PARTS), help="which figures: " + ", ".join(PARTS))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    parts = tuple(args.parts.split(","))
    args.cache.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        folder = args.cache / f"office-{size}"
        b = build(folder, size)
        if args.build_only:
            print(json.dumps(b), flush=True)
            continue
        rows = (
            []
            if "build" not in parts
            else [
                (
                    "demo-data build",
                    f"{b['wall_s']:.0f} s wall, {b['cpu_s']:.0f} s CPU; WAL peak {b['peak_wal_mb']:.0f} MB, "
                    f"disk peak {b['peak_disk_mb']:.0f} MB for a {b['database_mb']:.0f} MB database",
                    "linear in size, WAL bounded",
                )
            ]
        )
        rows += startup(folder, args.runs) if "startup" in parts else []
        rows += measure(folder, args.runs, parts)
        print(f"\n## {size:,} clients (medians of {args.runs} runs, load average {os.getloadavg()[0]:.1f})")
        for row in rows:
            print("| " + " | ".join(row) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
