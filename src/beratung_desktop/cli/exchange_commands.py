"""Commands for the exchange with the organisation: enrolling, exporting, receipts, and the
organisation's own commands under 'org' (init, accept-device, import, overview, conflicts, report).

Each command imports the services it uses: they load the exchange code (pyrage, signatures) and the
report libraries, which `beratung-admin --version` and the other commands do not need."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..domain.display_text import displayable
from ..errors import error_text
from ..i18n import _
from ..i18n.formatting import format_datetime
from ..storage.atomic_file import write_atomic
from .context import CliContext, Refused
from .report_commands import period_from_args, report_target


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("export", help=_("write an export package for the organisation"))
    p.add_argument("--to", metavar=_("DIR"), help=_("folder for the package (default: export folder setting)"))
    p.add_argument(
        "--scope",
        choices=("statistics", "full"),
        default="statistics",
        help=_("statistics (pseudonymised, default) or full records"),
    )
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser("export-status", help=_("show the last export and when it was delivered"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=cmd_export_status)

    p = commands.add_parser("import-receipt", help=_("read a receipt file (or a folder of them) from the organisation"))
    p.add_argument("path", metavar=_("PATH"))
    p.set_defaults(handler=cmd_import_receipt)

    device = commands.add_parser("device", help=_("this laptop as a device of the organisation"))
    device_cmds = device.add_subparsers(dest="device_command", metavar=_("ACTION"))
    device_cmds.required = True
    p = device_cmds.add_parser("enroll", help=_("create this laptop's signing key and an enrollment file"))
    p.add_argument("--org-key", metavar=_("FILE"), help=_("the organisation's public key file"))
    p.add_argument("--office", default="", help=_("name of the office"))
    p.add_argument("--out", required=True, metavar=_("FILE"), help=_("where to write the enrollment file"))
    p.add_argument("--replace", action="store_true", help=_("enroll again with a new signing key"))
    p.set_defaults(handler=cmd_device_enroll)

    org = commands.add_parser("org", help=_("commands of the organisation (Träger)"))
    org_cmds = org.add_subparsers(dest="org_command", metavar=_("ACTION"))
    org_cmds.required = True
    p = org_cmds.add_parser("init", help=_("create the organisation's store and key pair"))
    p.add_argument("--name", required=True, help=_("name of the organisation"))
    p.add_argument(
        "--public-key-out",
        required=True,
        metavar=_("FILE"),
        help=_("where to write the public key file for the installer"),
    )
    p.add_argument(
        "--allow-full-export", action="store_true", help=_("accept packages with full records, not only statistics")
    )
    p.set_defaults(handler=cmd_org_init)
    p = org_cmds.add_parser("public-key", help=_("write the organisation's public key file again"))
    p.add_argument("--out", required=True, metavar=_("FILE"))
    p.set_defaults(handler=cmd_org_public_key)
    p = org_cmds.add_parser("accept-device", help=_("trust a laptop by its enrollment file"))
    p.add_argument("file", metavar=_("FILE"))
    p.add_argument("--replace", action="store_true", help=_("accept a new key for a device that was enrolled again"))
    p.add_argument(
        "--replaces",
        metavar=_("DEVICE"),
        help=_("the device this laptop replaces, when its enrollment file cannot prove it (old store lost)"),
    )
    p.set_defaults(handler=cmd_org_accept_device)
    p = org_cmds.add_parser("import", help=_("import a package file or every package in a folder"))
    p.add_argument("path", metavar=_("PATH"))
    p.add_argument(
        "--receipts-to", metavar=_("DIR"), help=_("folder for the receipts (default: 'receipts' next to the packages)")
    )
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=cmd_org_import)
    p = org_cmds.add_parser("overview", help=_("devices, last packages, overdue offices, conflicts"))
    p.add_argument("--overdue-days", type=int, default=None)
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=cmd_org_overview)
    report = org_cmds.add_parser("report", help=_("summary over all imported offices"))
    kinds = report.add_subparsers(dest="org_report_kind", metavar=_("KIND"))
    kinds.required = True
    p = kinds.add_parser("monthly", help=_("summary of one month"))
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    _report_arguments(p)
    p = kinds.add_parser("yearly", help=_("summary of one year"))
    p.add_argument("--year", required=True, type=int, metavar="YYYY")
    _report_arguments(p)
    p = org_cmds.add_parser("conflicts", help=_("list records that arrived in two different versions"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=cmd_org_conflicts)


def _report_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--office", action="append", default=[], metavar=_("NAME"), help=_("limit to an office (repeatable)")
    )
    p.add_argument(
        "--language",
        dest="report_lang",
        default="de",
        help=_("language of the document and column headers (default de)"),
    )
    p.add_argument("--out", required=True, metavar=_("FILE"), help=_("FILE.pdf, FILE.csv, FILE.xlsx or FILE.json"))
    p.set_defaults(handler=cmd_org_report)


# -- office ----------------------------------------------------------------------------------------


def _when(iso: str | None) -> str:
    from datetime import datetime

    return format_datetime(datetime.fromisoformat(iso)) if iso else "-"


def cmd_export(ctx: CliContext) -> int:
    from ..services import exchange

    target = ctx.args.to or ctx.settings.export_dir
    if not target:
        raise Refused(_("Name the folder with --to DIR or set the export folder in the settings."))
    session = ctx.session()
    result = exchange.export(
        session,
        Path(target),
        scope=ctx.args.scope,
        machine_allows_full=exchange.machine_allows_full(ctx.settings_store),
    )
    print(exchange.describe_export(result))
    return 0


def cmd_export_status(ctx: CliContext) -> int:
    from ..services import exchange

    state = exchange.status(ctx.session(), ctx.settings.export_reminder_days)
    last, delivered = state.last_export, state.last_delivered
    if ctx.args.json:
        print(
            json.dumps(
                {
                    "enrolled": state.enrolled,
                    "device_id": state.device_id,
                    "organisation": state.organisation,
                    "last_export": last.created_at if last else None,
                    "last_sequence": last.sequence if last else None,
                    "last_delivered": delivered.delivered_at if delivered else None,
                    "undelivered": state.undelivered,
                    "export_due": state.export_due,
                },
                ensure_ascii=False,
            )
        )
        return 0
    if not state.enrolled:
        print(_("This laptop is not enrolled with the organisation yet."))
        return 0
    print(_("Last export: {when}").format(when=_when(last.created_at if last else None)))
    delivered_at = delivered.delivered_at if delivered else None
    print(_("Last export delivered on {when}").format(when=_when(delivered_at)))
    if state.undelivered:
        print(_("{n} exports without receipt yet.").format(n=state.undelivered))
    if state.export_due:
        print(_("An export is due."))
    return 0


def cmd_import_receipt(ctx: CliContext) -> int:
    from ..services import exchange

    outcomes = exchange.import_receipts(ctx.session(), Path(ctx.args.path))
    failed = 0
    for o in outcomes:
        if o.error is not None:
            failed += 1
            print(error_text(o.error), file=sys.stderr)
        elif o.receipt and not o.receipt.delivered:
            failed += 1
            print(
                _("Export {sequence} was not accepted by the organisation ({status}); ask IT.").format(
                    sequence=o.receipt.sequence, status=o.receipt.status
                ),
                file=sys.stderr,
            )
        elif o.newly_delivered:
            print(
                _("Export {sequence} delivered on {when}.").format(
                    sequence=o.receipt.sequence, when=_when(o.receipt.received_at)
                )
            )
        else:
            print(_("Export {sequence} was already marked as delivered.").format(sequence=o.receipt.sequence))
    return 1 if failed else 0


def cmd_device_enroll(ctx: CliContext) -> int:
    from ..exchange.keys import OrganisationKey
    from ..services import exchange

    key_file = ctx.args.org_key or ctx.settings.organisation_key_file
    if not key_file:
        raise Refused(_("Name the organisation's key file with --org-key FILE."))
    org_key = OrganisationKey.load(Path(key_file))
    enrollment = exchange.write_enrollment(
        ctx.session(), org_key, ctx.args.office, Path(ctx.args.out), replace=ctx.args.replace
    )
    print(
        _("Enrolled this laptop as device {device} of {office} for {organisation}.").format(
            device=enrollment.device_id, office=enrollment.office, organisation=org_key.name
        )
    )
    print(_("Enrollment file: {path}").format(path=ctx.args.out))
    print(_("Fingerprint to compare with IT: {fingerprint}").format(fingerprint=enrollment.fingerprint))
    return 0


# -- organisation ----------------------------------------------------------------------------------


def cmd_org_init(ctx: CliContext) -> int:
    from ..services import organisation

    name = ctx.user_name()
    password = ctx.secret(_("New password for {user}: ").format(user=name), _("password"), confirm=True)
    session, recovery_key, key = organisation.init(
        ctx.data_dir, name, password, ctx.args.name, allow_full_export=ctx.args.allow_full_export, kdf=ctx.kdf
    )
    ctx.replace_session(session)
    write_atomic(Path(ctx.args.public_key_out), key.to_bytes())
    print(_("Created the organisation store of {name} in {path}.").format(name=key.name, path=ctx.data_dir))
    print(_("Public key file for the installer: {path}").format(path=ctx.args.public_key_out))
    print(_("Fingerprint: {fingerprint}").format(fingerprint=key.fingerprint))
    print(_("Recovery key (shown only now; print it and keep it locked away):"))
    print(f"    {recovery_key}")
    return 0


def cmd_org_public_key(ctx: CliContext) -> int:
    from ..services import organisation

    key = organisation.public_key(ctx.session())
    write_atomic(Path(ctx.args.out), key.to_bytes())
    print(
        _("Public key file written to {path}. Fingerprint: {fingerprint}").format(
            path=ctx.args.out, fingerprint=key.fingerprint
        )
    )
    return 0


def cmd_org_accept_device(ctx: CliContext) -> int:
    from ..services import organisation

    path = ctx.existing_file(ctx.args.file)
    enrollment = organisation.accept_device(ctx.session(), path, replace=ctx.args.replace, replaces=ctx.args.replaces)
    print(
        _("Accepted device {device} of {office}.").format(
            device=displayable(enrollment.device_id), office=displayable(enrollment.office)
        )
    )
    if enrollment.replaces:
        print(
            _("It replaces device {old}: its export numbers continue, and records it sends again count once.").format(
                old=displayable(enrollment.replaces)
            )
        )
    print(
        _("Fingerprint (must match the one shown on the laptop): {fingerprint}").format(
            fingerprint=enrollment.fingerprint
        )
    )
    return 0


def _prepare_facts(session) -> None:
    """Derives, once and with progress, the summary facts a store upgraded from an older version lacks."""
    from ..services import organisation_report

    def progress(done: int, total: int) -> None:
        text = _("Preparing the summary figures of packages imported by an earlier version: {done} of {total}.")
        print(text.format(done=done, total=total), file=sys.stderr, flush=True)

    organisation_report.fold_new_packages(session, progress)


def cmd_org_import(ctx: CliContext) -> int:
    from ..services import organisation

    path = Path(ctx.args.path)
    if not path.exists():
        raise Refused(_("{path} does not exist; nothing was imported.").format(path=path))
    receipts = Path(ctx.args.receipts_to) if ctx.args.receipts_to else None
    organisation.identity(ctx.session())
    _prepare_facts(ctx.session())
    outcomes = organisation.import_packages(ctx.session(), path, receipts_to=receipts)
    if ctx.args.json:
        print(
            json.dumps(
                [
                    {
                        "file": str(o.path),
                        "status": o.status,
                        "inserted": o.inserted,
                        "conflicts": o.conflicts,
                        "office": o.manifest.office if o.manifest else None,
                        "sequence": o.manifest.sequence if o.manifest else None,
                        "missing_sequences": o.missing_sequences,
                        "error": error_text(o.error) if o.error else None,
                        "receipt": str(o.receipt_path) if o.receipt_path else None,
                    }
                    for o in outcomes
                ],
                ensure_ascii=False,
            )
        )
    else:
        if not outcomes:
            print(_("No package files (*.bdx) found in {path}.").format(path=path))
        for o in outcomes:
            problem = o.status in ("refused", "quarantined")
            print(organisation.outcome_message(o), file=sys.stderr if problem else sys.stdout)
    # A receipt that could not be written is a failure too: the office would wait for it forever.
    return 1 if any(o.status in ("refused", "quarantined") or o.receipt_error for o in outcomes) else 0


def cmd_org_overview(ctx: CliContext) -> int:
    from ..services import organisation

    days = ctx.args.overdue_days
    view = organisation.overview(ctx.session(), **({} if days is None else {"overdue_days": days}))
    if ctx.args.json:
        print(
            json.dumps(
                {
                    "organisation": view.organisation,
                    "open_conflicts": view.open_conflicts,
                    "quarantined": view.quarantined,
                    "overdue_offices": view.overdue_offices,
                    "devices": [
                        {
                            "device_id": d.device.device_id,
                            "office": d.device.office,
                            "packages": d.packages,
                            "last_received": d.last_received,
                            "last_sequence": d.last_sequence,
                            "last_period_to": d.last_period_to,
                            "missing_sequences": d.missing_sequences,
                            "overdue": d.overdue,
                        }
                        for d in view.devices
                    ],
                },
                ensure_ascii=False,
            )
        )
        return 0
    print(displayable(view.organisation))
    for d in view.devices:
        flags = []
        if d.overdue:
            flags.append(_("OVERDUE"))
        if d.missing_sequences:
            flags.append(_("missing {numbers}").format(numbers=organisation.describe_gaps(d.missing_sequences)))
        print(
            f"{displayable(d.device.office)}\t{displayable(d.device.device_id[:8])}\t"
            + _("{n} packages, last received {when}").format(n=d.packages, when=_when(d.last_received))
            + (f"\t{'; '.join(flags)}" if flags else "")
        )
    print(_("Open conflicts: {n}. Quarantined packages: {q}.").format(n=view.open_conflicts, q=view.quarantined))
    return 0


def cmd_org_conflicts(ctx: CliContext) -> int:
    from ..services import organisation

    found = organisation.conflicts(ctx.session())
    if ctx.args.json:
        print(
            json.dumps(
                [
                    {
                        "device_id": c.device_id,
                        "record_type": c.record_type,
                        "record_id": c.record_id,
                        "version": c.version,
                        "kept_package": c.kept_package,
                        "other_package": c.other_package,
                        "kept": json.loads(c.kept_payload),
                        "other": json.loads(c.other_payload),
                        "found_at": c.found_at,
                    }
                    for c in found
                ],
                ensure_ascii=False,
            )
        )
        return 0
    if not found:
        print(_("No open conflicts."))
    for c in found:
        print(f"{c.record_type}\t{c.record_id}\tv{c.version}\t{c.kept_package[:8]} / {c.other_package[:8]}")
    return 0


REPORT_FORMATS = {".pdf": "pdf", ".csv": "csv", ".xlsx": "xlsx", ".json": "json"}


def cmd_org_report(ctx: CliContext) -> int:
    from ..services import organisation, organisation_report

    out, fmt = report_target(ctx.args.out, REPORT_FORMATS)
    period = period_from_args(ctx.args)
    organisation.identity(ctx.session())
    _prepare_facts(ctx.session())
    data = organisation_report.summary_file(ctx.session(), period, fmt, ctx.args.report_lang, ctx.args.office)
    write_atomic(out, data)
    print(_("Summary for {period} written to {path}.").format(period=period.key, path=out))
    return 0
