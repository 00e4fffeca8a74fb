"""``pos`` installs log redaction before any command runs, without loading the API client:
the loggers the client, the sale engine and the HTTP libraries create afterwards are
filtered all the same (checked in a fresh interpreter, where nothing was imported first)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import json, logging, sys
from pos.cli import install_log_redaction
from pos.redaction import REDACTED_LOGGERS, RedactingFilter
install_log_redaction()
loaded_early = [m for m in ("pos.api", "httpx", "httpcore") if m in sys.modules]
import pos.composition, httpx, httpcore  # the engine, its client and the HTTP libraries
prefixes = tuple(REDACTED_LOGGERS) + tuple(f"{n}." for n in REDACTED_LOGGERS)
unfiltered = sorted(
    name for name, logger in logging.Logger.manager.loggerDict.items()
    if isinstance(logger, logging.Logger) and name.startswith(prefixes)
    and not any(isinstance(f, RedactingFilter) for f in logger.filters))
print(json.dumps({"early": loaded_early, "unfiltered": unfiltered}))
"""


def test_loggers_made_after_the_redaction_is_installed_are_filtered() -> None:
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                            timeout=120, check=False, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.splitlines()[-1])
    assert found == {"early": [], "unfiltered": []}
