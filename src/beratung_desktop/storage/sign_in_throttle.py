"""Wrong passwords per login name, kept in the data folder so every process (GUI, CLI, scripts using
the services) waits the same growing delay before the next try.

The file holds login names and counters only. Somebody who can write the data folder can reset it, but
could copy keys.json away and guess offline anyway; the delay guards the app's own doors.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from .atomic_file import write_atomic
from .errors import N_, StoreError

THROTTLE_FILE = "sign-in.json"
MAX_RETRY_DELAY_SECONDS = 30
FREE_TRIES = 3  # typing errors: the first wrong passwords cost only Argon2's own time
MAX_NAMES = 200  # typed names that do not exist are counted too; the oldest are forgotten


class TooManyAttempts(StoreError):
    message = N_("Too many wrong passwords. Wait {seconds} seconds, then try again.")


def retry_delay(failures: int) -> int:
    """Seconds to wait before the next try: 1, 2, 4, 8, 16, then 30, on top of Argon2's own cost."""
    if failures <= 0:
        return 0
    return min(MAX_RETRY_DELAY_SECONDS, 2 ** (failures - 1))


class SignInThrottle:
    def __init__(self, folder: Path, clock: Callable[[], float] | None = None):
        self.path = Path(folder) / THROTTLE_FILE
        self._clock = clock or time.time

    def _read(self) -> dict[str, list[float]]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return {str(k): [int(v[0]), float(v[1])] for k, v in data.items() if isinstance(v, list) and len(v) == 2}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}

    def _write(self, entries: dict[str, list[float]]) -> None:
        try:
            if entries:
                newest = sorted(entries.items(), key=lambda kv: kv[1][1])[-MAX_NAMES:]
                write_atomic(self.path, json.dumps(dict(newest)).encode("utf-8"))
            else:
                self.path.unlink(missing_ok=True)
        except (StoreError, OSError):
            pass  # a full or read-only disk must not turn a wrong password into another error

    def check(self, user: str) -> None:
        """Raises TooManyAttempts while the user's delay since the last wrong password runs."""
        entry = self._read().get(user)
        if not entry:
            return
        failures, last = entry
        remaining = last + retry_delay(int(failures) - FREE_TRIES + 1) - self._clock()
        if remaining > 0:
            raise TooManyAttempts(seconds=max(1, round(remaining)))

    def failed(self, user: str) -> int:
        entries = self._read()
        failures = int(entries.get(user, [0, 0])[0]) + 1
        entries[user] = [failures, self._clock()]
        self._write(entries)
        return failures

    def succeeded(self, user: str) -> None:
        entries = self._read()
        if entries.pop(user, None) is not None:
            self._write(entries)
