"""Documents at scale: add, view, backup and verify with 100,000 documents at 20,000 clients, and client
search / client page latency of the same office with and without them.

    nice -n 10 uv run python benchmarks/documents_benchmark.py [--clients 20000] [--documents 100000]
        [--cache DIR] [--runs 200]

The office without the extra documents is the demo store (its own few thousand demo letters included),
built once into DIR (default `beratung-documents` in the system temp folder). The office with them is an
encrypted copy of it to which `--documents` small synthetic PDFs and images (services/demo_documents.py)
are added in bulk; both are kept for the next run. Times are medians (p95 where it matters) of --runs
repetitions on this shared machine.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

TODAY = date(2026, 6, 15)
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "beratung-documents"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6


def build_base(folder: Path, clients: int) -> None:
    from beratung_desktop.services.demo import ensure_demo_store
    from beratung_desktop.storage.keyslots import TEST_KDF

    if (folder / "beratung.db").exists():
        return
    started = time.perf_counter()
    print(f"building the demo office with {clients} clients in {folder} …", flush=True)
    ensure_demo_store(folder, clients=clients, kdf=TEST_KDF, today=TODAY)
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


def open_session(folder: Path):
    from beratung_desktop.services import accounts, demo

    return accounts.unlock(folder, demo.DEMO_USER, demo.DEMO_PASSWORD)


def build_with_documents(base: Path, folder: Path, documents: int) -> dict:
    """A copy of the base office with `documents` more documents; returns the figures of adding them."""
    note = folder.with_name(folder.name + ".build.json")
    if (folder / "beratung.db").exists() and note.exists():
        return json.loads(note.read_text())
    from beratung_desktop.services.demo_documents import add_documents

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    session = open_session(base)
    try:
        session.store.export_encrypted_copy(folder / "beratung.db")
    finally:
        session.close()
    for name in ("keys.json", "keys.backup.json"):
        shutil.copy2(base / name, folder / name)
    session = open_session(folder)
    try:
        clients = [c.id for c in session.store.clients.all() if not c.erased]
        per_client = documents / len(clients)
        started = time.perf_counter()
        added = add_documents(session, clients, per_client=per_client, seed=11, today=TODAY, batch=5000)
        seconds = time.perf_counter() - started
    finally:
        session.close()
    figures = {"documents": added.documents, "deadlines": added.deadlines, "bulk_seconds": seconds}
    note.write_text(json.dumps(figures, indent=1))
    return figures


def add_through_the_service(session, runs: int) -> list[tuple[str, str]]:
    """The counsellor's path: type from the bytes, parse (pypdf / Pillow), store with an audit entry."""
    from beratung_desktop.services import documents
    from beratung_desktop.services.demo_documents import synthetic_image, synthetic_pdf

    clients = [c.id for c in session.store.clients.all()[:runs]]
    samples = {
        "PDF, 1 page (2 KB)": ("brief.pdf", synthetic_pdf(["Bescheid", "Az. 1"])),
        "JPEG scan 1240x1754 (A4 at 150 dpi)": (
            "scan.jpg",
            synthetic_image(["Aufenthaltstitel"], "JPEG", size=(1240, 1754)),
        ),
    }
    rows = []
    for label, (name, content) in samples.items():
        times = []
        for client_id in clients:
            started = time.perf_counter()
            documents.add_document(
                session, client_id, name, content, documents.DocumentDetails(kind="decision"), limit=20 * 2**20
            )
            times.append(time.perf_counter() - started)
        rows.append(
            (
                f"add a document, {label} ({len(content) // 1024} KB)",
                f"median {ms(statistics.median(times))}, p95 {ms(pct(times, 0.95))}",
            )
        )
    return rows


