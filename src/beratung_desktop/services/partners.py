"""Network partners: the authorities and services clients are referred to."""

from __future__ import annotations

from ..domain.partners import NetworkPartner
from ..domain.validation import N_, ValidationError, ValidationIssue
from .session import Session


def list_partners(session: Session) -> list[NetworkPartner]:
    return session.store.partners.ordered_by_name()


def save_partner(session: Session, partner: NetworkPartner) -> NetworkPartner:
    if not partner.name.strip():
        raise ValidationError([ValidationIssue("name", N_("Enter the partner's name."))])
    return session.save(session.store.partners, partner, "partner")
