"""Small signed JSON documents (enrollment files, receipts): a body and an Ed25519 signature over it."""

from __future__ import annotations

import json
from typing import Any

from .keys import b64, sign, unb64, verify
from .records import canonical


def seal(kind: str, body: dict[str, Any], private_key: bytes) -> bytes:
    document = {
        "format": kind,
        "version": 1,
        "body": body,
        "signature": b64(sign(private_key, canonical({"format": kind, "body": body}))),
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def read_body(data: bytes, kind: str) -> tuple[dict[str, Any], bytes]:
    """The body and signature of a sealed document; ValueError when it is not one of `kind`."""
    document = json.loads(data.decode("utf-8"))
    if not isinstance(document, dict) or document.get("format") != kind or document.get("version") != 1:
        raise ValueError("not a sealed document of this kind")
    body = document["body"]
    if not isinstance(body, dict):
        raise ValueError("bad body")
    return body, unb64(document["signature"])


def signature_valid(kind: str, body: dict[str, Any], signature: bytes, public_key: bytes) -> bool:
    return verify(public_key, signature, canonical({"format": kind, "body": body}))
