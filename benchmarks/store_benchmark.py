"""Store benchmark: demo office, 20,000 clients and ~200,000 consultations, SQLCipher against plain SQLite.

Measures the insert rate of the demo generator, the time to open an existing store (excluding Argon2:
the Store constructor with the raw key, plus a first search), and client search latency over realistic
queries (name prefixes, full names, transliteration variants, original script, client numbers, dates of
birth). The same workload then runs on plain SQLite: the benchmark swaps the storage's Database class
for an unencrypted one in this process only, so the same migrations and repositories run unchanged.

Run: uv run python benchmarks/store_benchmark.py [--clients 20000] [--queries 200] [--variants ...]
Each variant runs in its own process (SQLCipher's memory security setting is process-wide).
Targets: search p95 <= 20 ms, open <= 1 s excluding Argon2, SQLCipher/plain ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlcipher3

from beratung_desktop.services import accounts, demo
from beratung_desktop.services.demo_population import names_dir
from beratung_desktop.storage import connection
from beratung_desktop.storage import store as store_module
from beratung_desktop.storage.keyslots import TEST_KDF, KeyFile
from beratung_desktop.storage.repository import Repository
from beratung_desktop.storage.store import Store

USER = "bench"
PASSWORD = "benchmark-password"
TODAY = date(2026, 11, 23)


class PlainDatabase(connection.Database):
    """The storage Database on an unencrypted SQLite file: same pragmas, no key. Benchmark only."""

    def __init__(self, path: Path, key: bytes):
        self.path = Path(path)
        self.conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            "secure_delete = ON",
            "temp_store = MEMORY",
        ):
            self.conn.execute(f"PRAGMA {pragma}")
        self.lock = threading.RLock()
        self._depth = 0
        self._key = key
        self._local = threading.local()
        # No read-only second connection (it would set a key on the plain file): reading() stays on this one.
        self.exclusive = True


def connect_with_memory_security(path: Path, key: bytes) -> sqlcipher3.Connection:
    """connect() with `cipher_memory_security = ON`, to show what that pragma costs."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(connection._key_pragma(key))
    conn.execute("PRAGMA cipher_memory_security = ON")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    for pragma in (
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
        "secure_delete = ON",
        "temp_store = MEMORY",
    ):
        conn.execute(f"PRAGMA {pragma}")
    return conn


@contextlib.contextmanager
def patched(module: object, name: str, value: object) -> Iterator[None]:
    original = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, original)


@contextlib.contextmanager
def timed_add_many() -> Iterator[list[float]]:
    """Sums the wall time spent in Repository.add_many: the insert cost without the generator."""
    spent = [0.0]
    original = Repository.add_many

    def add_many(self, records):
        start = time.perf_counter()
        try:
            return original(self, records)
        finally:
            spent[0] += time.perf_counter() - start

    with patched(Repository, "add_many", add_many):
        yield spent


@contextlib.contextmanager
def database_class(cls: type) -> Iterator[None]:
    original = store_module.Database
    store_module.Database = cls
    try:
        yield
    finally:
        store_module.Database = original


