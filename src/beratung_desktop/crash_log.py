"""The application log: a rotating file in the platformdirs log folder, without personal data.

It keeps what helps IT find a fault and nothing about clients: program starts, command names, record
ids, error types and the places in the code where an unexpected error happened (file, line, function).
Messages of exceptions are never written, because they can quote what a person typed. The composition
roots (`app.py`, `cli/`) call `setup()`; everything else uses `logging.getLogger(__name__)`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

# The file handler, uuid and traceback load when the log is set up or written: importing the app for its
# unlock window does not need them (start-up time, benchmarks/scale_benchmark.py).

APP = "BeratungDesktop"
LOG_FILE = "beratung.log"
ROOT_LOGGER = "beratung_desktop"
MAX_BYTES = 1_000_000
BACKUPS = 3


def log_folder() -> Path:
    override = os.environ.get("BERATUNG_LOG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP, APP))


def log_path() -> Path:
    return log_folder() / LOG_FILE


def setup(program: str, version: str) -> Path:
    """Sends the package's log records (INFO and above) to the rotating file; idempotent."""
    from logging.handlers import RotatingFileHandler

    path = log_path()
    logger = logging.getLogger(ROOT_LOGGER)
    logger.setLevel(logging.INFO)
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingFileHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            logger.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    except OSError:
        return path  # a read-only profile must not stop the program; it only loses its log
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.propagate = False
    logger.info("%s %s started (pid %d)", program, version, os.getpid())
    return path


def report_crash(exc: BaseException, where: str) -> str:
    """Writes an unexpected error as type and code locations only; returns the short report id."""
    import traceback
    import uuid

    report_id = uuid.uuid4().hex[:8]
    frames = traceback.extract_tb(exc.__traceback__)
    stack = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames[-12:]))
    logging.getLogger(ROOT_LOGGER).error(
        "report %s: unexpected %s.%s in %s at %s",
        report_id,
        type(exc).__module__,
        type(exc).__qualname__,
        where,
        stack or "?",
    )
    return report_id
