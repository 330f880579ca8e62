"""What every command needs: data folder, passwords from stdin or a prompt, an unlocked session."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings, SettingsStore
from ..i18n import _
from ..services import accounts
from ..services.session import Session
from ..storage.keyslots import KdfParams


class Refused(Exception):
    """A refused operation with an already translated one-line message."""


@dataclass
class CliContext:
    args: argparse.Namespace
    settings: Settings
    kdf: KdfParams
    settings_store: SettingsStore
    _stdin: Iterator[str] | None = None
    _session: Session | None = field(default=None, repr=False)

    @property
    def data_dir(self) -> Path:
        return Path(self.args.data_dir) if self.args.data_dir else self.settings.resolved_data_dir()

    def user_name(self) -> str:
        name = self.args.user
        if not name:
            raise Refused(_("Name the user with --user NAME before the command."))
        return name

    def stdin_line(self, what: str) -> str:
        if self._stdin is None:
            self._stdin = iter(sys.stdin.readline, "")
        line = next(self._stdin, "")
        if not line:
            raise Refused(_("Standard input ended before the {what} was read.").format(what=what))
        return line.rstrip("\r\n")

    def secret(self, prompt: str, what: str, *, from_stdin: bool | None = None, confirm: bool = False) -> str:
        use_stdin = self.args.password_stdin if from_stdin is None else from_stdin
        if use_stdin:
            return self.stdin_line(what)
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass(_("Repeat: ")) != value:
            raise Refused(_("The two entries differ; nothing was changed."))
        return value

    def existing_file(self, value: str) -> Path:
        """A file named on the command line, refused before any work when it is not there."""
        path = Path(value)
        if not path.is_file():
            raise Refused(_("{path} does not exist or is not a file; nothing was changed.").format(path=path))
        return path

    def password(self) -> str:
        return self.secret(_("Password for {user}: ").format(user=self.user_name()), _("password"))

    def session(self) -> Session:
        if self._session is None:
            self._session = accounts.unlock(self.data_dir, self.user_name(), self.password(), kdf=self.kdf)
        return self._session

    def replace_session(self, session: Session) -> None:
        self._session = session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None
