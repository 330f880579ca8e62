"""Store benchmark: demo office, 20,000 clients and ~200,000 consultations, SQLCipher against plain SQLite.

Measures the insert rate of the demo generator, the time to open an existing store (excluding Argon2:
the Store constructor with the raw key, plus a first search), and client search latency over realistic
queries (name prefixes, full names, transliteration variants, original script, client numbers, dates of
birth). The same workload then runs on plain SQLite: the benchmark swaps the storage's Database class
for an unencrypted one in this process only, so the same migrations and repositories run unchanged.

Run: uv run python benchmarks/store_benchmark.py [--clients 20000] [--queries 200] [--skip-plain]
Targets: search p95 <= 20 ms, open <= 1 s excluding Argon2, SQLCipher/plain ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import random
import statistics
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
from beratung_desktop.storage.store import Store

USER = "bench"
PASSWORD = "benchmark-password"
TODAY = date(2026, 11, 23)


class PlainDatabase(connection.Database):
    """The storage Database on an unencrypted SQLite file: same pragmas, no key. Benchmark only."""

    def __init__(self, path: Path, key: bytes):
        self.path = Path(path)
        self.conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
                       "secure_delete = ON", "temp_store = MEMORY"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.lock = threading.RLock()
        self._depth = 0


def connect_without_memory_security(path: Path, key: bytes) -> sqlcipher3.Connection:
    """The production connect() minus `cipher_memory_security`, to show what that pragma costs."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(connection._key_pragma(key))
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
                   "secure_delete = ON", "temp_store = MEMORY"):
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
    open_s: float
    open_first_search_s: float
    latencies_ms: list[float]

    @property
    def insert_rate(self) -> float:
        return self.records / self.build_s

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
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
    clients = store.clients.where("1", order="client_number")
    sample = [clients[rng.randrange(len(clients))] for _ in range(count)]
    variants = {name: group for group in _variant_groups() for name in group}
    result = []
    for i, c in enumerate(sample):
        kind = i % 8
        if kind == 0:
            result.append(c.family_name[:rng.randint(3, 5)])
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
            result.append(c.given_name[:rng.randint(2, 4)])
    return result


def run(label: str, folder: Path, clients: int, query_count: int, seed: int) -> Result:
    session, _recovery = accounts.create_store(folder, USER, PASSWORD, office_name="Benchmark", kdf=TEST_KDF)
    start, cpu = time.perf_counter(), time.process_time()
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

    latencies = []
    for text in queries(store, query_count):
        t = time.perf_counter()
        store.clients.search(text)
        latencies.append((time.perf_counter() - t) * 1000)
    store.close()
    return Result(label, records, summary.consultations, build_s, build_cpu_s, open_s, open_first_search_s,
                  latencies)


def report(result: Result, clients: int) -> None:
    lat = result.latencies_ms
    print(f"[{result.label}] {clients} clients, {result.consultations} consultations, "
          f"{result.records} records")
    print(f"  build {result.build_s:.1f} s wall, {result.build_cpu_s:.1f} s CPU = "
          f"{result.insert_rate:,.0f} records/s (generator included)")
    print(f"  open {result.open_s * 1000:.0f} ms, "
          f"open + first search {result.open_first_search_s * 1000:.0f} ms")
    print(f"  search over {len(lat)} queries: p50 {result.percentile(50):.1f} ms, "
          f"p95 {result.percentile(95):.1f} ms, max {max(lat):.1f} ms, mean {statistics.mean(lat):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-plain", action="store_true", help="only the SQLCipher run")
    parser.add_argument("--without-memory-security", action="store_true",
                        help="also run SQLCipher without cipher_memory_security")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="beratung-bench-") as tmp:
        encrypted = run("sqlcipher", Path(tmp) / "encrypted", args.clients, args.queries, args.seed)
        report(encrypted, args.clients)
        others = []
        if args.without_memory_security:
            with patched(connection, "connect", connect_without_memory_security):
                others.append(run("sqlcipher, memory security off", Path(tmp) / "nomemsec", args.clients,
                                  args.queries, args.seed))
            report(others[-1], args.clients)
        if not args.skip_plain:
            with database_class(PlainDatabase):
                others.append(run("plain sqlite", Path(tmp) / "plain", args.clients, args.queries, args.seed))
            report(others[-1], args.clients)
    for other in others:
        print(f"sqlcipher / {other.label} ratios:")
        print(f"  search p50 {encrypted.percentile(50) / other.percentile(50):.2f}, "
              f"p95 {encrypted.percentile(95) / other.percentile(95):.2f}; "
              f"insert wall {encrypted.build_s / other.build_s:.2f}, "
              f"insert CPU {encrypted.build_cpu_s / other.build_cpu_s:.2f}; "
              f"open {encrypted.open_s / other.open_s:.2f}")


if __name__ == "__main__":
    main()
