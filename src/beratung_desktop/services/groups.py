"""Group offers: groups with their participants, sessions and attendance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.groups import Group, GroupMember, GroupSession, validate_group, validate_session
from ..domain.validation import N_, ValidationError, ValidationIssue
from .session import Session


def list_groups(session: Session, include_archived: bool = False) -> list[Group]:
    return session.store.groups.ordered(include_archived)


def save_group(session: Session, group: Group) -> Group:
    issues = validate_group(group)
    if issues:
        raise ValidationError(issues)
    return session.save(session.store.groups, group, "group")


def add_member(session: Session, group_id: str, client_id: str, joined: date | None = None) -> GroupMember:
    store = session.store
    store.groups.require(group_id)
    store.clients.require(client_id)
    if any(m.client_id == client_id for m in store.group_members.of_group(group_id)):
        raise ValidationError([ValidationIssue("client_id", N_("The client is already in this group."))])
    member = GroupMember(group_id=group_id, client_id=client_id, joined=joined or date.today())
    return session.save(store.group_members, member, "group_member")


def remove_member(session: Session, member_id: str) -> None:
    with session.store.transaction():
        session.store.group_members.delete(member_id)
        session.audit("delete", "group_member", member_id)


def save_session(session: Session, group_session: GroupSession, today: date | None = None) -> GroupSession:
    store = session.store
    store.groups.require(group_session.group_id)
    members = {m.client_id for m in store.group_members.of_group(group_session.group_id)}
    issues = validate_session(group_session, members, today or date.today())
    if issues:
        raise ValidationError(issues)
    return session.save(store.group_sessions, group_session, "group_session")


@dataclass
class GroupFile:
    group: Group
    members: list[GroupMember] = field(default_factory=list)
    sessions: list[GroupSession] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # member client id -> display name


def group_file(session: Session, group_id: str) -> GroupFile:
    store = session.store
    group = store.groups.require(group_id)
    members = store.group_members.of_group(group_id)
    names = {c.id: c.display_name for c in store.clients.by_ids(sorted({m.client_id for m in members}))}
    return GroupFile(group, members, store.group_sessions.of_group(group_id), names)


@dataclass
class AttendedSession:
    session: GroupSession
    group: Group


def sessions_of_client(session: Session, client_id: str) -> list[AttendedSession]:
    """The group sessions a client attended, newest first (the client page shows them)."""
    store = session.store
    attended = store.group_sessions.attended_by(client_id)
    groups = {g.id: g for g in store.groups.all(include_deleted=True)}
    return [AttendedSession(s, groups[s.group_id]) for s in attended if s.group_id in groups]
