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
import re
import struct
import zlib
from dataclasses import dataclass
from typing import Any

import msgspec
import pyrage

from ..domain.display_text import displayable
from .errors import BadIdentifier, NotAPackage, PackageDamaged, PackageTruncated, RecordRefused, UnknownFormat
from .keys import SIGNATURE_BYTES, decrypt, encrypt, sign, verify
from .record_schema import RecordChecker, RecordInvalid, RecordKey
from .records import RECORD_TYPES, canonical

MAGIC = b"BDXPKG\r\n"  # the CR LF catches transfers that rewrite line endings
FORMAT_VERSION = 1
MANIFEST_FORMAT = "beratung-export"
SUFFIX = ".bdx"
SCOPES = ("statistics", "full")
_HEAD = struct.Struct(">HI")
_PAYLOAD_LENGTH = struct.Struct(">Q")
MAX_MANIFEST = 1 << 20
# Decompressed sizes a package may reach: far above any office's data (20,000 clients with ten
# years of consultations are about 60 MiB of record lines), far below what exhausts memory.
MAX_KEYS = 64 << 20
MAX_LINES = 1 << 30
# Package ids, device ids and organisation ids end up in file names and receipts: a path separator
# or a control character in them must never reach the file system or the terminal.
IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


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
        return {
            "format": MANIFEST_FORMAT,
            "package_id": self.package_id,
            "organisation_id": self.organisation_id,
            "office": self.office,
            "device_id": self.device_id,
            "sequence": self.sequence,
            "period": {"from": self.period_from, "to": self.period_to},
            "scope": self.scope,
            "schema_version": self.schema_version,
            "counts": self.counts,
            "created_at": self.created_at,
            "app_version": self.app_version,
        }

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        """Raises ValueError/KeyError/TypeError on anything that is not a well-formed manifest."""
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            raise ValueError("not a manifest")
        counts = data["counts"]
        if not isinstance(counts, dict) or not all(
            k in RECORD_TYPES and type(v) is int and v >= 0 for k, v in counts.items()
        ):
            raise ValueError("bad counts")
        manifest = cls(
            package_id=_text(data["package_id"]),
            organisation_id=_text(data["organisation_id"]),
            office=_text(data["office"]),
            device_id=_text(data["device_id"]),
            sequence=_integer(data["sequence"]),
            period_from=data["period"]["from"],
            period_to=_text(data["period"]["to"]),
            scope=_text(data["scope"]),
            schema_version=_integer(data["schema_version"]),
            counts=dict(counts),
            created_at=_text(data["created_at"]),
            app_version=str(data.get("app_version", "")),
        )
        if manifest.scope not in SCOPES or manifest.sequence < 1 or manifest.schema_version < 1:
            raise ValueError("bad scope, sequence or schema")
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


# The decrypted payload: u32 length | zlib(JSON {"records": {type: {"id": [...], "version": [...],
# "deleted": [...]}}}) | zlib(one canonical JSON record per line, types in sorted order, records in key
# order). The organisation reads only the key columns (in key order, so its index grows in one place)
# and keeps the compressed lines as they came.
_KEYS_LENGTH = struct.Struct(">I")


@dataclass(frozen=True)
class Keys:
    """The keys of one record type in a package; record n is on line first_line + n."""

    ids: list[str]
    versions: list[int]
    deleted: list[bool]
    first_line: int


def _payload(records: dict[str, list[dict[str, Any]]]) -> bytes:
    ordered = {t: sorted(rows, key=lambda r: (r["id"], r["version"])) for t, rows in sorted(records.items()) if rows}
    keys = {
        t: {
            "id": [r["id"] for r in rows],
            "version": [r["version"] for r in rows],
            "deleted": [r["deleted"] for r in rows],
        }
        for t, rows in ordered.items()
    }
    lines = "\n".join(canonical(r).decode("utf-8") for rows in ordered.values() for r in rows)
    keys_z = zlib.compress(canonical({"records": keys}), 6)
    return _KEYS_LENGTH.pack(len(keys_z)) + keys_z + zlib.compress(lines.encode("utf-8"), 6)


