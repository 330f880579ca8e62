"""Referrals of clients to network partners (with the outcome set later) and the printable note."""

from __future__ import annotations

from datetime import date

from ..domain.privacy import sharing_allowed
from ..domain.referrals import Referral, validate_referral
from ..domain.validation import N_, ValidationError
from ..errors import AppError
from .session import Session


class NoSharingConsent(AppError):
    message = N_(
        "The client has not agreed to share data with {partner}. Record a consent for sharing with this "
        "partner first, then print the referral note."
    )


def save_referral(session: Session, referral: Referral, today: date | None = None) -> Referral:
    issues = validate_referral(referral, today or date.today())
    if issues:
        raise ValidationError(issues)
    session.store.partners.require(referral.partner_id)
    return session.save(session.store.referrals, referral, "referral")


def set_outcome(session: Session, referral_id: str, outcome: str, day: date | None = None) -> Referral:
    """Sets whether the client arrived at the partner (set later, when the counsellor learns it)."""
    referral = session.store.referrals.require(referral_id)
    referral.outcome = outcome
    referral.outcome_day = None if outcome == "unknown" else (day or date.today())
    return save_referral(session, referral, max(date.today(), referral.day))


def client_referrals(session: Session, client_id: str) -> list[Referral]:
    return session.store.referrals.for_client(client_id)


def note_allowed(session: Session, referral: Referral, day: date | None = None) -> bool:
    """Whether the client agreed to share data with the partner (a sharing consent naming them)."""
    partner = session.store.partners.require(referral.partner_id)
    return sharing_allowed(session.store.consents.for_client(referral.client_id), partner.name, day or date.today())


def require_note_allowed(session: Session, referral: Referral, day: date | None = None) -> None:
    if not note_allowed(session, referral, day):
        partner = session.store.partners.require(referral.partner_id)
        raise NoSharingConsent(partner=partner.name)
