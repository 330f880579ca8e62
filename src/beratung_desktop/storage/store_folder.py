"""Whether a folder holds a store, answered without loading SQLCipher: the unlock window asks before
anyone has typed a password, and loading the database library is start-up time it does not need."""

from __future__ import annotations

from pathlib import Path

DATABASE_FILE = "beratung.db"


def store_exists(folder: Path) -> bool:
    return (Path(folder) / DATABASE_FILE).exists()
