"""Stored figures of closed periods: a summary's counts of one period and selection, kept inside the
encrypted store once counted and reused by the next summary of that period.

They stay exact without any code path having to remember them: the triggers of migration 17
(storage/migrations.py, `_FIGURE_SOURCES`) drop, in the writing transaction, every stored period that
ends on or after the earliest day a write to a consultation, case, client, activity or network record
can influence. A counting reserves its row first (`figures` NULL) and keeps its result only if that
reservation is still there: a write committed after the reservation dropped it, so a count that may
have missed the write is never kept. A row counted under another definition of the figures (another
program version or statement) is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter
from dataclasses import asdict, dataclass, fields
from typing import Any

from .. import __version__
from ..domain.network_figures import NetworkFigures
from ..domain.record import utc_now
from ..domain.statistics import Period, PeriodCounts, Selection
from .connection import Database
from .statistics_queries import summary_sql

# Raise when the meaning of a stored figure changes without the statement's text changing (e.g. the
# network figures' rules in domain/network_figures.py): rows of the old definition are then recounted.
FIGURES_VERSION = 1


@dataclass(frozen=True)
class PeriodFigures:
    """What a summary counts for one period: the SQL counts (domain.statistics.figures_of makes the
    figures from them) and the network figures."""

    counts: PeriodCounts
    network: NetworkFigures


def selection_key(selection: Selection) -> str:
    return json.dumps([sorted(selection.services), sorted(selection.counsellors)])


def definition(selection: Selection) -> str:
    text = f"{FIGURES_VERSION}\n{__version__}\n{summary_sql(selection)}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _encode(figures: PeriodFigures) -> str:
    counts = {
        f.name: (list(value.items()) if isinstance(value, Counter) else value)
        for f in fields(PeriodCounts)
        if (value := getattr(figures.counts, f.name)) is not None
    }
    return json.dumps({"counts": counts, "network": asdict(figures.network)}, ensure_ascii=False)


def _decode(text: str) -> PeriodFigures:
    data = json.loads(text)
    counters = {f.name for f in fields(PeriodCounts) if f.default_factory is Counter}
    values: dict[str, Any] = {
        k: (Counter(dict((key, n) for key, n in v)) if k in counters else v) for k, v in data["counts"].items()
    }
    return PeriodFigures(PeriodCounts(**values), NetworkFigures(**data["network"]))


class StoredFigures:
    def __init__(self, db: Database):
        self.db = db

    def _key(self, period: Period, selection: Selection) -> tuple[str, str, str]:
        return period.start.isoformat(), period.end.isoformat(), selection_key(selection)

    def find(self, period: Period, selection: Selection) -> PeriodFigures | None:
        rows = self.db.query(
            "SELECT figures FROM stored_figures WHERE period_start = ? AND period_end = ? AND selection = ? "
            "AND definition = ? AND figures IS NOT NULL",
            (*self._key(period, selection), definition(selection)),
        )
        return _decode(rows[0][0]) if rows else None

    def reserve(self, period: Period, selection: Selection) -> str:
        """Marks a counting of the period as begun; returns its token for `keep`. Commit this before the
        counting reads anything."""
        token = secrets.token_hex(8)
        with self.db.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO stored_figures "
                "(period_start, period_end, selection, definition, token, figures, stored_at) "
                "VALUES (?, ?, ?, ?, ?, NULL, NULL)",
                (*self._key(period, selection), definition(selection), token),
            )
        return token

    def keep(self, period: Period, selection: Selection, token: str, figures: PeriodFigures) -> bool:
        """Stores the figures counted after `reserve` unless a write dropped the reservation meanwhile
        (or another counting replaced it); True when kept."""
        with self.db.transaction():
            kept = self.db.execute(
                "UPDATE stored_figures SET figures = ?, stored_at = ? "
                "WHERE period_start = ? AND period_end = ? AND selection = ? AND token = ? AND figures IS NULL",
                (_encode(figures), utc_now().isoformat(), *self._key(period, selection), token),
            ).rowcount
        return kept == 1

    def periods(self) -> list[tuple[str, str, str]]:
        """(start, end, selection) of every kept row, for checks and the benchmark."""
        return self.db.query(
            "SELECT period_start, period_end, selection FROM stored_figures WHERE figures IS NOT NULL ORDER BY 1, 2, 3"
        )

    def size(self) -> int:
        """Bytes of the kept figures (their text), for the benchmark."""
        return self.db.query("SELECT coalesce(sum(length(figures)), 0) FROM stored_figures")[0][0]

    def clear(self) -> None:
        with self.db.transaction():
            self.db.execute("DELETE FROM stored_figures")
