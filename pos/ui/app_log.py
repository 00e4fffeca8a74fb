"""The register's log file: ``<the profile's data folder>/logs/register.log``.

A rotating file (:data:`MAX_BYTES` × :data:`BACKUP_COUNT` old files) that receives the records
of the ``pos`` loggers (the client, the sale engine, the wizard) at INFO and above. Every
record passes the redaction of :mod:`pos.redaction` (:class:`pos.redaction.RedactingFilter`) on the
handler itself, so no API token, payment access token, card number or CVV can reach the file,
whichever logger it came from.

:class:`RegisterLog` is made by the composition root (:mod:`pos.ui.app`) and moved to another
folder when the register switches stores.
"""

from __future__ import annotations

import contextlib
import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from pos.redaction import RedactingFilter, install_redaction

#: The loggers whose records go to the file.
LOGGER_NAMES: tuple[str, ...] = ("pos",)
LOG_FOLDER = "logs"
LOG_NAME = "register.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S%z"

#: The wizard's logger: one line per sale outcome.
SALE_LOGGER = "pos.ui.sale"


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_FOLDER / LOG_NAME


class RegisterLog:
    """The log file of the store the register sells for (at most one at a time)."""

    def __init__(self, *, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT) -> None:
        self.max_bytes = max_bytes
        self.backup_count = backup_count
        self.handler: RotatingFileHandler | None = None
        self.path: Path | None = None
        self._levels: dict[str, int] = {}

    def open(self, data_dir: Path) -> Path | None:
        """Log to ``data_dir``'s log file from now on (the previous file is closed).

        Returns the file's path, or None when the folder cannot be written (the register
        still sells; it only logs nothing).
        """
        self.close()
        path = log_path(data_dir)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handler = RotatingFileHandler(path, maxBytes=self.max_bytes,
                                          backupCount=self.backup_count, encoding="utf-8")
        except OSError:
            return None
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
        handler.setLevel(logging.INFO)
        handler.setFormatter(logging.Formatter(FORMAT, DATE_FORMAT))
        # On the handler: records of any logger are cleaned before they are written.
        handler.addFilter(RedactingFilter())
        install_redaction((SALE_LOGGER,))
        for name in LOGGER_NAMES:
            logger = logging.getLogger(name)
            if logger.level == logging.NOTSET or logger.level > logging.INFO:
                self._levels.setdefault(name, logger.level)
                logger.setLevel(logging.INFO)
            logger.addHandler(handler)
        self.handler, self.path = handler, path
        return path

    def close(self) -> None:
        handler, self.handler = self.handler, None
        if handler is None:
            return
        for name in LOGGER_NAMES:
            logging.getLogger(name).removeHandler(handler)
        for name, level in self._levels.items():
            logging.getLogger(name).setLevel(level)
        self._levels.clear()
        handler.close()
