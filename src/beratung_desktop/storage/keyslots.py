"""Key slots: each user's password opens a sealed copy of the database key.

A slot (format 2) holds an X25519 key pair of its user: the private key is wrapped with AES-256-GCM
under a key from Argon2id(password), the public key is in the clear, and the database key is sealed
to that public key (an envelope). Re-keying the database therefore rewrites every user's envelope
without knowing their passwords, and a removed user's old slot opens only the old key. The Argon2
parameters and the public key are associated data of the wrapping, so a slot with lowered parameters
or a swapped key does not open. Slots of format 1 (Argon2id wrapping the database key directly) still
open and are rewritten in format 2 at the next sign-in.

The database key is derived from the recovery key, so the recovery key opens the data even when both
copies of the key file are lost. The key file is written atomically and kept twice; each copy is read
on its own, so one damaged slot falls back to the same user's slot in the other copy.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic_file import write_atomic
from .errors import KeyFileMissing, WrongPassword, WrongRecoveryKey

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

# The cryptography and Argon2 modules load on first use: the unlock window lists the users from the key
# file before anyone types a password (start-up time, benchmarks/scale_benchmark.py).

KEY_FILE = "keys.json"
KEY_FILE_COPY = "keys.backup.json"
FORMAT = 2
READABLE_FORMATS = (1, 2)
RECOVERY_BYTES = 20  # 160 bits, shown as 8 groups of 4 base32 characters
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@dataclass(frozen=True, order=True)
class KdfParams:
    time_cost: int = 4
    memory_kib: int = 128 * 1024
    parallelism: int = 2

    def derive(self, password: str, salt: bytes) -> bytes:
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(
            password.encode("utf-8"),
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=32,
            type=Type.ID,
        )

    def within_bounds(self) -> bool:
        """Parameters outside these bounds are never run: a file asking for time_cost 10^9 would hang."""
        return (
            KDF_FLOOR.time_cost <= self.time_cost <= KDF_CEILING.time_cost
            and KDF_FLOOR.memory_kib <= self.memory_kib <= KDF_CEILING.memory_kib
            and KDF_FLOOR.parallelism <= self.parallelism <= KDF_CEILING.parallelism
            and self.memory_kib >= 8 * self.parallelism
        )

    def weaker_than(self, other: KdfParams) -> bool:
        return self.time_cost < other.time_cost or self.memory_kib < other.memory_kib

    @classmethod
    def from_json(cls, data: object) -> KdfParams:
        if not isinstance(data, dict) or set(data) != {"time_cost", "memory_kib", "parallelism"}:
            raise ValueError("kdf parameters")
        values = [data["time_cost"], data["memory_kib"], data["parallelism"]]
        if not all(type(v) is int for v in values):
            raise ValueError("kdf parameters")
        return cls(*values)


# About half a second on a current office laptop; see benchmarks/argon2_cost.py.
DEFAULT_KDF = KdfParams()
# Cheap parameters for tests only, where hundreds of stores are created.
TEST_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
# Argon2's own lower limits, and upper limits that still finish in seconds on an office laptop.
KDF_FLOOR = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
KDF_CEILING = KdfParams(time_cost=64, memory_kib=2 * 1024 * 1024, parallelism=16)


def new_recovery_key() -> str:
    raw = base64.b32encode(os.urandom(RECOVERY_BYTES)).decode("ascii")  # what secrets.token_bytes does
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    # Digits 0, 1 and 8 never occur in base32; they are read-back typos of O, I and B.
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    if len(cleaned) != RECOVERY_BYTES * 8 // 5 or any(ch not in _B32 for ch in cleaned):
        raise WrongRecoveryKey()
    return cleaned


def database_key_from_recovery(recovery_key: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    secret = base64.b32decode(normalise_recovery_key(recovery_key))
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"beratung-desktop", info=b"database key v1").derive(secret)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, length: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if length is not None and len(data) != length:
        raise ValueError("wrong length")
    return data


def _legacy_aad(store_id: str, user: str) -> bytes:
    return f"beratung-desktop/{store_id}/{user}".encode()


def _slot_aad(store_id: str, user: str, kdf: KdfParams, public: bytes) -> bytes:
    # Binds the wrapped private key to its store, user, Argon2 parameters and public key.
    params = f"{kdf.time_cost}/{kdf.memory_kib}/{kdf.parallelism}"
    return f"beratung-desktop slot 2/{store_id}/{user}/{params}/".encode() + public


def _envelope_key(shared: bytes, ephemeral: bytes, public: bytes, store_id: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=store_id.encode(),
        info=b"beratung-desktop envelope 2" + ephemeral + public,
    ).derive(shared)


def _raw_public(key: X25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class Envelope:
    ephemeral: bytes
    nonce: bytes
    sealed: bytes

    @classmethod
    def seal(cls, database_key: bytes, public: bytes, store_id: str, user: str) -> Envelope:
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        ephemeral = X25519PrivateKey.generate()
        eph_public = _raw_public(ephemeral.public_key())
        key = _envelope_key(ephemeral.exchange(X25519PublicKey.from_public_bytes(public)), eph_public, public, store_id)
        nonce = os.urandom(12)
        return cls(eph_public, nonce, AESGCM(key).encrypt(nonce, database_key, _legacy_aad(store_id, user)))

    def open(self, private: X25519PrivateKey, store_id: str, user: str) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        public = _raw_public(private.public_key())
        shared = private.exchange(X25519PublicKey.from_public_bytes(self.ephemeral))
        key = _envelope_key(shared, self.ephemeral, public, store_id)
        return AESGCM(key).decrypt(self.nonce, self.sealed, _legacy_aad(store_id, user))


@dataclass(frozen=True)
class Slot:
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes  # format 2: the private key; format 1: the database key
    public: bytes = b""  # empty for a format-1 slot
    envelopes: tuple[Envelope, ...] = ()

    @property
    def legacy(self) -> bool:
        return not self.public

    def to_json(self) -> dict:
        data: dict = {"kdf": asdict(self.kdf), "salt": _b64(self.salt), "nonce": _b64(self.nonce)}
        data["wrapped"] = _b64(self.wrapped)
        if not self.legacy:
            data["version"] = 2
            data["public"] = _b64(self.public)
            data["envelopes"] = [
                {"ephemeral": _b64(e.ephemeral), "nonce": _b64(e.nonce), "sealed": _b64(e.sealed)}
                for e in self.envelopes
            ]
        return data

    @classmethod
    def from_json(cls, data: object) -> Slot:
        if not isinstance(data, dict):
            raise ValueError("slot")
        kdf = KdfParams.from_json(data.get("kdf"))
        salt, nonce = _unb64(data.get("salt"), 16), _unb64(data.get("nonce"), 12)
        if data.get("version") is None:
            return cls(kdf, salt, nonce, _unb64(data.get("wrapped"), 48))
        if data["version"] != 2 or not isinstance(data.get("envelopes"), list):
            raise ValueError("slot version")
        envelopes = tuple(
            Envelope(_unb64(e["ephemeral"], 32), _unb64(e["nonce"], 12), _unb64(e["sealed"], 48))
            for e in data["envelopes"]
            if isinstance(e, dict)
        )
        return cls(kdf, salt, nonce, _unb64(data.get("wrapped"), 48), _unb64(data.get("public"), 32), envelopes)

    @classmethod
    def create(cls, user: str, password: str, database_key: bytes, kdf: KdfParams, store_id: str) -> Slot:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        private = X25519PrivateKey.generate()
        public = _raw_public(private.public_key())
        salt, nonce = os.urandom(16), os.urandom(12)
        raw_private = private.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        wrapped = AESGCM(kdf.derive(password, salt)).encrypt(nonce, raw_private, _slot_aad(store_id, user, kdf, public))
        envelope = Envelope.seal(database_key, public, store_id, user)
        return cls(kdf, salt, nonce, wrapped, public, (envelope,))

    def open(self, wrapping_key: bytes, store_id: str, user: str) -> list[bytes]:
        """The database keys this slot opens (a slot holds two envelopes only while a re-keying runs)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if self.legacy:
            return [AESGCM(wrapping_key).decrypt(self.nonce, self.wrapped, _legacy_aad(store_id, user))]
        raw = AESGCM(wrapping_key).decrypt(self.nonce, self.wrapped, _slot_aad(store_id, user, self.kdf, self.public))
        private = X25519PrivateKey.from_private_bytes(raw)
        keys = []
        for envelope in self.envelopes:
            try:
                keys.append(envelope.open(private, store_id, user))
            except InvalidTag:
                continue
        return keys

    def resealed(self, database_keys: list[bytes], store_id: str, user: str) -> Slot:
        envelopes = tuple(Envelope.seal(k, self.public, store_id, user) for k in database_keys)
        return Slot(self.kdf, self.salt, self.nonce, self.wrapped, self.public, envelopes)


