"""The receipt the organisation writes per imported package, signed with its receipt key."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .errors import BadReceipt
from .sealed import read_body, seal, signature_valid

KIND = "beratung-receipt"
SUFFIX = ".bdreceipt"
STATUSES = ("imported", "duplicate", "quarantined")


@dataclass(frozen=True)
class Receipt:
    organisation_id: str
    package_id: str
    device_id: str
    office: str
    sequence: int
    sha256: str
    status: str  # one of STATUSES
    received_at: str
    inserted: int

    @property
    def delivered(self) -> bool:
        """Imported now or before: the office may treat the package as arrived."""
        return self.status in ("imported", "duplicate")

    def file_name(self) -> str:
        return f"receipt-{self.device_id[:8]}-{self.sequence:06d}-{self.package_id[:8]}{SUFFIX}"

    def to_bytes(self, private_key: bytes) -> bytes:
        return seal(KIND, asdict(self), private_key)

    @classmethod
    def from_bytes(cls, data: bytes, public_key: bytes, path: str) -> Receipt:
        try:
            body, signature = read_body(data, KIND)
            receipt = cls(**{k: body[k] for k in cls.__dataclass_fields__})
            valid = signature_valid(KIND, body, signature, public_key)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise BadReceipt(path=path) from exc
        if not valid or receipt.status not in STATUSES or type(receipt.sequence) is not int:
            raise BadReceipt(path=path)
        return receipt
