"""The audit viewer's use cases: the filtered log and the chain check, for who may see them.

A team lead (or an administrator) sees the whole log; a counsellor sees the entries about the records
of the clients whose cases they lead. Opening the viewer is itself written to the log.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from ..domain.audit import AuditEntry, AuditQuery

# The viewer names actions, records and details as the access export's PDF does.
from ..reports.audit_detail import ACTION_LABELS as ACTION_LABELS
from ..reports.audit_detail import action_text as action_text
from ..reports.audit_detail import detail_text
from ..reports.audit_detail import record_text as record_text
from .session import Session

WHOLE_LOG_ROLES = ("team_lead", "admin")
PAGE_SIZE = 100


@dataclass(frozen=True)
class ChainCheck:
    checked: int
    first_broken: AuditEntry | None
    broken_seq: int | None = None

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def detail(entry: AuditEntry) -> str:
    """The entry's stored detail in the reader's language (the stored text itself never changes)."""
    return detail_text(entry.action, entry.record_type, entry.detail)


def sees_whole_log(session: Session) -> bool:
    return session.user.role in WHOLE_LOG_ROLES


def open_log(session: Session) -> None:
    """Records that this user opened the audit viewer (and which part of the log they see)."""
    with session.store.transaction():
        session.audit("view", "audit_log", "", "whole log" if sees_whole_log(session) else "own clients")


def local_day_bounds(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """The period from the start of `first` to the end of `last` in local time, as aware datetimes
    (the log stores UTC; people choose days on their own clock)."""
    start = datetime.combine(first, time(0)).astimezone() if first else None
    end = datetime.combine(last + timedelta(days=1), time(0)).astimezone() if last else None
    return start, end


def scoped(session: Session, query: AuditQuery) -> AuditQuery:
    """The query limited to what this user may see: a counsellor only their own clients' records."""
    return query if sees_whole_log(session) else replace(query, clients_of=session.user.id)


def entries(
    session: Session, query: AuditQuery, before_seq: int | None = None, limit: int | None = None
) -> list[AuditEntry]:
    """One page (PAGE_SIZE entries unless `limit`), newest first; pass the last entry's seq of a page as
    `before_seq` for the next."""
    return session.store.audit.page(scoped(session, query), before_seq, limit or PAGE_SIZE)


def count(session: Session, query: AuditQuery) -> int:
    return session.store.audit.count(scoped(session, query))


def users(session: Session) -> list[str]:
    """The user names to filter by: every account ever made (former colleagues included) for a team
    lead; a counsellor filters their own clients' entries by any colleague too."""
    return sorted({u.name for u in session.store.users.all(include_deleted=True)})


def check_chain(session: Session) -> ChainCheck:
    """Checks every entry's hash and link; shows the first broken one. The whole log, so team leads only."""
    session.require_role(*WHOLE_LOG_ROLES)
    checked, broken = session.store.audit.first_break()
    return ChainCheck(checked, session.store.audit.entry(broken) if broken is not None else None, broken)
