"""Key slots: each user's password wraps the database key (Argon2id + AES-256-GCM).

The database key itself is derived from the recovery key, so the recovery key opens the data even when
both copies of the key file are lost. The key file is written atomically and kept twice.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .atomic_file import write_atomic
from .errors import KeyFileMissing, WrongPassword, WrongRecoveryKey

KEY_FILE = "keys.json"
KEY_FILE_COPY = "keys.backup.json"
FORMAT = 1
RECOVERY_BYTES = 20  # 160 bits, shown as 8 groups of 4 base32 characters
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@dataclass(frozen=True)
class KdfParams:
    time_cost: int = 4
    memory_kib: int = 128 * 1024
    parallelism: int = 2

    def derive(self, password: str, salt: bytes) -> bytes:
        return hash_secret_raw(
            password.encode("utf-8"),
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=32,
            type=Type.ID,
        )


# About half a second on a current office laptop; see benchmarks/argon2_cost.py.
DEFAULT_KDF = KdfParams()
# Cheap parameters for tests only, where hundreds of stores are created.
TEST_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)


def new_recovery_key() -> str:
    raw = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    # Digits 0, 1 and 8 never occur in base32; they are read-back typos of O, I and B.
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    if len(cleaned) != RECOVERY_BYTES * 8 // 5 or any(ch not in _B32 for ch in cleaned):
        raise WrongRecoveryKey()
    return cleaned


def database_key_from_recovery(recovery_key: str) -> bytes:
    secret = base64.b32decode(normalise_recovery_key(recovery_key))
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"beratung-desktop", info=b"database key v1").derive(secret)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass
class Slot:
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict:
        return {
            "kdf": asdict(self.kdf),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }

    @classmethod
    def from_json(cls, data: dict) -> Slot:
        return cls(KdfParams(**data["kdf"]), _unb64(data["salt"]), _unb64(data["nonce"]), _unb64(data["wrapped"]))


def _aad(store_id: str, user: str) -> bytes:
    # Binds a slot to its store and user: a slot copied to another user name does not open.
    return f"beratung-desktop/{store_id}/{user}".encode()


class KeyFile:
    def __init__(self, folder: Path, store_id: str, slots: dict[str, Slot] | None = None):
        self.folder = Path(folder)
        self.store_id = store_id
        self.slots: dict[str, Slot] = dict(slots or {})

    @classmethod
    def load(cls, folder: Path) -> KeyFile:
        """Reads the key file, falling back to its copy when the first is missing or damaged."""
        folder = Path(folder)
        for name in (KEY_FILE, KEY_FILE_COPY):
            try:
                data = json.loads((folder / name).read_text("utf-8"))
                if data.get("format") != FORMAT:
                    continue
                slots = {user: Slot.from_json(s) for user, s in data["slots"].items()}
                return cls(folder, data["store_id"], slots)
            except (OSError, ValueError, KeyError, TypeError):
                continue
        raise KeyFileMissing(path=str(folder))

    @staticmethod
    def exists(folder: Path) -> bool:
        return (Path(folder) / KEY_FILE).exists() or (Path(folder) / KEY_FILE_COPY).exists()

    def save(self) -> None:
        data = json.dumps(
            {
                "format": FORMAT,
                "store_id": self.store_id,
                "slots": {u: s.to_json() for u, s in sorted(self.slots.items())},
            },
            indent=2,
        ).encode("utf-8")
        # The copy is written first: a crash between the two writes leaves one complete file.
        write_atomic(self.folder / KEY_FILE_COPY, data)
        write_atomic(self.folder / KEY_FILE, data)

    def set_password(self, user: str, password: str, database_key: bytes, kdf: KdfParams) -> None:
        salt = os.urandom(16)
        nonce = os.urandom(12)
        wrapping_key = kdf.derive(password, salt)
        wrapped = AESGCM(wrapping_key).encrypt(nonce, database_key, _aad(self.store_id, user))
        self.slots[user] = Slot(kdf, salt, nonce, wrapped)

    def unwrap(self, user: str, password: str) -> bytes:
        slot = self.slots.get(user)
        if slot is None:
            # Same message and similar cost as a wrong password: user names are not revealed.
            any_slot = next(iter(self.slots.values()), None)
            (any_slot.kdf if any_slot else TEST_KDF).derive(password, os.urandom(16))
            raise WrongPassword()
        wrapping_key = slot.kdf.derive(password, slot.salt)
        try:
            return AESGCM(wrapping_key).decrypt(slot.nonce, slot.wrapped, _aad(self.store_id, user))
        except InvalidTag:
            raise WrongPassword() from None

    def remove(self, user: str) -> None:
        self.slots.pop(user, None)