@dataclass
class _Copy:
    """One of the two files as read: its store id and the slots that parsed."""

    store_id: str
    slots: dict[str, Slot] = field(default_factory=dict)


def _read_copy(path: Path) -> _Copy | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
        return None
    store_id, raw_slots = data.get("store_id"), data.get("slots")
    if not isinstance(store_id, str) or not isinstance(raw_slots, dict):
        return None
    copy = _Copy(store_id)
    for user, raw in raw_slots.items():
        try:
            slot = Slot.from_json(raw)
        except (ValueError, KeyError, TypeError):
            continue  # one damaged slot does not hide the others
        if slot.kdf.within_bounds():
            copy.slots[str(user)] = slot
    return copy


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


@dataclass(frozen=True)
class Unwrapped:
    key: bytes
    store_id: str
    slot: Slot


class KeyFile:
    """Both copies of the key file; each keeps its own slots, so damage in one is not copied over."""

    def __init__(self, folder: Path, store_id: str, slots: dict[str, Slot] | None = None):
        self.folder = Path(folder)
        self.store_id = store_id
        self.primary: dict[str, Slot] = dict(slots or {})
        self.secondary: dict[str, Slot] = dict(slots or {})
        self.store_ids = [store_id]
        self.copies_differ = False  # one copy missing, damaged or older: the next save repairs it

    @property
    def slots(self) -> dict[str, Slot]:
        """The users with a slot in either copy."""
        return {**self.secondary, **self.primary}

    @classmethod
    def load(cls, folder: Path) -> KeyFile:
        """Reads both copies; raises KeyFileMissing when neither is readable."""
        folder = Path(folder)
        first, second = _read_copy(folder / KEY_FILE), _read_copy(folder / KEY_FILE_COPY)
        if first is None and second is None:
            raise KeyFileMissing(path=str(folder))
        main = first or second
        assert main is not None
        keys = cls(folder, main.store_id)
        keys.primary = dict(main.slots)
        keys.secondary = dict((second or main).slots)
        keys.store_ids = list(dict.fromkeys(c.store_id for c in (first, second) if c is not None))
        keys.copies_differ = _bytes(folder / KEY_FILE) != _bytes(folder / KEY_FILE_COPY)
        return keys

    @staticmethod
    def exists(folder: Path) -> bool:
        return (Path(folder) / KEY_FILE).exists() or (Path(folder) / KEY_FILE_COPY).exists()

    def save(self) -> None:
        # The copy is written first: a crash between the two writes leaves one complete file.
        write_atomic(self.folder / KEY_FILE_COPY, self._encode({**self.primary, **self.secondary}))
        write_atomic(self.folder / KEY_FILE, self._encode({**self.secondary, **self.primary}))

    def _encode(self, slots: dict[str, Slot]) -> bytes:
        data = {
            "format": FORMAT,
            "store_id": self.store_id,
            "slots": {u: s.to_json() for u, s in sorted(slots.items())},
        }
        return json.dumps(data, indent=2).encode("utf-8")

    def candidates(self, user: str) -> list[Slot]:
        found = [s for s in (self.primary.get(user), self.secondary.get(user)) if s is not None]
        return list(dict.fromkeys(found))

    def set_password(self, user: str, password: str, database_key: bytes, kdf: KdfParams) -> Slot:
        slot = Slot.create(user, password, database_key, kdf, self.store_id)
        self.set_slot(user, slot)
        return slot

    def set_slot(self, user: str, slot: Slot) -> None:
        self.primary[user] = slot
        self.secondary[user] = slot

    def unwrap_all(self, user: str, password: str) -> list[Unwrapped]:
        """Every database key this password opens through the user's slots in either copy, under either
        copy's store id (a flipped byte in one copy's store id must not lock the user out)."""
        from cryptography.exceptions import InvalidTag

        found: list[Unwrapped] = []
        derived: dict[tuple[bytes, KdfParams], bytes] = {}
        slots = self.candidates(user)
        if not slots:
            # Same message and similar cost as a wrong password: user names are not revealed.
            any_slot = next(iter(self.slots.values()), None)
            (any_slot.kdf if any_slot else TEST_KDF).derive(password, os.urandom(16))
            return []
        for slot in slots:
            wrapping = derived.get((slot.salt, slot.kdf))
            if wrapping is None:
                wrapping = derived[(slot.salt, slot.kdf)] = slot.kdf.derive(password, slot.salt)
            for store_id in self.store_ids:
                try:
                    keys = slot.open(wrapping, store_id, user)
                except (InvalidTag, ValueError):
                    continue
                found.extend(Unwrapped(k, store_id, slot) for k in keys)
        return found

    def unwrap(self, user: str, password: str) -> bytes:
        found = self.unwrap_all(user, password)
        if not found:
            raise WrongPassword()
        return found[0].key

    def reseal(self, database_keys: list[bytes], trusted: dict[str, bytes]) -> list[str]:
        """Seals `database_keys` to every slot whose public key is the one recorded for its user in the
        store (`trusted`); slots without one (format 1, or a key nobody recorded) are dropped and their
        users listed: they need a new password from an administrator."""
        dropped = []
        for user in sorted(self.slots):
            slot = self.primary.get(user) or self.secondary[user]
            if slot.legacy or trusted.get(user) != slot.public:
                self.remove(user)
                dropped.append(user)
                continue
            self.set_slot(user, slot.resealed(database_keys, self.store_id, user))
        return dropped

    def remove(self, user: str) -> None:
        self.primary.pop(user, None)
        self.secondary.pop(user, None)
