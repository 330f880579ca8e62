"""Summaries for funders (PDF, CSV, XLSX), figures as JSON, and import of existing lists."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..domain.catalogues import SERVICES
from ..domain.statistics import Period, comparison_dict
from ..errors import message_text
from ..i18n import _
from ..services import list_import, printing, statistics
from ..storage.atomic_file import write_atomic
from .context import CliContext, Refused

FORMATS = {".pdf": "pdf", ".csv": "csv", ".xlsx": "xlsx"}


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help=_("write a monthly or yearly summary (team leads)"))
    kinds = report.add_subparsers(dest="report_kind", metavar=_("KIND"))
    kinds.required = True
    p = kinds.add_parser("monthly", help=_("summary of one month"))
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    _selection_arguments(p)
    p.set_defaults(handler=cmd_report)
    p = kinds.add_parser("yearly", help=_("summary of one year"))
    p.add_argument("--year", required=True, type=int, metavar="YYYY")
    _selection_arguments(p)
    p.set_defaults(handler=cmd_report)

    p = commands.add_parser("stats", help=_("print the figures of a month or year as JSON"))
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--month", metavar="YYYY-MM")
    when.add_argument("--year", type=int, metavar="YYYY")
    p.add_argument("--service", action="append", default=[], choices=SERVICES.codes())
    p.add_argument("--counsellor", action="append", default=[], metavar=_("NAME"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON (the only format)"))
    p.set_defaults(handler=cmd_stats)

    p = commands.add_parser("import", help=_("import an existing consultation list (CSV or XLSX)"))
    p.add_argument("file", metavar=_("FILE"))
    p.add_argument("--dry-run", action="store_true", help=_("check every row and report, change nothing"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=cmd_import)


def _selection_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--service", action="append", default=[], choices=SERVICES.codes(), help=_("limit to a service (repeatable)")
    )
    p.add_argument(
        "--counsellor",
        action="append",
        default=[],
        metavar=_("NAME"),
        help=_("limit to a counsellor's user name (repeatable)"),
    )
    p.add_argument(
        "--language",
        dest="report_lang",
        default="de",
        help=_("language of the document and column headers (default de)"),
    )
    p.add_argument("--out", required=True, metavar=_("FILE"), help=_("FILE.pdf, FILE.csv or FILE.xlsx"))


def period_from_args(args: argparse.Namespace) -> Period:
    """The period of --month YYYY-MM or --year YYYY (report and org report commands)."""
    if getattr(args, "month", None):
        try:
            return Period.parse_month(args.month)
        except ValueError:
            raise Refused(_("Give the month as YYYY-MM, for example 2024-03.")) from None
    if not 1900 <= args.year <= 9999:
        raise Refused(_("Give the year as YYYY, for example 2024."))
    return Period.year(args.year)


def report_target(path: str, formats: dict[str, str]) -> tuple[Path, str]:
    """The output file and its format, refused before any work when the ending or folder is wrong."""
    out = Path(path)
    fmt = formats.get(out.suffix.lower())
    if fmt is None:
        raise Refused(_("The output file must end in {endings}.").format(endings=", ".join(formats)))
    if not out.parent.is_dir():
        raise Refused(_("The folder {path} does not exist; nothing was written.").format(path=out.parent))
    return out, fmt


def cmd_report(ctx: CliContext) -> int:
    out, fmt = report_target(ctx.args.out, FORMATS)
    session = ctx.session()
    period = period_from_args(ctx.args)
    chosen = statistics.selection(session, ctx.args.service, ctx.args.counsellor)
    language = ctx.args.report_lang
    if fmt == "pdf":
        data = printing.monthly_summary_pdf(session, period, chosen, language)
    else:
        data = printing.figures_file(session, period, fmt, chosen, language)
    write_atomic(out, data)
    print(_("Summary for {period} written to {path}.").format(period=period.key, path=out))
    return 0


def cmd_stats(ctx: CliContext) -> int:
    session = ctx.session()
    period = period_from_args(ctx.args)
    chosen = statistics.selection(session, ctx.args.service, ctx.args.counsellor)
    comparison = statistics.summary(session, period, chosen)
    session.audit("export", "summary", period.key, f"json;{statistics.describe(chosen)}")
    print(json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2))
    return 0


def cmd_import(ctx: CliContext) -> int:
    path = ctx.existing_file(ctx.args.file)
    report = list_import.import_list(ctx.session(), path, dry_run=ctx.args.dry_run)
    # The column as the file names it (the user's own header), the field key when the file has none.
    messages = [
        (
            e.line,
            report.headers.get(e.column, e.column) if not e.sheet else e.column,
            message_text(e.message, e.params),
            e.sheet,
        )
        for e in report.errors
    ]
    if ctx.args.json:
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "written": report.written,
                    "rows": report.rows,
                    "new_clients": report.new_clients,
                    "new_cases": report.new_cases,
                    "new_consultations": report.new_consultations,
                    "already_present": report.already_present,
                    "moved_openings": report.moved_openings,
                    "encoding": report.encoding,
                    "errors": [
                        {"line": line, "column": column, "message": text, "sheet": sheet}
                        for line, column, text, sheet in messages
                    ],
                },
                ensure_ascii=False,
            )
        )
    else:
        print(_("Read as {encoding}.").format(encoding=report.encoding))
        for line, column, text, sheet in messages:
            where = f"{sheet}: " if sheet else ""
            print(where + _("line {line}: {column}: {message}").format(line=line, column=column, message=text))
        if report.errors:
            print(
                _("{count} problems found; nothing was imported. Correct the file and try again.").format(
                    count=len(report.errors)
                )
            )
        else:
            summary = _(
                "{clients} new clients, {cases} new cases, {consultations} new consultations, "
                "{present} already present."
            ).format(
                clients=report.new_clients,
                cases=report.new_cases,
                consultations=report.new_consultations,
                present=report.already_present,
            )
            prefix = _("Check passed (dry run, nothing written):") if ctx.args.dry_run else _("Imported:")
            print(f"{prefix} {summary}")
    return 1 if report.errors else 0
