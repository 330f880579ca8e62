"""The organisation's summary facts: the newest version of every imported client, case, consultation and
activity as one table row, so that its summaries are counted in SQL like an office's
(storage/statistics_queries.py) instead of decoding every stored record for every report.

The facts are derived data: they are folded in from the stored package documents, package by package
(`org_fact_packages` lists those done), before a summary is counted; a newer version of a record
replaces the older one, a tombstone marks it deleted. Ids are scoped by the device line
("line:record id"), so records of different offices never meet. An erasure at the organisation drops
the line's facts, which the next summary folds in again from the rewritten documents.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence

import sqlcipher3

from .connection import Database

FACT_TYPES = ("clients", "cases", "consultations", "activities")

_COLUMNS = {
    "clients": (
        "birth_date",
        "birth_year",
        "gender",
        "country_of_origin",
        "arrival_date",
        "household",
    ),
    "cases": ("client_id", "service", "counsellor_id", "opened", "closed", "close_reason", "case_management"),
    "consultations": (
        "case_id",
        "client_id",
        "counsellor_id",
        "start",
        "minutes",
        "form",
        "topics",
        "interpreter_used",
    ),
    "activities": ("counsellor_id", "kind", "service", "day", "minutes", "participants"),
}


def fact_columns(record_type: str) -> tuple[str, ...]:
    """The columns of a fact row after (id, device, version, deleted), in order."""
    return _COLUMNS[record_type]


# (record type, line of the device, record id, version, line in the package's document)
FactKey = tuple[str, int, str, int, int]


class OrganisationFacts:
    def __init__(self, db: Database):
        self._db = db

    def unfolded_packages(self) -> list[int]:
        """Imported packages whose records are not yet among the facts, oldest first."""
        return [
            r[0]
            for r in self._db.query(
                "SELECT id FROM org_packages WHERE status = 'imported' "
                "AND id NOT IN (SELECT package FROM org_fact_packages) ORDER BY id"
            )
        ]

    def package_keys(self, package: int) -> list[FactKey]:
        """The stored record versions of a package that the summaries need, each type read as one range
        of the key index (record type, device line)."""
        line = (
            "(SELECT coalesce(d.lineage, d.number) FROM org_packages p "
            "JOIN org_devices d ON d.device_id = p.device_id WHERE p.id = :package)"
        )
        return self._db.query(
            " UNION ALL ".join(
                "SELECT record_type, device, record_id, version, line FROM org_records "
                f"WHERE record_type = '{record_type}' AND device = {line} AND package = :package"
                for record_type in FACT_TYPES
            ),
            {"package": package},
        )

    def document(self, package: int) -> bytes:
        rows = self._db.query("SELECT document FROM org_package_data WHERE package = ?", (package,))
        return bytes(rows[0][0]) if rows else b""

    def add(self, record_type: str, rows: Sequence[tuple]) -> None:
        """Rows of (id, device, version, deleted, *fact_columns); an older version never replaces a newer."""
        table = f"org_fact_{record_type}"
        columns = ("id", "device", "version", "deleted", *_COLUMNS[record_type])
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[2:])
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates} WHERE excluded.version > {table}.version"
        )
        try:
            self._db.executemany(sql, list(rows))
        except (sqlcipher3.InterfaceError, sqlcipher3.ProgrammingError):
            # A value SQLite cannot store (a list where a number belongs, from an installation that
            # imported without the schema check): that record is left out, the others go in.
            for row in rows:
                with contextlib.suppress(sqlcipher3.InterfaceError, sqlcipher3.ProgrammingError):
                    self._db.execute(sql, row)

    def clear(self) -> None:
        clear(self._db)

    def mark_folded(self, package: int) -> None:
        self._db.execute("INSERT OR IGNORE INTO org_fact_packages (package) VALUES (?)", (package,))

    def every_line_current(self) -> bool:
        """True when each device line has a current device (no line's records are left out)."""
        rows = self._db.query(
            "SELECT count(*) FROM (SELECT coalesce(lineage, number) AS line FROM org_devices "
            "GROUP BY line HAVING sum(replaced_by IS NULL) = 0)"
        )
        return rows[0][0] == 0

    def lines(self, offices: Iterable[str] = ()) -> list[int]:
        """The device lines with a current device, of the named offices (all when none are named)."""
        wanted = sorted(set(offices))
        rows = self._db.query(
            "SELECT DISTINCT coalesce(lineage, number) FROM org_devices WHERE replaced_by IS NULL"
            + (" AND office IN (SELECT value FROM json_each(?))" if wanted else ""),
            (json.dumps(wanted),) if wanted else (),
        )
        return sorted(r[0] for r in rows)


def clear(db: Database) -> None:
    """Drops every fact: the next summary folds every package in again (benchmarks, a repair)."""
    for record_type in FACT_TYPES:
        db.execute(f"DELETE FROM org_fact_{record_type}")
    db.execute("DELETE FROM org_fact_packages")


def forget_line(db: Database, line: int) -> None:
    """Drops the facts of one device line; the next summary folds its packages in again."""
    for record_type in FACT_TYPES:
        db.execute(f"DELETE FROM org_fact_{record_type} WHERE device = ?", (line,))
    db.execute(
        "DELETE FROM org_fact_packages WHERE package IN (SELECT p.id FROM org_packages p "
        "JOIN org_devices d ON d.device_id = p.device_id WHERE coalesce(d.lineage, d.number) = ?)",
        (line,),
    )
