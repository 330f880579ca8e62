"""An unlocked store together with the user working in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.users import User
from ..errors import N_, AppError

if TYPE_CHECKING:
    from ..storage.store import Store


class PermissionDenied(AppError):
    message = N_("Your role ({role}) does not allow this. Ask an administrator.")


@dataclass
class Session:
    store: Store
    user: User

    @property
    def actor(self) -> str:
        return self.user.name

    def require_role(self, *roles: str) -> None:
        if self.user.role not in roles and self.user.role != "admin":
            raise PermissionDenied(role=self.user.role)

    def audit(self, action: str, record_type: str = "", record_id: str = "", detail: str = "") -> None:
        self.store.audit.append(self.actor, action, record_type, record_id, detail)

    def save(self, repository, record, kind: str, detail: str = ""):
        """Adds a new record or updates a stored one, and writes who did it to the audit log.

        The audit detail of an update names the changed fields (never their values).
        """
        # The change and its audit entry commit together, or neither does.
        with self.store.transaction():
            existing = repository.get(record.id)
            if existing is None:
                repository.add(record)
                self.audit("create", kind, record.id, detail)
            else:
                changed = ",".join(
                    k
                    for k in vars(record)
                    if k not in ("updated_at", "version") and getattr(existing, k, None) != getattr(record, k)
                )
                repository.update(record)
                self.audit("update", kind, record.id, detail or changed)
        return record

    def close(self) -> None:
        self.store.close()
