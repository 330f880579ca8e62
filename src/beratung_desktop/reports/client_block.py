"""The lines that identify the client at the top of every client document."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.clients import Client
from ..i18n import N_
from ..i18n.formatting import format_date

Translate = Callable[[str], str]


def client_name(client: Client) -> str:
    latin = f"{client.given_name} {client.family_name}".strip()
    original = f"{client.given_name_original} {client.family_name_original}".strip()
    return f"{latin} ({original})" if latin and original else latin or original


def birth(client: Client, language: str) -> str:
    if client.birth_date:
        return format_date(client.birth_date, "medium", language)
    return str(client.birth_year) if client.birth_year else ""


def client_rows(client: Client, tr: Translate, language: str) -> list[tuple[str, str]]:
    rows = [(tr(N_("Client")), client_name(client)), (tr(N_("Client number")), client.client_number)]
    born = birth(client, language)
    if born:
        rows.append((tr(N_("Date of birth")), born))
    return rows
