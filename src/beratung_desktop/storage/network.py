"""Repositories of the network work: interpreters, referrals, short contacts and group offers."""

from __future__ import annotations

from datetime import date

from ..domain.groups import Group, GroupMember, GroupSession
from ..domain.interpreters import Interpreter
from ..domain.referrals import Referral
from ..domain.short_contacts import ShortContact
from .repository import NamedPool, Repository


class InterpreterRepository(NamedPool[Interpreter]):
    table = "interpreters"
    record_type = Interpreter


class ReferralRepository(Repository[Referral]):
    table = "referrals"
    record_type = Referral

    def for_client(self, client_id: str) -> list[Referral]:
        return self._where("client_id = ?", (client_id,), order="day DESC")

    def for_partner(self, partner_id: str) -> list[Referral]:
        return self._where("partner_id = ?", (partner_id,), order="day DESC")

    def between(self, start: date, end: date) -> list[Referral]:
        return self._where("day >= ? AND day <= ?", (start.isoformat(), end.isoformat()), order="day")


class ShortContactRepository(Repository[ShortContact]):
    table = "short_contacts"
    record_type = ShortContact

    def between(self, start: date, end: date) -> list[ShortContact]:
        return self._where("day >= ? AND day <= ?", (start.isoformat(), end.isoformat()), order="day DESC")

    def recent(self, limit: int = 200) -> list[ShortContact]:
        return self._where(order="day DESC, created_at DESC", limit=limit)


class GroupRepository(Repository[Group]):
    table = "groups"
    record_type = Group

    def ordered(self, include_archived: bool = True) -> list[Group]:
        condition = "1" if include_archived else "archived = 0"
        return self._where(condition, order="title COLLATE NOCASE")


class GroupMemberRepository(Repository[GroupMember]):
    table = "group_members"
    record_type = GroupMember

    def of_group(self, group_id: str) -> list[GroupMember]:
        return self._where("group_id = ?", (group_id,), order="joined")

    def of_client(self, client_id: str) -> list[GroupMember]:
        return self._where("client_id = ?", (client_id,), order="joined")


class GroupSessionRepository(Repository[GroupSession]):
    table = "group_sessions"
    record_type = GroupSession

    def of_group(self, group_id: str) -> list[GroupSession]:
        return self._where("group_id = ?", (group_id,), order="day DESC, start_time DESC")

    def attended_by(self, client_id: str) -> list[GroupSession]:
        return self._where("EXISTS (SELECT 1 FROM json_each(present) WHERE value = ?)", (client_id,), order="day DESC")

    def between(self, start: date, end: date) -> list[GroupSession]:
        return self._where("day >= ? AND day <= ?", (start.isoformat(), end.isoformat()), order="day")
