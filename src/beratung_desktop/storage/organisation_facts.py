"""The organisation's summary facts: the newest version of every imported client, case, consultation,
activity, partner, referral, short contact, group and group session as one table row, so that its
summaries and network figures are counted in SQL like an office's (storage/statistics_queries.py,
network_records below) instead of decoding every stored record for every report.

The facts are derived data, written by the import in the package's own transaction
(`org_fact_packages` lists the packages done); a newer version of a record replaces the older one, a
tombstone marks it deleted. Ids are scoped by the device line ("line:record id"), so records of
different offices never meet. An erasure at the organisation drops the line's facts, which the same
transaction derives again from the rewritten documents; a store upgraded from before the import wrote
them derives them once, with progress (services/organisation_facts.py).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence
from datetime import date

import sqlcipher3

from ..domain.network_figures import (
    CounselledFacts,
    GroupSessionFacts,
    InterpretedFacts,
    NetworkRecords,
    OpenedCaseFacts,
    ReferralFacts,
    ShortContactFacts,
)
from .connection import Database

FACT_TYPES = (
    "clients",
    "cases",
    "consultations",
    "activities",
    "partners",
    "referrals",
    "short_contacts",
    "groups",
    "group_sessions",
)

_COLUMNS = {
    "clients": (
        "birth_date",
        "birth_year",
        "gender",
        "country_of_origin",
        "arrival_date",
        "household",
        "support_needs",
        "referred_by",
    ),
    "cases": (
        "client_id",
        "service",
        "counsellor_id",
        "opened",
        "closed",
        "close_reason",
        "case_management",
        "outside_target_group",
    ),
    "consultations": (
        "case_id",
        "client_id",
        "counsellor_id",
        "start",
        "minutes",
        "form",
        "topics",
        "interpreter_used",
        "interpreter_language",
    ),
    "activities": ("counsellor_id", "kind", "service", "day", "minutes", "participants"),
    "partners": ("kind",),
    "referrals": ("partner_id", "counsellor_id", "service", "day", "outcome"),
    "short_contacts": ("counsellor_id", "service", "day", "minutes", "form", "language"),
    "groups": ("service", "counsellor_id"),
    "group_sessions": ("group_id", "day", "minutes", "present", "anonymous_present"),
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

    def line_of(self, device_id: str) -> int:
        """The device line a device's records are kept under (that of the first device of its line)."""
        return int(
            self._db.query("SELECT coalesce(lineage, number) FROM org_devices WHERE device_id = ?", (device_id,))[0][0]
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

    def network_records(self, start: date, split: date, end: date, lines: list[int] | None) -> NetworkRecords:
        return network_records(self._db, start, split, end, lines)


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text and text != "[]" else ()


def network_records(db: Database, start: date, split: date, end: date, lines: list[int] | None) -> NetworkRecords:
    """The facts of the network figures of two adjacent periods (start..split-1, split..end) of the
    chosen device lines (all when None). Referrals, short contacts, group sessions and cases outside the
    target group come one per record; the period's consultations, which are many, are counted in SQL:
    one row per client, counsellor and service in each period (with the first day), and one per
    counsellor, service and language with their number of interpreted consultations."""
    where = {"start": start.isoformat(), "split": split.isoformat(), "end": end.isoformat()}
    scope = ""
    if lines is not None:
        where["lines"] = json.dumps(lines)
        scope = " AND {a}.device IN (SELECT value FROM json_each(:lines))"
    q = db.query
    referrals = [
        ReferralFacts(counsellor, service, date.fromisoformat(day), kind, outcome)
        for counsellor, service, day, kind, outcome in q(
            "SELECT r.counsellor_id, r.service, r.day, coalesce(p.kind, 'other'), r.outcome "
            "FROM org_fact_referrals AS r INDEXED BY org_fact_referrals_day "
            "LEFT JOIN org_fact_partners AS p ON p.id = r.partner_id AND p.deleted = 0 "
            f"WHERE r.deleted = 0 AND r.day >= :start AND r.day <= :end{scope.format(a='r')}",
            where,
        )
    ]
    short_contacts = [
        ShortContactFacts(counsellor, service, date.fromisoformat(day), minutes, form, language)
        for counsellor, service, day, minutes, form, language in q(
            "SELECT s.counsellor_id, s.service, s.day, s.minutes, s.form, s.language "
            "FROM org_fact_short_contacts AS s INDEXED BY org_fact_short_contacts_day "
            f"WHERE s.deleted = 0 AND s.day >= :start AND s.day <= :end{scope.format(a='s')}",
            where,
        )
    ]
    sessions = [
        GroupSessionFacts(group, service, counsellor, date.fromisoformat(day), minutes, _codes(present), anonymous)
        for group, service, counsellor, day, minutes, present, anonymous in q(
            "SELECT s.group_id, g.service, g.counsellor_id, s.day, s.minutes, s.present, s.anonymous_present "
            "FROM org_fact_group_sessions AS s INDEXED BY org_fact_group_sessions_day "
            "JOIN org_fact_groups AS g ON g.id = s.group_id AND g.deleted = 0 "
            f"WHERE s.deleted = 0 AND s.day >= :start AND s.day <= :end{scope.format(a='s')}",
            where,
        )
    ]
    # Interpreted consultations of a live case, whatever became of the client; each counted once by
    # repeating one fact (compute_network counts facts).
    interpreted: list[InterpretedFacts] = []
    for counsellor, service, day, language, n in q(
        "SELECT c.counsellor_id, k.service, min(c.start), coalesce(c.interpreter_language, ''), count(*) "
        "FROM org_fact_consultations AS c INDEXED BY org_fact_consultations_interpreted "
        "JOIN org_fact_cases AS k ON k.id = c.case_id AND k.deleted = 0 "
        "WHERE c.deleted = 0 AND c.interpreter_used AND c.start >= :start AND c.start < date(:end, '+1 day')"
        f"{scope.format(a='c')} GROUP BY c.counsellor_id, k.service, 4, c.start >= :split",
        where,
    ):
        interpreted += [InterpretedFacts(counsellor, service, date.fromisoformat(day), language)] * n
    # A client's needs and referral are the client's: one row per client, counsellor and service and
    # period is what the figures ask (the consultations of a counsellor and service only select them).
    # A client with neither changes no figure, so only the others' consultations are grouped (the
    # client is looked up first, the case only for them).
    counselled = [
        CounselledFacts(client, counsellor, service, date.fromisoformat(day), _codes(needs), kind)
        for client, counsellor, service, day, needs, kind in q(
            "SELECT c.client_id, c.counsellor_id, k.service, min(c.start), l.support_needs, "
            "CASE WHEN l.referred_by IS NULL THEN '' ELSE coalesce(p.kind, 'other') END "
            "FROM org_fact_consultations AS c INDEXED BY org_fact_consultations_start "
            "CROSS JOIN org_fact_clients AS l ON l.id = c.client_id AND l.deleted = 0 "
            "AND (l.support_needs != '[]' OR l.referred_by IS NOT NULL) "
            "CROSS JOIN org_fact_cases AS k ON k.id = c.case_id AND k.deleted = 0 "
            "LEFT JOIN org_fact_partners AS p ON p.id = l.referred_by AND p.deleted = 0 "
            "WHERE c.deleted = 0 AND c.start >= :start AND c.start < date(:end, '+1 day')"
            f"{scope.format(a='c')} GROUP BY c.client_id, c.counsellor_id, k.service, c.start >= :split",
            where,
        )
    ]
    opened = [
        OpenedCaseFacts(counsellor, service, date.fromisoformat(day), _codes(outside))
        for counsellor, service, day, outside in q(
            "SELECT k.counsellor_id, k.service, k.opened, k.outside_target_group "
            "FROM org_fact_cases AS k INDEXED BY org_fact_cases_outside "
            "WHERE k.deleted = 0 AND k.outside_target_group != '[]' AND k.opened >= :start AND k.opened <= :end"
            f"{scope.format(a='k')}",
            where,
        )
    ]
    return NetworkRecords(referrals, short_contacts, sessions, interpreted, counselled, opened)


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
