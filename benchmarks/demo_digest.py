"""Content digest of a demo store: proves that a change to the build leaves the generated data as it was.

    uv run python benchmarks/demo_digest.py FOLDER [--save digest.json] [--compare digest.json]

Prints row count and SHA-256 of every table (rows hashed one by one, sorted: the order of writing does not
count) and of the schema, as `services.demo.content_digest` computes them: what differs between two builds
by design (random account and letter ids, times of the build, key slots, the audit chain) is left out.
`--compare` exits 1 when any table differs from a saved digest.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from beratung_desktop.services.demo import DEMO_PASSWORD, DEMO_USER, content_digest
from beratung_desktop.storage.store import Store


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
    store = Store.unlock(args.folder, DEMO_USER, DEMO_PASSWORD)
    try:
        digest = content_digest(store)
    finally:
        store.close()
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
