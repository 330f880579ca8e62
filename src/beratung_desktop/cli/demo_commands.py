"""beratung-admin demo-data: fills an unlocked store with generated demo data."""

from __future__ import annotations

import argparse
from datetime import date

from ..i18n import _
from ..services import demo
from .context import CliContext, Refused


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("use a date like 2025-01-31")) from None


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("demo-data", help=_("fill the store with generated demo clients and casework"))
    p.add_argument("--clients", type=int, default=demo.DEMO_CLIENTS, help=_("number of clients"))
    p.add_argument("--seed", type=int, default=demo.DEMO_SEED, help=_("random seed; the same seed gives the same data"))
    p.add_argument(
        "--today",
        type=_day,
        default=None,
        metavar=_("YYYY-MM-DD"),
        help=_("the day the data is generated relative to (default: today)"),
    )
    p.set_defaults(handler=cmd_demo_data)


def cmd_demo_data(ctx: CliContext) -> int:
    if ctx.args.clients < 1:
        raise Refused(_("Give at least one client with --clients."))
    session = ctx.session()
    summary = demo.generate(session, ctx.args.clients, seed=ctx.args.seed, today=ctx.args.today, kdf=ctx.kdf)
    labels = {
        "users": _("users"),
        "partners": _("network partners"),
        "clients": _("clients"),
        "cases": _("cases"),
        "consultations": _("consultations"),
        "goals": _("agreement goals"),
        "consents": _("consents"),
        "appointments": _("appointments"),
        "activities": _("activities"),
        "interpreters": _("interpreters"),
        "referrals": _("referrals"),
        "groups": _("groups"),
        "group_sessions": _("group sessions"),
        "short_contacts": _("short contacts"),
        "documents": _("documents"),
        "deadlines": _("deadlines"),
    }
    print(_("Demo data created (password of the new users: {password}):").format(password=demo.DEMO_PASSWORD))
    for key, count in summary.items():
        print(f"  {labels[key]}: {count}")
    return 0
