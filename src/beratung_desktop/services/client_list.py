"""The client list the counsellor browses: filters, sort order and summary rows, read without Qt."""

from __future__ import annotations

from datetime import date

from ..domain.users import User
from ..storage.client_list import MIN_SEARCH_LENGTH, SORT_KEYS, ClientRow, ListQuery
from .session import Session

__all__ = [
    "MIN_SEARCH_LENGTH",
    "SORT_KEYS",
    "ClientRow",
    "ListQuery",
    "counsellors",
    "default_query",
    "list_client_ids",
    "summary_rows",
]


def default_query(session: Session) -> ListQuery:
    """What the list shows first: a counsellor their own caseload, a team lead the whole office."""
    return ListQuery() if session.user.leads_team else ListQuery(caseload=session.user.id)


def list_client_ids(
    session: Session, query: ListQuery, today: date | None = None, *, in_worker: bool = False
) -> list[str]:
    """Ids in display order: all clients, or those a search text matches, narrowed by the filters.

    A heavy query, or any query a worker runs, reads through a connection of its own, so the window
    thread's reads never wait for it."""
    store = session.store
    if not (query.heavy or in_worker):
        return store.client_list.ids(query, today or date.today())
    with store.reading():
        return store.client_list.ids(query, today or date.today())


def summary_rows(session: Session, ids: list[str]) -> list[ClientRow]:
    """Rows for one page of the list. Listing is not a view of the record, so nothing is audited."""
    return session.store.client_list.rows(ids)


def counsellors(session: Session) -> list[User]:
    """Users for the counsellor filter, active ones first."""
    return sorted(session.store.users.all(), key=lambda u: (not u.active, u.label.casefold()))