def build(manifest: Manifest, records: dict[str, list[dict[str, Any]]], recipient: str, signing_key: bytes) -> bytes:
    """The bytes of a complete package: records encrypted to `recipient`, signed with `signing_key`."""
    payload = encrypt(_payload(records), recipient)
    manifest_bytes = canonical(manifest.to_json())
    body = b"".join(
        [
            MAGIC,
            _HEAD.pack(FORMAT_VERSION, len(manifest_bytes)),
            manifest_bytes,
            _PAYLOAD_LENGTH.pack(len(payload)),
            payload,
        ]
    )
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
    manifest_bytes = data[pos : pos + manifest_length]
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
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise PackageDamaged(path=path) from exc
    for name in ("package_id", "device_id", "organisation_id"):
        value = getattr(manifest, name)
        if not IDENTIFIER.fullmatch(value):
            raise BadIdentifier(path=path, field=name, value=displayable(value[:80]))
    body = data[: pos + payload_length]
    return Package(
        manifest=manifest,
        payload=data[pos : pos + payload_length],
        signed_digest=hashlib.sha256(body).digest(),
        signature=data[end - SIGNATURE_BYTES : end],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def _only(values: Any, kind: type) -> list:
    if type(values) is not list or (values and set(map(type, values)) != {kind}):
        raise ValueError("bad key column")
    return values


def _keys(document: Any) -> dict[str, Keys]:
    """The key columns with their first lines; ValueError when they are malformed."""
    if not isinstance(document, dict) or not all(k in RECORD_TYPES for k in document):
        raise ValueError("bad keys")
    found: dict[str, Keys] = {}
    line = 0
    for record_type in sorted(document):
        columns = document[record_type]
        keys = Keys(_only(columns["id"], str), _only(columns["version"], int), _only(columns["deleted"], bool), line)
        if not len(keys.ids) == len(keys.versions) == len(keys.deleted):
            raise ValueError("key columns differ in length")
        found[record_type] = keys
        line += len(keys.ids)
    return found


def check_signature(package: Package, device_key: bytes, path: str) -> None:
    if not verify(device_key, package.signature, package.signed_digest):
        raise PackageDamaged(path=path)


def open_document(package: Package, identity: str, path: str) -> tuple[dict[str, Keys], bytes]:
    """Decrypts a package whose signature was checked and checks its keys against the manifest.
    Returns the keys and the compressed record lines (the organisation keeps them)."""
    try:
        plain = decrypt(package.payload, identity)
        (length,) = _KEYS_LENGTH.unpack_from(plain, 0)
        keys_z = plain[_KEYS_LENGTH.size : _KEYS_LENGTH.size + length]
        document = json.loads(_inflate(keys_z, MAX_KEYS).decode("utf-8"))
        keys = _keys(document["records"])
        lines = plain[_KEYS_LENGTH.size + length :]
    except (pyrage.DecryptError, zlib.error, struct.error, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise PackageDamaged(path=path) from exc
    # The record lines are signed together with the keys; they are decompressed only when read.
    counts = {k: len(v.ids) for k, v in keys.items() if v.ids}
    if counts != {k: v for k, v in package.manifest.counts.items() if v}:
        raise PackageDamaged(path=path)
    return keys, lines


def _inflate(data: bytes, limit: int) -> bytes:
    """zlib-decompressed `data`; ValueError when it would exceed `limit` bytes or does not end."""
    inflater = zlib.decompressobj()
    plain = inflater.decompress(data, limit + 1)
    if len(plain) > limit or inflater.unconsumed_tail:
        raise ValueError("decompressed data too large")
    if not inflater.eof:
        raise ValueError("compressed data incomplete")
    return plain


def check_records(package: Package, keys: dict[str, Keys], document: bytes, path: str) -> dict[str, list[Any]]:
    """Every record line checked against the record schema and against its key; refuses the package
    (RecordRefused, or PackageDamaged when the lines do not match the keys) on the first bad one.
    Returns the records by type, in key order (the import derives the summary facts from them)."""
    try:
        text = _inflate(document, MAX_LINES).decode("utf-8")
    except (zlib.error, ValueError) as exc:
        raise PackageDamaged(path=path) from exc
    lines = text.split("\n") if text else []
    if len(lines) != sum(len(k.ids) for k in keys.values()):
        raise PackageDamaged(path=path)
    found = _all_valid(package.manifest.scope, keys, text, lines)
    if found is not None:
        return found
    # Something is wrong: record by record, so the message names the first bad record and field.
    found = {}
    seen: set[tuple[str, str, int]] = set()
    for record_type, k in keys.items():
        checker = RecordChecker(package.manifest.scope, record_type)
        rows = found[record_type] = []
        for n, (record_id, version, deleted) in enumerate(zip(k.ids, k.versions, k.deleted, strict=True)):
            if (record_type, record_id, version) in seen:
                raise PackageDamaged(path=path)
            seen.add((record_type, record_id, version))
            try:
                row = _record(lines[k.first_line + n])
                checker.check(n, row, RecordKey(record_id, version, deleted))
            except RecordInvalid as exc:
                raise RecordRefused(
                    path=path,
                    record=displayable(record_id[:64]),
                    kind=record_type,
                    number=n + 1,
                    field=displayable(exc.field[:64]),
                    problem=exc.problem,
                ) from exc
            except (ValueError, RecursionError, StopIteration) as exc:
                raise PackageDamaged(path=path) from exc
            rows.append(row)
    return found


_DECODE = msgspec.json.Decoder().decode


def _all_valid(scope: str, keys: dict[str, Keys], text: str, lines: list[str]) -> dict[str, list[Any]] | None:
    """The records by type when every line is one JSON object that passes the schema, checked type by
    type in bulk (RecordChecker.all_valid); None when any may not (the caller then finds which)."""
    # One object per line, nothing around it (the record-by-record path reads exactly that).
    if text and (text[0] != "{" or text[-1] != "}" or text.count("\n") != text.count("}\n{")):
        return None
    found: dict[str, list[Any]] = {}
    for record_type, k in keys.items():
        if len(set(zip(k.ids, k.versions, strict=True))) != len(k.ids):
            return None
        try:
            rows = [_DECODE(line) for line in lines[k.first_line : k.first_line + len(k.ids)]]
        except (msgspec.DecodeError, RecursionError):
            return None
        if not RecordChecker(scope, record_type).all_valid(rows, k.ids, k.versions, k.deleted):
            return None
        found[record_type] = rows
    return found


_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # the C scanner, without json.loads' overhead


def _record(line: str) -> Any:
    """One JSON value that fills the whole line; ValueError (or StopIteration) otherwise."""
    value, end = _SCAN(line, 0)
    if end != len(line):
        raise ValueError("more than one value on a line")
    return value


def document_of(lines: list[str]) -> bytes:
    """A stored document from its record lines (the inverse of record_lines)."""
    return zlib.compress("\n".join(lines).encode("utf-8"), 6)


def record_lines(document: bytes) -> list[str]:
    """The record JSON texts of a stored document, indexed by the entries' line numbers."""
    text = zlib.decompress(document).decode("utf-8")
    return text.split("\n") if text else []


def open_records(package: Package, identity: str, path: str) -> dict[str, list[dict[str, Any]]]:
    """The records of a package as dicts (for inspection and tests)."""
    keys, document = open_document(package, identity, path)
    lines = record_lines(document)
    return {t: [json.loads(lines[k.first_line + n]) for n in range(len(k.ids))] for t, k in keys.items()}