@dataclass
class Result:
    label: str
    records: int
    consultations: int
    build_s: float
    build_cpu_s: float
    add_many_s: float
    open_s: float
    open_first_search_s: float
    latencies_ms: list[float]
    bare_latencies_ms: list[float] = dataclasses.field(default_factory=list)

    @property
    def insert_rate(self) -> float:
        return self.records / self.build_s

    @property
    def add_many_rate(self) -> float:
        return self.records / self.add_many_s

    def percentile(self, p: float, bare: bool = False) -> float:
        ordered = sorted(self.bare_latencies_ms if bare else self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _variant_groups() -> list[set[str]]:
    """Latin spellings that share one original (Mohammed/Muhammad/Mohamed), from the name lists."""
    by_original: dict[str, set[str]] = {}
    for path in sorted(names_dir().glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["latin"] != row["original"]:
                    by_original.setdefault(row["original"], set()).add(row["latin"])
    return [group for group in by_original.values() if len(group) > 1]


def queries(store: Store, count: int, seed: int = 99) -> list[str]:
    rng = random.Random(seed)
    clients = store.clients.ordered_by_number()
    sample = [clients[rng.randrange(len(clients))] for _ in range(count)]
    variants = {name: group for group in _variant_groups() for name in group}
    result = []
    for i, c in enumerate(sample):
        kind = i % 8
        if kind == 0:
            result.append(c.family_name[: rng.randint(3, 5)])
        elif kind == 1:
            result.append(f"{c.given_name} {c.family_name}")
        elif kind == 2:
            others = sorted(variants.get(c.given_name, {c.given_name}) - {c.given_name}) or [c.given_name]
            result.append(rng.choice(others))
        elif kind == 3:
            result.append(c.client_number)
        elif kind == 4:
            born = c.birth_date
            result.append(born.strftime("%d.%m.%Y") if born else str(c.birth_year))
        elif kind == 5:
            result.append(c.family_name_original or c.family_name)
        elif kind == 6:
            result.append(f"{c.given_name[:3]} {c.family_name[:3]}")
        else:
            result.append(c.given_name[: rng.randint(2, 4)])
    return result


def bare_prefix_query(store: Store, text: str, limit: int = 50) -> list[str]:
    """The floor to compare with: one FTS5 prefix query per word on the name column, no ranking."""
    return store.clients.unranked_prefix_ids(text, limit)


def run(label: str, folder: Path, clients: int, query_count: int, seed: int) -> Result:
    session, _recovery = accounts.create_store(folder, USER, PASSWORD, office_name="Benchmark", kdf=TEST_KDF, demo=True)
    start, cpu = time.perf_counter(), time.process_time()
    with timed_add_many() as add_many_s:
        summary = demo.generate(session, clients, seed=seed, today=TODAY, kdf=TEST_KDF)
    build_s, build_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    session.close()
    records = sum(count for _name, count in summary.items())

    key = KeyFile.load(folder).unwrap(USER, PASSWORD)  # Argon2 with TEST_KDF: not part of the timing
    start = time.perf_counter()
    store = Store(folder, key)
    open_s = time.perf_counter() - start
    store.clients.search("Ahmad")
    open_first_search_s = time.perf_counter() - start

    latencies, bare = [], []
    for text in queries(store, query_count):
        t = time.perf_counter()
        store.clients.search(text)
        latencies.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        bare_prefix_query(store, text)
        bare.append((time.perf_counter() - t) * 1000)
    store.close()
    return Result(
        label,
        records,
        summary.consultations,
        build_s,
        build_cpu_s,
        add_many_s[0],
        open_s,
        open_first_search_s,
        latencies,
        bare,
    )


def report(result: Result, clients: int) -> None:
    lat = result.latencies_ms
    print(f"[{result.label}] {clients} clients, {result.consultations} consultations, {result.records} records")
    print(
        f"  build {result.build_s:.1f} s wall, {result.build_cpu_s:.1f} s CPU = "
        f"{result.insert_rate:,.0f} records/s (generator included)"
    )
    print(
        f"  add_many {result.add_many_s:.1f} s = {result.add_many_rate:,.0f} records/s "
        f"(mapping, SQL and search index only)"
    )
    print(f"  open {result.open_s * 1000:.0f} ms, open + first search {result.open_first_search_s * 1000:.0f} ms")
    print(
        f"  search over {len(lat)} queries: p50 {result.percentile(50):.1f} ms, "
        f"p95 {result.percentile(95):.1f} ms, max {max(lat):.1f} ms, mean {statistics.mean(lat):.1f} ms"
    )
    if result.bare_latencies_ms:
        print(
            f"  bare FTS5 prefix query, same queries: p50 {result.percentile(50, bare=True):.2f} ms, "
            f"p95 {result.percentile(95, bare=True):.2f} ms; ratio search / bare p50 "
            f"{result.percentile(50) / result.percentile(50, bare=True):.1f}, "
            f"p95 {result.percentile(95) / result.percentile(95, bare=True):.1f}"
        )


VARIANTS = {
    "sqlcipher": "SQLCipher as in production",
    "sqlcipher-memsec": "SQLCipher with cipher_memory_security = ON",
    "plain": "plain SQLite (no encryption)",
}


def run_variant(variant: str, folder: Path, args: argparse.Namespace) -> Result:
    if variant == "plain":
        with database_class(PlainDatabase):
            return run(VARIANTS[variant], folder, args.clients, args.queries, args.seed)
    if variant == "sqlcipher-memsec":
        with patched(connection, "connect", connect_with_memory_security):
            return run(VARIANTS[variant], folder, args.clients, args.queries, args.seed)
    return run(VARIANTS[variant], folder, args.clients, args.queries, args.seed)


def in_subprocess(variant: str, args: argparse.Namespace) -> Result:
    """Each variant in its own process: SQLCipher settings such as memory security are process-wide."""
    command = [
        sys.executable,
        __file__,
        "--variant",
        variant,
        "--clients",
        str(args.clients),
        "--queries",
        str(args.queries),
        "--seed",
        str(args.seed),
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return Result(**json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--variants",
        default="sqlcipher,plain",
        help=f"comma-separated, from {', '.join(VARIANTS)}; the first is the reference",
    )
    parser.add_argument("--variant", help=argparse.SUPPRESS)  # one variant, JSON result (internal)
    args = parser.parse_args()
    if args.variant:
        with tempfile.TemporaryDirectory(prefix="beratung-bench-") as tmp:
            result = run_variant(args.variant, Path(tmp) / "store", args)
        print(json.dumps(dataclasses.asdict(result)))
        return
    results = []
    for variant in args.variants.split(","):
        results.append(in_subprocess(variant, args))
        report(results[-1], args.clients)
    reference = results[0]
    for other in results[1:]:
        print(f"{reference.label} / {other.label}:")
        print(
            f"  search p50 {reference.percentile(50) / other.percentile(50):.2f}, "
            f"p95 {reference.percentile(95) / other.percentile(95):.2f}; "
            f"insert wall {reference.build_s / other.build_s:.2f}, "
            f"insert CPU {reference.build_cpu_s / other.build_cpu_s:.2f}, "
            f"add_many {reference.add_many_s / other.add_many_s:.2f}; "
            f"open {reference.open_s / other.open_s:.2f}"
        )


if __name__ == "__main__":
    main()
