"""Content digest of a demo store: proves that a change to the build leaves the generated data as it was.

    uv run python benchmarks/demo_digest.py FOLDER [--save digest.json] [--compare digest.json]

Prints row count and SHA-256 of every table (rows hashed one by one, sorted: the order of writing does not
count) and of the schema. What differs between two builds by design is left out: the accounts' random ids
and scanned letters (replaced by their names, by the letter's client, checksum and title), the times the
accounts, letters and the store were created, the store id, the key slots' public keys and the audit log's
times and hash chain. `--compare` exits 1 when any table differs from a saved digest.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from beratung_desktop.services.demo import DEMO_PASSWORD, DEMO_USER
from beratung_desktop.storage.store import Store

VOLATILE = {
    "audit_log": ("at", "prev_hash", "hash"),
    "users": ("created_at", "updated_at"),
    # Scanned letters get random ids and the time of the build (services/demo_documents.py).
    "documents": ("created_at", "updated_at"),
    "deadlines": ("id", "created_at", "updated_at"),
}


def demo_digest(folder: Path) -> dict[str, tuple[int, str]]:
    store = Store.unlock(folder, DEMO_USER, DEMO_PASSWORD)
    try:
        aliases: dict[object, object] = {u.id: f"user:{u.name}" for u in store.users.all(include_deleted=True)}
        keys = ["store_id", "created_at", *(f"slot_public/{u.name}" for u in store.users.all(include_deleted=True))]
        for key in keys:
            aliases[store.meta(key)] = f"meta:{key}"
        for d in store.documents.all(include_deleted=True):
            aliases[d.id] = f"document:{d.client_id}:{d.sha256}:{d.title}"
        return store.content_digest(volatile=VOLATILE, aliases=aliases)
    finally:
        store.close()


def differences(one: dict, other: dict) -> list[str]:
    return [
        f"{table}: {one.get(table)} != {other.get(table)}"
        for table in sorted(set(one) | set(other))
        if list(one.get(table, ())) != list(other.get(table, ()))
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    digest = demo_digest(args.folder)
    for table, (rows, sha) in digest.items():
        print(f"{table:32} {rows:>10,} {sha[:16]}")
    if args.save:
        args.save.write_text(json.dumps(digest, indent=1))
    if args.compare:
        found = differences(digest, json.loads(args.compare.read_text()))
        print("\n".join(found) if found else f"identical to {args.compare} ({len(digest)} entries)")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
