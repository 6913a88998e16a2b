"""The log file: full traces for whoever maintains ESS Desk, never a young person's data.

API (small on purpose; the command line and the app's excepthook both use it):

- `setup_logging()` — once at start: a rotating `essdesk.log` in the data folder's `journaux`
  subfolder (`config.data_dir()`, `ESSDESK_DATA_DIR` in tests). Returns the file's path.
- `user_message(error)` — logs the error with its trace and returns the one French line to show
  the user (an `EssDeskError`'s own message; a full disk says « disque plein » and where; any
  other error says where the details are). Never longer than `MAX_MESSAGE_CHARS`.
- `PersonalDataFilter` — what every handler of the log applies: names in « », e-mail addresses,
  phone numbers, dates, long digit runs and SQL parameters are replaced by `[masqué]`.
"""

from __future__ import annotations

import errno
import logging
import logging.handlers
import os
import re
import traceback
from pathlib import Path

from essdesk.config import data_dir
from essdesk.errors import EssDeskError

LOGGER_NAME = "essdesk"
LOG_FILE_NAME = "essdesk.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 5
MAX_MESSAGE_CHARS = 600  # a message is read, not scrolled: about ten lines of a terminal
MASK = "[masqué]"

log = logging.getLogger(LOGGER_NAME)

# What may identify a person in a message or a trace. The order matters: SQL parameter blocks
# and PostgreSQL's « Key (…)=(…) » first, as they hold everything else.
_PERSONAL = [
    re.compile(r"(?<=://)[^/@\s]+(?=@)"),  # postgresql://login:password@host: both go
    re.compile(r"\[parameters: .*?\](?=\s*(?:\(|$))", re.S),
    re.compile(r"(?<=\)=\().*?(?=\))"),  # DETAIL:  Key (last_name, …)=(Dupont, …)
    re.compile(r"(?<=Failing row contains \().*?(?=\))"),
    re.compile(r"«[^»]*»"),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"(?:\+33\s?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b"),
    re.compile(r"\b\d{9,}\b"),
]


def redact(text: str) -> str:
    """`text` without what may identify a person."""
    for pattern in _PERSONAL:
        text = pattern.sub(MASK, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Masks personal data in a record's message and trace before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            # Formatted here, so that the masked text is what the formatter prints.
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class _LogFile(logging.handlers.RotatingFileHandler):
    """ESS Desk's own log file (told apart from handlers others attach)."""

    def _open(self):
        # Owner only whatever the umask, the rotated files too (they are opened here).
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def log_path() -> Path:
    return data_dir() / "journaux" / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Attach the rotating log file (once); returns its path, or None if it cannot be written."""
    path = log_path()
    for handler in list(log.handlers):
        if isinstance(handler, _LogFile):
            if handler.baseFilename == str(path.absolute()):
                return path
            log.removeHandler(handler)  # the data folder changed (tests, portable use)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _LogFile(path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    except OSError:
        return None  # a read-only profile must not stop the app; errors are still shown
    handler.addFilter(PersonalDataFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s : %(message)s"))
    # Handlers that other libraries add must not bypass the filter: it sits on the logger too.
    if not any(isinstance(f, PersonalDataFilter) for f in log.filters):
        log.addFilter(PersonalDataFilter())
    log.addHandler(handler)
    log.setLevel(level)
    return path


def user_message(error: BaseException) -> str:
    """Log `error` with its trace; return the French line to show (no trace, no personal data)."""
    path = log_path()
    # An EssDeskError is foreseen (a bad file, a busy base): a warning; anything else a bug.
    level = logging.WARNING if isinstance(error, EssDeskError) else logging.ERROR
    log.log(level, "%s", type(error).__name__, exc_info=(type(error), error, error.__traceback__))
    if isinstance(error, EssDeskError):
        message = error.message
        if error.detail:
            log.info("Détail : %s", error.detail)
    elif (full := _disk_full(error)) is not None:
        message = f"Disque plein{full} : libérez de la place puis recommencez."
    else:
        message = (
            f"Erreur inattendue ({type(error).__name__}) : l'opération n'a pas abouti. "
            f"Le détail technique est dans le journal {path}."
        )
    return shorten_message(message)


def shorten_message(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[: MAX_MESSAGE_CHARS - 40].rstrip() + " … (message abrégé)"


def _disk_full(error: BaseException) -> str | None:
    """« dans <where> » for a full disk anywhere in the chain of causes, else None."""
    seen = error
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno == errno.ENOSPC:
            return f" dans {Path(seen.filename).parent}" if seen.filename else ""
        if "database or disk is full" in str(seen):
            return ""
        seen = seen.__cause__ or seen.__context__
    return None
