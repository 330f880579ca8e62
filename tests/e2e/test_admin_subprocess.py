"""The installed beratung-admin entry point as IT scripts use it: a real process, real Argon2 cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# The console script uv installed from pyproject's [project.scripts], as IT would call it.
_SCRIPT = Path(sys.executable).with_name("beratung-admin")
ADMIN = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "beratung_desktop.cli"]


def admin(*argv: str, stdin: str = "", env_home) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "BERATUNG_USER_SETTINGS": str(env_home / "u.json"),
        "LANG": "C.UTF-8",
    }
    return subprocess.run([*ADMIN, *argv], input=stdin, capture_output=True, text=True, env=env, timeout=120)


def test_scripted_install_search_and_refusals(tmp_path):
    data = str(tmp_path / "store")
    done = admin(
        "--data-dir",
        data,
        "--user",
        "anna",
        "--password-stdin",
        "init",
        "--json",
        stdin="a long office password\n",
        env_home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["recovery_key"]

    done = admin(
        "--data-dir",
        data,
        "--user",
        "anna",
        "--password-stdin",
        "search",
        "Ahmad",
        "--json",
        stdin="a long office password\n",
        env_home=tmp_path,
    )
    assert done.returncode == 0 and json.loads(done.stdout) == []

    done = admin("--data-dir", data, "--user", "anna", "--password-stdin", "verify", stdin="wrong\n", env_home=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1

    done = admin("--version", env_home=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("beratung-admin ")

    done = admin("--no-such-option", env_home=tmp_path)
    assert done.returncode == 2
