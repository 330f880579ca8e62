"""beratung-admin retention list|apply: the review list of clients due for erasure, for IT."""

from __future__ import annotations

import argparse

from ..domain.catalogues import ERASURE_REASONS
from ..errors import error_text
from ..i18n import _
from ..services import privacy
from .context import CliContext


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("retention", help=_("clients whose retention ended or who withdrew consent to storage"))
    actions = p.add_subparsers(dest="retention_action", required=True)
    listing = actions.add_parser("list", help=_("list the clients due for review; nothing is changed"))
    listing.set_defaults(handler=cmd_list)
    apply = actions.add_parser(
        "apply", help=_("erase the clients on the review list (only lists them unless --confirm is given)")
    )
    apply.add_argument("--confirm", action="store_true", help=_("really erase them; this cannot be undone"))
    apply.set_defaults(handler=cmd_apply)


def _items(ctx: CliContext) -> list[privacy.ReviewItem]:
    session = ctx.session()
    policy = privacy.policy_from_settings(session, ctx.settings_store)
    return privacy.review_list(session, policy)


def _print(items: list[privacy.ReviewItem]) -> None:
    for i in items:
        line = _("{number}\t{name}\tlast contact {last}\tcases {cases}\t{reason} ({since})").format(
            number=i.client_number,
            name=i.name,
            last=i.last_contact.isoformat() if i.last_contact else "-",
            cases=i.cases,
            reason=_(ERASURE_REASONS.label(i.reason)),
            since=i.since.isoformat(),
        )
        print(line)
    print(_("{count} clients due for review.").format(count=len(items)))


def cmd_list(ctx: CliContext) -> int:
    _print(_items(ctx))
    return 0


def cmd_apply(ctx: CliContext) -> int:
    items = _items(ctx)
    _print(items)
    if not ctx.args.confirm:
        print(_("Nothing was erased. Run 'retention apply --confirm' to erase these clients."))
        return 0
    results = privacy.erase_reviewed(ctx.session(), items)
    refused = 0
    for item, outcome in results:
        if isinstance(outcome, privacy.ErasureResult):
            print(_("{number}: erased.").format(number=item.client_number))
        else:
            refused += 1
            print(_("{number}: not erased: {reason}").format(number=item.client_number, reason=error_text(outcome)))
    print(_("{erased} clients erased, {refused} refused.").format(erased=len(results) - refused, refused=refused))
    return 1 if refused else 0
