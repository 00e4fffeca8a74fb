"""A store client whose every exchange is recorded, then validated against BigCommerce's
OpenAPI documents (the ``recorded`` fixture of ``tests/sandbox/conftest.py``)."""

from __future__ import annotations

from openapi_support import HttpRecorder, OpenApiValidator, StoreHttp


class Recorded:
    """``store`` talks to the sandbox over HTTP; ``conforms()`` checks every exchange it had
    (requests and answers) against the documents."""

    def __init__(self, store: StoreHttp, recorder: HttpRecorder, validator: OpenApiValidator):
        self.store, self.recorder, self.validator = store, recorder, validator

    def conforms(self) -> None:
        exchanges = self.recorder.exchanges
        assert exchanges, "nothing was recorded"
        problems = self.validator.problems_in(exchanges)
        listing = "\n".join(f"#{i} {e!r}" for i, e in enumerate(exchanges))
        assert not problems, "\n".join(problems) + "\n\nexchanges:\n" + listing
