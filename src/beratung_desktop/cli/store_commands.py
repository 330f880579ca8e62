"""Commands on the store itself: init, users, passwords, recovery, search, verify, backup, restore."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..domain.catalogues import ROLES
from ..i18n import _
from ..i18n.formatting import format_date
from ..services import accounts, auto_backup, casework, maintenance
from .context import CliContext, Refused


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("init", help=_("create an empty data store with --user as administrator"))
    p.add_argument("--office", default="", help=_("name of the office"))
    p.add_argument("--demo", action="store_true", help=_("a demo store for trying the app out (allows demo-data)"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=cmd_init)

    user = commands.add_parser("user", help=_("manage users"))
    user_cmds = user.add_subparsers(dest="user_command", metavar=_("ACTION"))
    user_cmds.required = True
    p = user_cmds.add_parser("add", help=_("add a user (standard input: your password, then theirs)"))
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLES.codes())
    p.add_argument("--display-name", default="")
    p.add_argument(
        "--first-password",
        action="store_true",
        help=_("the password is a first one: the user must choose their own at the first sign-in in the app"),
    )
    p.set_defaults(handler=cmd_user_add)
    p = user_cmds.add_parser("remove", help=_("remove a user's password and mark them inactive"))
    p.add_argument("name")
    p.set_defaults(handler=cmd_user_remove)
    p = user_cmds.add_parser("list", help=_("list users"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=cmd_user_list)

    p = commands.add_parser(
        "rekey", help=_("re-encrypt the database with a new key and recovery key; every password keeps working")
    )
    p.set_defaults(handler=cmd_rekey)

    p = commands.add_parser("passwd", help=_("change a password (standard input: current, then new)"))
    p.add_argument("--for-user", default=None, help=_("administrators: change another user's password"))
    p.set_defaults(handler=cmd_passwd)

    p = commands.add_parser("recover", help=_("set a new password for --user with the recovery key"))
    p.add_argument(
        "--recovery-key-stdin",
        action="store_true",
        help=_("read the recovery key and then the new password from standard input"),
    )
    p.set_defaults(handler=cmd_recover)

    p = commands.add_parser("search", help=_("find clients by name, number or date of birth"))
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=cmd_search)

    p = commands.add_parser("verify", help=_("check database integrity, encryption and the audit chain"))
    p.set_defaults(handler=cmd_verify)

    p = commands.add_parser("backup", help=_("write an encrypted, consistent copy of the store"))
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", metavar=_("DIR"), help=_("folder for the backup"))
    target.add_argument(
        "--auto",
        action="store_true",
        help=_("the daily automatic backup into the backup folder: checked, rotated, skipped when done today"),
    )
    p.set_defaults(handler=cmd_backup)

    p = commands.add_parser("backups", help=_("list the backups in the backup folder with dates and record counts"))
    p.add_argument("--folder", metavar=_("DIR"), help=_("another folder than the configured backup folder"))
    p.set_defaults(handler=cmd_backups)

    p = commands.add_parser(
        "restore", help=_("replace the store with a checked backup; works when the store is damaged or missing")
    )
    p.add_argument("file", metavar=_("FILE"))
    p.add_argument(
        "--recovery-key-stdin",
        action="store_true",
        help=_("read the recovery key from standard input instead of a password"),
    )
    p.set_defaults(handler=cmd_restore)


def cmd_init(ctx: CliContext) -> int:
    name = ctx.user_name()
    password = ctx.secret(_("New password for {user}: ").format(user=name), _("password"), confirm=True)
    session, recovery_key = accounts.create_store(
        ctx.data_dir, name, password, office_name=ctx.args.office, kdf=ctx.kdf, demo=ctx.args.demo
    )
    ctx.replace_session(session)
    if ctx.args.json:
        print(json.dumps({"data_dir": str(ctx.data_dir), "user": session.user.name, "recovery_key": recovery_key}))
        return 0
    print(
        _("Created a data store in {path} with {user} as administrator.").format(
            path=ctx.data_dir, user=session.user.name
        )
    )
    print(_("Recovery key (shown only now; print it and keep it locked away):"))
    print(f"    {recovery_key}")
    return 0


def cmd_user_add(ctx: CliContext) -> int:
    session = ctx.session()
    name = ctx.args.name
    password = ctx.secret(_("Password for the new user {user}: ").format(user=name), _("new password"), confirm=True)
    user = accounts.add_user(
        session,
        name,
        ctx.args.role,
        password,
        display_name=ctx.args.display_name,
        kdf=ctx.kdf,
        must_change=ctx.args.first_password,
    )
    print(_("Added {user} as {role}.").format(user=user.name, role=_(ROLES.label(user.role))))
    return 0


def cmd_user_remove(ctx: CliContext) -> int:
    removed = accounts.remove_user(ctx.session(), ctx.args.name)
    print(
        _("Removed {user}: the password no longer opens the store; records and audit entries stay.").format(
            user=removed.user.name
        )
    )
    _print_new_recovery_key(removed.recovery_key, removed.needs_new_password)
    return 0


def cmd_rekey(ctx: CliContext) -> int:
    done = accounts.rekey(ctx.session())
    print(_("The database was re-encrypted with a new key; every password still opens it."))
    _print_new_recovery_key(done.recovery_key, done.needs_new_password)
    return 0


def _print_new_recovery_key(recovery_key: str, needs_new_password: list[str]) -> None:
    print(
        _("New recovery key (shown only now; print it and keep it locked away; the old one opens only older backups):")
    )
    print(f"    {recovery_key}")
    if needs_new_password:
        print(
            _("These users need a new password from an administrator (passwd --for-user): {users}").format(
                users=", ".join(needs_new_password)
            )
        )


def cmd_user_list(ctx: CliContext) -> int:
    users = accounts.list_users(ctx.session())
    if ctx.args.json:
        print(
            json.dumps(
                [{"name": u.name, "display_name": u.display_name, "role": u.role, "active": u.active} for u in users],
                ensure_ascii=False,
            )
        )
        return 0
    for u in users:
        print(f"{u.name}\t{_(ROLES.label(u.role))}\t{u.display_name}")
    return 0


def cmd_passwd(ctx: CliContext) -> int:
    session = ctx.session()
    target = ctx.args.for_user or session.user.name
    new = ctx.secret(_("New password for {user}: ").format(user=target), _("new password"), confirm=True)
    accounts.change_password(session, new, user_name=target, kdf=ctx.kdf)
    print(_("Password changed for {user}.").format(user=target))
    return 0


def cmd_recover(ctx: CliContext) -> int:
    name = ctx.user_name()
    from_stdin = ctx.args.recovery_key_stdin
    key = ctx.secret(_("Recovery key: "), _("recovery key"), from_stdin=from_stdin)
    new = ctx.secret(
        _("New password for {user}: ").format(user=name), _("new password"), from_stdin=from_stdin, confirm=True
    )
    session = accounts.recover(ctx.data_dir, key, name, new, kdf=ctx.kdf)
    ctx.replace_session(session)
    print(_("New password set for {user}.").format(user=session.user.name))
    return 0


def cmd_search(ctx: CliContext) -> int:
    session = ctx.session()
    found = casework.search_clients(session, " ".join(ctx.args.text), ctx.args.limit)
    if ctx.args.json:
        print(
            json.dumps(
                [
                    {
                        "id": c.id,
                        "client_number": c.client_number,
                        "given_name": c.given_name,
                        "family_name": c.family_name,
                        "given_name_original": c.given_name_original,
                        "family_name_original": c.family_name_original,
                        "birth_date": c.birth_date.isoformat() if c.birth_date else None,
                        "birth_year": c.birth_year,
                    }
                    for c in found
                ],
                ensure_ascii=False,
            )
        )
        return 0
    if not found:
        print(_("No client found."))
    for c in found:
        born = format_date(c.birth_date) if c.birth_date else (str(c.birth_year) if c.birth_year else "")
        original = (
            f" ({c.family_name_original} {c.given_name_original})".rstrip()
            if c.family_name_original or c.given_name_original
            else ""
        )
        print(f"{c.client_number}\t{c.display_name}{original}\t{born}")
    return 0


def cmd_verify(ctx: CliContext) -> int:
    report = maintenance.verify(ctx.session())
    ok = _("ok")
    print(
        _("Database integrity: {result}").format(
            result=ok if report.integrity == ["ok"] else "; ".join(report.integrity[:5])
        )
    )
    print(
        _("Encryption (page authentication): {result}").format(
            result=ok if not report.cipher else "; ".join(report.cipher[:5])
        )
    )
    print(
        _("Audit chain: {result}").format(
            result=ok
            if not report.audit_breaks
            else _("broken at entries {entries}").format(entries=", ".join(map(str, report.audit_breaks[:10])))
        )
    )
    print(
        _("Documents (content checksums): {result}").format(
            result=ok
            if not report.documents
            else _("{count} damaged: {ids}").format(count=len(report.documents), ids=", ".join(report.documents[:5]))
        )
    )
    if not report.ok:
        raise Refused(_("Verification failed. Restore the latest backup and inform IT."))
    return 0


def cmd_backup(ctx: CliContext) -> int:
    if ctx.args.auto:
        folder = auto_backup.backup_folder(ctx.settings, ctx.data_dir)
        done = auto_backup.run_if_due(ctx.session(), folder)
        if done.path is None:
            print(_("No backup written ({reason}).").format(reason=_(done.skipped)))
            return 0 if done.skipped == auto_backup.NOT_DUE else 1
        print(_("Backup written and checked: {path}.").format(path=done.path))
        return 0
    target = maintenance.backup(ctx.session(), Path(ctx.args.to))
    print(_("Backup written to {path}.").format(path=target))
    return 0


def cmd_backups(ctx: CliContext) -> int:
    session = ctx.session()
    folder = Path(ctx.args.folder) if ctx.args.folder else auto_backup.backup_folder(ctx.settings, ctx.data_dir)
    listings = auto_backup.list_backups(session, folder)
    if not listings:
        print(_("No backups in {path}.").format(path=folder))
    unknown = _("does not open with this store's key")
    for b in listings:
        counts = (
            _("{clients} clients, {consultations} consultations").format(
                clients=b.clients, consultations=b.consultations
            )
            if b.clients is not None
            else unknown
        )
        print(f"{format_date(b.taken_at.date())} {b.taken_at:%H:%M}\t{counts}\t{b.path}")
    return 0


def cmd_restore(ctx: CliContext) -> int:
    path = ctx.existing_file(ctx.args.file)
    if ctx.args.recovery_key_stdin:
        key = ctx.secret(_("Recovery key: "), _("recovery key"), from_stdin=True)
        done = maintenance.restore_folder(ctx.data_dir, path, user_name=ctx.args.user or "", recovery_key=key)
    else:
        done = maintenance.restore_folder(ctx.data_dir, path, user_name=ctx.user_name(), password=ctx.password())
    if done.session is not None:
        ctx.replace_session(done.session)
    print(_("Restored the store from {path}.").format(path=path))
    if done.damaged and done.kept_aside:
        print(_("The damaged store was renamed, not deleted: {path}").format(path=done.kept_aside))
    elif done.kept_aside:
        print(_("The previous state is kept in {path}.").format(path=done.kept_aside))
    return 0
