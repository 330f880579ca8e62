"""beratung-admin: the command line for IT staff, scripts and tests (composition root).

Exit codes: 0 success, 1 refused (one-line message, no traceback), 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import __version__

# Everything else loads after `--version` was ruled out: that answer must come at once (scripts call it).
if TYPE_CHECKING:
    from ..config import SettingsStore
    from ..storage.keyslots import KdfParams


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits with 2 on usage errors; keep it one line
        from ..i18n import _

        label = _("usage error")  # outside the f-string, where Babel's extractor finds it
        self.exit(2, f"{self.prog}: {label}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from ..i18n import _

    parser = _Parser(prog="beratung-admin", description=_("Administration of Beratung Desktop data stores."))
    parser.add_argument("--version", action="version", version=f"beratung-admin {__version__}")
    parser.add_argument("--data-dir", metavar=_("DIR"), help=_("folder of the data store"))
    parser.add_argument("--user", metavar=_("NAME"), help=_("user name to unlock the store with"))
    parser.add_argument(
        "--password-stdin", action="store_true", help=_("read the password from the first line of standard input")
    )
    parser.add_argument("--lang", metavar=_("LANG"), help=_("language of messages, e.g. de or en"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
    commands.required = True
    from . import demo_commands, exchange_commands, privacy_commands, report_commands, store_commands

    for module in (store_commands, demo_commands, report_commands, exchange_commands, privacy_commands):
        module.register(commands)
    return parser


def _peek_language(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(
    argv: Sequence[str] | None = None, *, kdf: KdfParams | None = None, settings_store: SettingsStore | None = None
) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:
        print(f"beratung-admin {__version__}")
        return 0
    from ..config import SettingsStore
    from ..domain.validation import ValidationError
    from ..errors import AppError, error_text, message_text
    from ..i18n import _, set_language
    from ..storage.keyslots import DEFAULT_KDF
    from .context import CliContext, Refused

    settings_store = settings_store or SettingsStore.default()
    settings = settings_store.load()
    # The language must be known before the parser is built: its help texts are translated.
    set_language(_peek_language(argv) or settings.language or None)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    from .. import crash_log

    crash_log.setup("beratung-admin", __version__)
    log = logging.getLogger(__name__)
    log.info("command %s", args.command)  # the command only: its arguments can be names
    context = CliContext(args=args, settings=settings, kdf=kdf or DEFAULT_KDF, settings_store=settings_store)
    try:
        return int(args.handler(context) or 0)
    except ValidationError as exc:
        for issue in exc.issues:
            print(f"{issue.field}: {message_text(issue.message, issue.params)}", file=sys.stderr)
        return 1
    except AppError as exc:
        log.info("refused: %s", type(exc).__name__)
        print(error_text(exc), file=sys.stderr)
        return 1
    except Refused as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Cancelled; nothing more was changed."), file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            _("Could not access {path}: {reason}").format(path=exc.filename or "", reason=exc.strerror), file=sys.stderr
        )
        return 1
    except Exception as exc:  # the promise to scripts: one line and exit 1, never a traceback
        report = crash_log.report_crash(exc, f"command {args.command}")
        print(
            _(
                "Unexpected error ({kind}, report {report}); details without personal data are in {path}. "
                "Please report it to IT."
            ).format(kind=type(exc).__name__, report=report, path=crash_log.log_path()),
            file=sys.stderr,
        )
        return 1
    finally:
        context.close()


if __name__ == "__main__":
    sys.exit(main())
