"""Network partners: authorities and services clients are referred to."""

from __future__ import annotations

from dataclasses import dataclass

from .record import Record


@dataclass(kw_only=True)
class NetworkPartner(Record):
    name: str
    kind: str = "other"
    contact: str = ""
    notes: str = ""
