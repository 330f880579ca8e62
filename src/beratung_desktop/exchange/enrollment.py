"""The enrollment file a laptop hands to the organisation: its device id and public signing key.

It is signed with the device's own key (proof that the laptop holds the private key); trust comes from
IT comparing the fingerprint shown on the laptop with the one shown by 'org accept-device'.

A laptop enrolled again (`device enroll --replace`) names the device it replaces and proves it with a
succession statement signed by that device's key, which the office store still holds: the
organisation then continues the old device's export numbers and records under the new device
without IT having to say so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import BadEnrollment
from .keys import b64, fingerprint, sign, unb64, verify
from .package import IDENTIFIER
from .records import canonical
from .sealed import read_body, seal, signature_valid

KIND = "beratung-enrollment"
SUFFIX = ".bdenroll"
MAX_OFFICE = 200
SUCCESSION = "beratung-succession"


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    office: str
    organisation_id: str
    public_key: bytes
    created_at: str
    replaces: str = ""  # the device this laptop was enrolled as before, if any
    succession: bytes = b""  # the replaced device's signature over succession_statement()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def body(self) -> dict:
        body = {
            "device_id": self.device_id,
            "office": self.office,
            "organisation_id": self.organisation_id,
            "public_key": b64(self.public_key),
            "created_at": self.created_at,
        }
        if self.replaces:  # only then, so that files of earlier versions keep their exact body
            body |= {"replaces": self.replaces, "succession": b64(self.succession)}
        return body

    def succession_statement(self) -> bytes:
        """What the replaced device signs: this organisation, the old and the new device and its key."""
        return canonical(
            {
                "format": SUCCESSION,
                "organisation_id": self.organisation_id,
                "replaces": self.replaces,
                "device_id": self.device_id,
                "public_key": b64(self.public_key),
            }
        )

    def signed_by_predecessor(self, predecessor_key: bytes) -> bool:
        return bool(self.replaces) and verify(predecessor_key, self.succession, self.succession_statement())

    def succeeding(self, replaces: str, predecessor_private_key: bytes) -> Enrollment:
        """This enrollment naming `replaces`, with the succession signed by that device's private key."""
        named = replace(self, replaces=replaces, succession=b"")
        return replace(named, succession=sign(predecessor_private_key, named.succession_statement()))

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
                replaces=str(body.get("replaces", "")),
                succession=unb64(body.get("succession", "")),
            )
            valid = signature_valid(KIND, body, signature, enrollment.public_key)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise BadEnrollment(path=path) from exc
        if (
            not valid
            or not IDENTIFIER.fullmatch(enrollment.device_id)
            or not IDENTIFIER.fullmatch(enrollment.organisation_id)
            or (enrollment.replaces and not IDENTIFIER.fullmatch(enrollment.replaces))
            or not enrollment.office.strip()
            or len(enrollment.office) > MAX_OFFICE
        ):
            raise BadEnrollment(path=path)
        return enrollment
