"""Packages an accepted device could sign with any content: what a hostile or broken laptop can send."""

from __future__ import annotations

import uuid
import zlib
from pathlib import Path
from typing import Any

from beratung_desktop.exchange import package
from beratung_desktop.exchange.keys import encrypt, sign
from beratung_desktop.exchange.records import canonical
from beratung_desktop.services import exchange, organisation
from beratung_desktop.storage.migrations import LATEST
from tests.storage.raw_access import org_import_state

from .conftest import World

PSEUDONYM = "0123456789abcdef0123456789abcdef"


def client_row(**changes: Any) -> dict[str, Any]:
    """A valid statistics-scope client record."""
    row = {
        "id": PSEUDONYM,
        "version": 1,
        "updated_at": "2024-03-05T10:00:00+00:00",
        "deleted": False,
        "first_recorded": "2024-03-05",
        "birth_year": 1990,
        "gender": "female",
        "country_of_origin": "SY",
        "nationality": "SY",
        "languages": ["ar"],
        "interpreter_needed": False,
        "residence_status": "unknown",
        "arrival_month": "2016-02",
        "household_size": 0,
        "household_counselled": 0,
    }
    row.update(changes)
    return row


def manifest(world: World, *, counts: dict[str, int], **changes: Any) -> package.Manifest:
    identity = exchange.device(world.office)
    fields = {
        "package_id": str(uuid.uuid4()),
        "organisation_id": world.org_key.organisation_id,
        "office": identity.office,
        "device_id": identity.device_id,
        "sequence": 1,
        "period_from": None,
        "period_to": "2024-04-01T00:00:00+00:00",
        "scope": "statistics",
        "schema_version": LATEST,
        "counts": counts,
        "created_at": "2024-04-01T00:00:00+00:00",
    }
    fields.update(changes)
    return package.Manifest(**fields)


def signed(world: World, records: dict[str, list[dict]], name: str = "hostile", **changes: Any) -> Path:
    """A package with these records, signed by the office's accepted device key."""
    identity = exchange.device(world.office)
    m = manifest(world, counts={t: len(r) for t, r in records.items() if r}, **changes)
    path = world.tmp / f"{name}{package.SUFFIX}"
    path.write_bytes(package.build(m, records, world.org_key.age_recipient, identity.signing_key))
    return path


def signed_raw(world: World, keys: dict[str, dict], lines: list[str], counts: dict[str, int], name: str) -> Path:
    """A package whose key columns and record lines are written as given (they may disagree)."""
    identity = exchange.device(world.office)
    keys_z = zlib.compress(canonical({"records": keys}))
    plain = len(keys_z).to_bytes(4, "big") + keys_z + zlib.compress("\n".join(lines).encode("utf-8"))
    m = manifest(world, counts=counts)
    manifest_bytes = canonical(m.to_json())
    payload = encrypt(plain, world.org_key.age_recipient)
    body = b"".join(
        [
            package.MAGIC,
            (package.FORMAT_VERSION).to_bytes(2, "big"),
            len(manifest_bytes).to_bytes(4, "big"),
            manifest_bytes,
            len(payload).to_bytes(8, "big"),
            payload,
        ]
    )
    import hashlib

    path = world.tmp / f"{name}{package.SUFFIX}"
    path.write_bytes(body + sign(identity.signing_key, hashlib.sha256(body).digest()))
    return path


def snapshot(world: World) -> dict[str, Any]:
    """Everything the organisation store holds about imports, to compare before and after."""
    return {**world.org_counts(), **org_import_state(world.org.store)}


def import_one(world: World, path: Path) -> organisation.ImportOutcome:
    [outcome] = organisation.import_packages(world.org, path, receipts_to=world.tmp / "receipts")
    return outcome
