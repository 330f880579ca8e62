"""The enrollment file a laptop hands to the organisation: its device id and public signing key.

It is signed with the device's own key (proof that the laptop holds the private key); trust comes from
IT comparing the fingerprint shown on the laptop with the one shown by 'org accept-device'.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import BadEnrollment
from .keys import b64, fingerprint, unb64
from .package import IDENTIFIER
from .sealed import read_body, seal, signature_valid

KIND = "beratung-enrollment"
SUFFIX = ".bdenroll"
MAX_OFFICE = 200


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    office: str
    organisation_id: str
    public_key: bytes
    created_at: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def body(self) -> dict:
        return {
            "device_id": self.device_id,
            "office": self.office,
            "organisation_id": self.organisation_id,
            "public_key": b64(self.public_key),
            "created_at": self.created_at,
        }

    def to_bytes(self, private_key: bytes) -> bytes:
        return seal(KIND, self.body(), private_key)

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> Enrollment:
        try:
            body, signature = read_body(data, KIND)
            enrollment = cls(
                device_id=str(body["device_id"]),
                office=str(body["office"]),
                organisation_id=str(body["organisation_id"]),
                public_key=unb64(body["public_key"]),
                created_at=str(body["created_at"]),
            )
            valid = signature_valid(KIND, body, signature, enrollment.public_key)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise BadEnrollment(path=path) from exc
        if (
            not valid
            or not IDENTIFIER.fullmatch(enrollment.device_id)
            or not IDENTIFIER.fullmatch(enrollment.organisation_id)
            or not enrollment.office.strip()
            or len(enrollment.office) > MAX_OFFICE
        ):
            raise BadEnrollment(path=path)
        return enrollment
