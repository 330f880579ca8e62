"""Key material: the organisation's public key file, Ed25519 signing keys and the age identity."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from .errors import BadKeyFile
from .records import canonical

KEY_FILE_FORMAT = "beratung-organisation-key"
SIGNATURE_BYTES = 64


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(data: bytes) -> str:
    """A short code people compare by eye or phone: 16 hex digits in groups of four."""
    digest = hashlib.sha256(data).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


# -- Ed25519 ---------------------------------------------------------------------------------------


def new_signing_key() -> tuple[bytes, bytes]:
    """A fresh Ed25519 key pair as raw bytes (private, public)."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return private, public


def public_of(private: bytes) -> bytes:
    key = Ed25519PrivateKey.from_private_bytes(private)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign(private: bytes, data: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private).sign(data)


def verify(public: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


# -- age -------------------------------------------------------------------------------------------


def new_age_identity() -> tuple[str, str]:
    """A fresh X25519 age identity (secret 'AGE-SECRET-KEY-...') and its recipient ('age1...')."""
    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def recipient_of(identity: str) -> str:
    return str(pyrage.x25519.Identity.from_str(identity).to_public())


def encrypt(data: bytes, recipient: str) -> bytes:
    return pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(recipient)])


def decrypt(data: bytes, identity: str) -> bytes:
    """Raises pyrage.DecryptError when the data was not encrypted to this identity or is damaged."""
    return pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(identity)])


# -- the organisation's public key file ------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationKey:
    """What an office needs to know about its organisation; IT ships it with the installer."""

    organisation_id: str
    name: str
    age_recipient: str  # packages are encrypted to it
    receipt_key: bytes  # Ed25519 public key that signs receipts
    allow_full_export: bool = False

    def to_json(self) -> dict:
        return {
            "format": KEY_FILE_FORMAT,
            "version": 1,
            "organisation_id": self.organisation_id,
            "name": self.name,
            "age_recipient": self.age_recipient,
            "receipt_key": b64(self.receipt_key),
            "allow_full_export": self.allow_full_export,
        }

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"

    @property
    def fingerprint(self) -> str:
        return fingerprint(canonical(self.to_json()))

    @classmethod
    def from_json(cls, data: object, path: str = "") -> OrganisationKey:
        try:
            if not isinstance(data, dict) or data.get("format") != KEY_FILE_FORMAT:
                raise ValueError("not a key file")
            key = cls(
                organisation_id=str(data["organisation_id"]),
                name=str(data["name"]),
                age_recipient=str(data["age_recipient"]),
                receipt_key=unb64(data["receipt_key"]),
                allow_full_export=bool(data.get("allow_full_export", False)),
            )
            pyrage.x25519.Recipient.from_str(key.age_recipient)
            Ed25519PublicKey.from_public_bytes(key.receipt_key)
        except Exception as exc:  # any malformed content means the same thing to IT
            raise BadKeyFile(path=path) from exc
        return key

    @classmethod
    def load(cls, path: Path) -> OrganisationKey:
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise BadKeyFile(path=str(path)) from exc
        return cls.from_json(data, str(path))
