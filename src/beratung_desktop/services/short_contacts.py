"""Short contacts without a client file, and turning one into a client file when the person returns."""

from __future__ import annotations

from datetime import date

from ..domain.clients import Client
from ..domain.short_contacts import ShortContact, validate_short_contact
from ..domain.validation import ValidationError
from . import casework
from .session import Session


def save_short_contact(session: Session, contact: ShortContact, today: date | None = None) -> ShortContact:
    issues = validate_short_contact(contact, today or date.today())
    if issues:
        raise ValidationError(issues)
    return session.save(session.store.short_contacts, contact, "short_contact")


def recent_short_contacts(session: Session, limit: int = 200) -> list[ShortContact]:
    return session.store.short_contacts.recent(limit)


def client_from_short_contact(contact: ShortContact) -> Client:
    """A new client prefilled with what the short contact knew (gender, language, referral)."""
    return Client(
        gender=contact.gender,
        languages=[contact.language] if contact.language else [],
        referred_by_partner_id=contact.referral_partner_id,
    )


def convert_to_client(session: Session, contact_id: str, client: Client, today: date | None = None) -> Client:
    """Saves the client file of a person who came back and marks the short contact as converted, in
    one transaction. The short contact stays a short contact in the figures of its day."""
    with session.store.transaction():
        contact = session.store.short_contacts.require(contact_id)
        saved = casework.save_client(session, client, today)
        contact.converted_client_id = saved.id
        session.save(session.store.short_contacts, contact, "short_contact", "converted")
    return saved
