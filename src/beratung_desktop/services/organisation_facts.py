"""The organisation's summary facts (storage/organisation_facts.py), derived from imported records.

The import writes the facts of a package in its own transaction, from the records it has just checked,
so a summary never derives anything. Packages whose facts are missing (a store upgraded from a version
that derived them on the first summary, or whose facts an erasure dropped) are derived from the stored
documents by `fold_new_packages`, with progress.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..exchange import imported_records, package
from ..storage.organisation_facts import FACT_TYPES, fact_columns
from .session import Session

Progress = Callable[[int, int], None]  # packages done, packages in all


def add_package_facts(session: Session, number: int, device_id: str, records: Mapping[str, Sequence[Any]]) -> None:
    """Writes the facts of a package's records (`records`: the checked records by type, key order) and
    marks the package as done. Call inside the import transaction, after its records were stored."""
    facts = session.store.organisation_facts
    line = facts.line_of(device_id)
    for record_type in FACT_TYPES:
        rows = records.get(record_type) or ()
        columns = len(fact_columns(record_type))
        found = [
            fact
            for row in rows
            if (fact := imported_records.fact_row(record_type, line, row["id"], row["version"], columns, row))
        ]
        if found:
            facts.add(record_type, found)
    facts.mark_folded(number)


def fold_package(session: Session, number: int) -> None:
    """Derives the facts of one stored package from its document (inside a transaction)."""
    facts = session.store.organisation_facts
    lines = package.record_lines(facts.document(number))
    rows: dict[str, list[tuple]] = {t: [] for t in FACT_TYPES}
    for record_type, line, record_id, version, at in facts.package_keys(number):
        try:
            record = json.loads(lines[at]) if at < len(lines) else None
        except ValueError:
            continue
        fact = imported_records.fact_row(record_type, line, record_id, version, len(fact_columns(record_type)), record)
        if fact is not None:
            rows[record_type].append(fact)
    for record_type, found in rows.items():
        if found:
            facts.add(record_type, found)
    facts.mark_folded(number)


def fold_new_packages(session: Session, progress: Progress | None = None) -> int:
    """Derives the missing facts, package by package, each in a transaction of its own (so an
    interruption keeps what is done); returns the packages folded in."""
    pending = session.store.organisation_facts.unfolded_packages()
    for done, number in enumerate(pending):
        if progress is not None:
            progress(done, len(pending))
        with session.store.transaction():
            fold_package(session, number)
    if progress is not None and pending:
        progress(len(pending), len(pending))
    return len(pending)


def fold_pending_in_transaction(session: Session) -> None:
    """Derives the missing facts inside the caller's transaction (after an erasure dropped a line's)."""
    for number in session.store.organisation_facts.unfolded_packages():
        fold_package(session, number)