def view(session, runs: int) -> tuple[str, str]:
    from beratung_desktop.services import documents

    ids = [r for r in session.store.db.query("SELECT id FROM documents WHERE deleted = 0")]
    chosen = random.Random(3).sample([r[0] for r in ids], min(runs, len(ids)))
    times = []
    for document_id in chosen:
        started = time.perf_counter()
        documents.open_document(session, document_id)
        times.append(time.perf_counter() - started)
    return (
        "open a document (bytes from the store, audited)",
        f"median {ms(statistics.median(times))}, p95 {ms(pct(times, 0.95))}",
    )


def latency(session, runs: int) -> dict[str, list[float]]:
    """Client search (what the list runs per keystroke) and the client page's reads."""
    from beratung_desktop.services import casework, deadlines, documents

    rng = random.Random(5)
    clients = session.store.clients.all()
    prefixes = [c.family_name[:3] for c in rng.sample(clients, runs) if len(c.family_name) >= 3]
    search = []
    for prefix in prefixes:
        started = time.perf_counter()
        casework.search_clients(session, prefix)
        search.append(time.perf_counter() - started)
    with_documents = [r[0] for r in session.store.db.query("SELECT DISTINCT client_id FROM documents LIMIT 5000")]
    page = []
    for client_id in rng.sample(with_documents or [c.id for c in clients], min(runs, len(with_documents) or runs)):
        started = time.perf_counter()
        casework.client_file(session, client_id, audit_view=False)
        documents.documents_of(session, client_id)
        deadlines.deadlines_of(session, client_id)
        page.append(time.perf_counter() - started)
    return {"search": search, "page": page}


def backup(session, folder: Path) -> tuple[float, float, float]:
    from beratung_desktop.services import maintenance

    target = folder.with_name(folder.name + "-backup")
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    made = maintenance.backup(session, target)
    seconds = time.perf_counter() - started
    size = made.stat().st_size / 1e6
    started = time.perf_counter()
    report = session.store.check_copy(made)
    checked = time.perf_counter() - started
    assert report.ok, report
    shutil.rmtree(target, ignore_errors=True)
    return seconds, size, checked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20000)
    parser.add_argument("--documents", type=int, default=100000)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    base = args.cache / f"office-{args.clients}"
    loaded = args.cache / f"office-{args.clients}-docs-{args.documents}"
    build_base(base, args.clients)
    figures = build_with_documents(base, loaded, args.documents)
    print(
        f"bulk-added {figures['documents']} documents ({figures['deadlines']} deadlines) "
        f"in {figures['bulk_seconds']:.0f} s"
    )
    if args.build_only:
        return 0
    rows: list[tuple[str, str, str]] = []
    results = {}
    for label, folder in (("without", base), ("with", loaded)):
        session = open_session(folder)
        try:
            docs = session.store.db.query("SELECT count(*), coalesce(sum(size), 0) FROM documents WHERE deleted = 0")[0]
            results[label] = latency(session, args.runs)
            seconds, size, checked = backup(session, folder)
            rows.append(
                (
                    f"backup ({label} the extra documents)",
                    f"{docs[0]} documents, {docs[1] / 1e6:.0f} MB of files",
                    f"{seconds:.1f} s, {size:.0f} MB; check of the copy (incl. document checksums) {checked:.1f} s",
                )
            )
            if label == "with":
                rows.append(("", "", view(session, args.runs)[1] + " – open a document"))
                for name, figure in add_through_the_service(session, min(args.runs, 100)):
                    rows.append(("", "", f"{figure} – {name}"))
        finally:
            session.close()
    for key, name in (
        ("search", "client search (3-letter prefix)"),
        ("page", "client page reads (file, documents, deadlines)"),
    ):
        without, with_ = results["without"][key], results["with"][key]
        rows.append(
            (
                name,
                "without / with the extra documents",
                f"median {ms(statistics.median(without))} / {ms(statistics.median(with_))}, "
                f"p95 {ms(pct(without, 0.95))} / {ms(pct(with_, 0.95))}",
            )
        )
    for row in rows:
        print(" | ".join(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
