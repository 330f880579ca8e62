"""The export package file: one file, complete or refused.

Layout (all integers big-endian):

    MAGIC (8 bytes) | format version (u16) | manifest length (u32) | manifest (UTF-8 JSON)
    | payload length (u64) | payload (age-encrypted, zlib-compressed JSON) | Ed25519 signature (64 bytes)

The signature covers the SHA-256 of everything before it, so any changed, missing or added byte is
found before anything is decrypted or stored. The manifest is readable without the organisation's
key (office, device, sequence, period, scope, counts), the records are not.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from dataclasses import dataclass
from typing import Any

import pyrage

from .errors import NotAPackage, PackageDamaged, PackageTruncated, UnknownFormat
from .keys import SIGNATURE_BYTES, decrypt, encrypt, sign, verify
from .records import RECORD_TYPES, canonical

MAGIC = b"BDXPKG\r\n"  # the CR LF catches transfers that rewrite line endings
FORMAT_VERSION = 1
MANIFEST_FORMAT = "beratung-export"
SUFFIX = ".bdx"
SCOPES = ("statistics", "full")
_HEAD = struct.Struct(">HI")
_PAYLOAD_LENGTH = struct.Struct(">Q")
MAX_MANIFEST = 1 << 20


@dataclass(frozen=True)
class Manifest:
    package_id: str
    organisation_id: str
    office: str
    device_id: str
    sequence: int
    period_from: str | None
    period_to: str
    scope: str
    schema_version: int
    counts: dict[str, int]
    created_at: str
    app_version: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"format": MANIFEST_FORMAT, "package_id": self.package_id,
                "organisation_id": self.organisation_id, "office": self.office, "device_id": self.device_id,
                "sequence": self.sequence, "period": {"from": self.period_from, "to": self.period_to},
                "scope": self.scope, "schema_version": self.schema_version, "counts": self.counts,
                "created_at": self.created_at, "app_version": self.app_version}

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        """Raises ValueError/KeyError/TypeError on anything that is not a well-formed manifest."""
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            raise ValueError("not a manifest")
        counts = data["counts"]
        if not isinstance(counts, dict) or not all(
                k in RECORD_TYPES and type(v) is int and v >= 0 for k, v in counts.items()):
            raise ValueError("bad counts")
        manifest = cls(package_id=_text(data["package_id"]), organisation_id=_text(data["organisation_id"]),
                       office=_text(data["office"]), device_id=_text(data["device_id"]),
                       sequence=_integer(data["sequence"]), period_from=data["period"]["from"],
                       period_to=_text(data["period"]["to"]), scope=_text(data["scope"]),
                       schema_version=_integer(data["schema_version"]), counts=dict(counts),
                       created_at=_text(data["created_at"]), app_version=str(data.get("app_version", "")))
        if manifest.scope not in SCOPES or manifest.sequence < 1:
            raise ValueError("bad scope or sequence")
        if manifest.period_from is not None and not isinstance(manifest.period_from, str):
            raise ValueError("bad period")
        return manifest


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("expected text")
    return value


def _integer(value: Any) -> int:
    if type(value) is not int:
        raise ValueError("expected an integer")
    return value


@dataclass
class Package:
    """A parsed package whose structure is complete; `verify` must pass before anything else is used."""

    manifest: Manifest
    payload: bytes
    signed_digest: bytes
    signature: bytes
    sha256: str
    size: int


# In the payload each record is [id, version, updated_at, deleted, canonical JSON of the record]: the
# organisation stores the JSON text as it came and needs to decode nothing but the keys.
Entry = tuple[str, int, str, bool, str]


def _entry(record: dict[str, Any]) -> list[Any]:
    return [record["id"], record["version"], record["updated_at"], record["deleted"],
            canonical(record).decode("utf-8")]


def build(manifest: Manifest, records: dict[str, list[dict[str, Any]]], recipient: str,
          signing_key: bytes) -> bytes:
    """The bytes of a complete package: records encrypted to `recipient`, signed with `signing_key`."""
    document = {"records": {t: [_entry(r) for r in rows] for t, rows in records.items()}}
    payload = encrypt(zlib.compress(canonical(document), 6), recipient)
    manifest_bytes = canonical(manifest.to_json())
    body = b"".join([MAGIC, _HEAD.pack(FORMAT_VERSION, len(manifest_bytes)), manifest_bytes,
                     _PAYLOAD_LENGTH.pack(len(payload)), payload])
    return body + sign(signing_key, hashlib.sha256(body).digest())


def parse(data: bytes, path: str) -> Package:
    """Checks the framing and reads the manifest; refuses incomplete, foreign or malformed files."""
    if len(data) < len(MAGIC):
        if MAGIC.startswith(data) and data:
            raise PackageTruncated(path=path)
        raise NotAPackage(path=path)
    if not data.startswith(MAGIC):
        raise NotAPackage(path=path)
    pos = len(MAGIC)
    if len(data) < pos + _HEAD.size:
        raise PackageTruncated(path=path)
    version, manifest_length = _HEAD.unpack_from(data, pos)
    if version > FORMAT_VERSION:
        raise UnknownFormat(path=path, found=version, known=FORMAT_VERSION)
    if version < 1 or manifest_length > MAX_MANIFEST:
        raise PackageDamaged(path=path)
    pos += _HEAD.size
    manifest_bytes = data[pos:pos + manifest_length]
    pos += manifest_length
    if len(data) < pos + _PAYLOAD_LENGTH.size:
        raise PackageTruncated(path=path)
    (payload_length,) = _PAYLOAD_LENGTH.unpack_from(data, pos)
    pos += _PAYLOAD_LENGTH.size
    end = pos + payload_length + SIGNATURE_BYTES
    if len(data) < end:
        raise PackageTruncated(path=path)
    if len(data) > end:
        raise PackageDamaged(path=path)
    try:
        manifest = Manifest.from_json(json.loads(manifest_bytes.decode("utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise PackageDamaged(path=path) from exc
    body = data[:pos + payload_length]
    return Package(manifest=manifest, payload=data[pos:pos + payload_length],
                   signed_digest=hashlib.sha256(body).digest(), signature=data[end - SIGNATURE_BYTES:end],
                   sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def _well_formed(entry: Any) -> bool:
    return (type(entry) is list and len(entry) == 5 and type(entry[0]) is str and type(entry[1]) is int
            and type(entry[2]) is str and type(entry[3]) is bool and type(entry[4]) is str)


def check_signature(package: Package, device_key: bytes, path: str) -> None:
    if not verify(device_key, package.signature, package.signed_digest):
        raise PackageDamaged(path=path)


def open_document(package: Package, identity: str, path: str) -> tuple[dict[str, list[Entry]], bytes]:
    """Decrypts the records of a package whose signature was checked and checks their shape and counts.
    Returns the entries and the compressed document they came from (the organisation keeps it)."""
    try:
        compressed = decrypt(package.payload, identity)
        entries = decode_document(compressed)
    except (pyrage.DecryptError, zlib.error, ValueError, KeyError, TypeError) as exc:
        raise PackageDamaged(path=path) from exc
    counts = {k: len(v) for k, v in entries.items() if v}
    if counts != {k: v for k, v in package.manifest.counts.items() if v}:
        raise PackageDamaged(path=path)
    return entries, compressed


def decode_document(compressed: bytes) -> dict[str, list[Entry]]:
    """The entries of a compressed payload document; ValueError when it is malformed."""
    document = json.loads(zlib.decompress(compressed).decode("utf-8"))
    entries = document["records"]
    if not isinstance(entries, dict) or not all(
            k in RECORD_TYPES and isinstance(v, list) and all(_well_formed(e) for e in v)
            for k, v in entries.items()):
        raise ValueError("bad records")
    return {k: [tuple(e) for e in v] for k, v in entries.items()}  # type: ignore[misc]


def open_entries(package: Package, identity: str, path: str) -> dict[str, list[Entry]]:
    return open_document(package, identity, path)[0]


def open_records(package: Package, identity: str, path: str) -> dict[str, list[dict[str, Any]]]:
    """The records of a package as dicts (for inspection and tests)."""
    return {k: [json.loads(e[4]) for e in v] for k, v in open_entries(package, identity, path).items()}
