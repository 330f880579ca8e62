"""Password guessing through the service API and the CLI, with and without the persisted delay.

A store with the production Argon2 parameters (DEFAULT_KDF) gets wrong passwords as fast as the caller
can send them for --seconds per scenario. "without delay" removes the delay file before every try,
which is how every version before the delay behaved; "with delay" is the app as shipped.

Run: uv run python benchmarks/password_guessing.py [--seconds 60]
Prints one line per scenario: password checks (Argon2 runs), refusals without a check, guesses/s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from beratung_desktop.services import accounts
from beratung_desktop.storage.errors import StoreError, WrongPassword
from beratung_desktop.storage.keyslots import DEFAULT_KDF
from beratung_desktop.storage.sign_in_throttle import THROTTLE_FILE, TooManyAttempts

PASSWORD = "correct horse battery"


def service_api(folder: Path, seconds: float, delay: bool) -> tuple[int, int, float]:
    checks = refused = 0
    started = time.monotonic()
    n = 0
    while time.monotonic() - started < seconds:
        if not delay:
            (folder / THROTTLE_FILE).unlink(missing_ok=True)
        n += 1
        try:
            accounts.unlock(folder, "anna", f"guess number {n}", kdf=DEFAULT_KDF)
        except WrongPassword:
            checks += 1
        except TooManyAttempts:
            refused += 1
    return checks, refused, time.monotonic() - started


def cli(folder: Path, seconds: float, delay: bool) -> tuple[int, int, float]:
    checks = refused = 0
    started = time.monotonic()
    n = 0
    while time.monotonic() - started < seconds:
        if not delay:
            (folder / THROTTLE_FILE).unlink(missing_ok=True)
        n += 1
        done = subprocess.run(
            [
                *(sys.executable, "-m", "beratung_desktop.cli", "--data-dir", str(folder), "--user", "anna"),
                *("--password-stdin", "--lang", "en", "verify"),
            ],
            input=f"guess number {n}\n",
            capture_output=True,
            text=True,
        )
        if "Wrong user name or password" in done.stderr:
            checks += 1
        elif "Too many wrong passwords" in done.stderr:
            refused += 1
    return checks, refused, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "store"
        session, _ = accounts.create_store(folder, "anna", PASSWORD, kdf=DEFAULT_KDF)
        session.close()
        for name, run in (("service API", service_api), ("CLI", cli)):
            for delay in (False, True):
                (folder / THROTTLE_FILE).unlink(missing_ok=True)
                try:
                    checks, refused, elapsed = run(folder, args.seconds, delay)
                except StoreError as exc:
                    print(f"{name}: {exc}")
                    continue
                label = "with delay" if delay else "without delay"
                print(
                    f"{name}, {label}: {checks} password checks, {refused} refused without a check, "
                    f"{elapsed:.0f} s, {checks / elapsed:.2f} guesses/s",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
