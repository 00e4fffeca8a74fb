"""Strict validation of HTTP exchanges against BigCommerce's OpenAPI documents, and a
plain-httpx walk through the sale flow for tests that talk to a store.

The documents live outside the repository, in ``../shared/reference/bigcommerce-openapi/``
next to the working tree (or wherever ``POS_OPENAPI_DIR`` points). They are read, never
copied; their known defects are patched in memory here, each patch commented where it is
made (``OpenApiValidator.applied_patches`` lists them).

Import it as ``openapi_support`` (``tests/`` is on ``sys.path`` through its conftest)::

    from openapi_support import HttpRecorder, require_openapi

    validator = require_openapi()              # pytest.skip(reason) when the folder is absent
    recorder = HttpRecorder()
    async with httpx.AsyncClient(event_hooks=recorder.async_event_hooks()) as client:
        ...                                    # or recorder.attach(client); sync: event_hooks()
    assert validator.problems_in(recorder.exchanges) == []

or one exchange at a time::

    validator.validate_request("POST", "/v3/carts", query={}, headers=h, json_body=body)
    validator.validate_response("POST", "/v3/carts", 201, headers, body)

Paths are the part after ``/stores/{store_hash}`` (``/v3/carts``, ``/v2/orders/1``,
``/payments``). ``validate_*`` raise :class:`OpenApiValidationError` (an AssertionError);
``request_problems`` / ``response_problems`` / ``exchange_problems`` / ``problems_in`` return
the list of problems instead. A request sent wrong on purpose goes inside
``with recorder.deliberately_invalid():`` so that only its response is checked.

Strict means: an object schema that lists ``properties`` and says nothing about
``additionalProperties`` admits no other field. ``allOf`` members are merged first (so the
merged set of properties is what is allowed), and properties declared next to a ``oneOf`` /
``anyOf`` are distributed into each branch. Undocumented query parameters, undocumented
success statuses, missing required headers and the wrong authentication are problems too.
"""

from __future__ import annotations

import copy
import json
import os
import re
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import jsonschema
import yaml

__all__ = [
    "Exchange",
    "HttpRecorder",
    "OpenApiValidationError",
    "OpenApiValidator",
    "Operation",
    "StoreHttp",
    "card",
    "line_item",
    "openapi_dir",
    "require_openapi",
    "sellable_variants",
    "stock_of",
    "store_relative_path",
]

_MISSING: Any = object()

DOCUMENT_FILES = (
    "carts.v3.yml",
    "checkouts.v3.yml",
    "accepted-methods_payments.v3.yml",
    "access-tokens_payments.v3.yml",
    "methods_payments.v2.yml",
    "process_payments.yml",
    "orders.v2.oas2.yml",
    "orders.v3.yml",
    "products_catalog.v3.yml",
    "product-variants_catalog.v3.yml",
    "customers.v3.yml",
    "inventory.v3.yml",
)

_HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_ANNOTATIONS = {
    "description",
    "example",
    "examples",
    "x-examples",
    "externalDocs",
    "xml",
    "deprecated",
    "discriminator",
    "title",
    "x-internal",
    "x-required",
    "x-nullable",
    "nullable",
    "readOnly",
    "writeOnly",
    "format",
    "x-enum-varnames",
    "x-enum-descriptions",
}


def openapi_dir() -> Path:
    """Where the documents are: ``$POS_OPENAPI_DIR``, or ``shared/reference/...`` in the first
    folder above the repository that has it."""
    env = os.environ.get("POS_OPENAPI_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents[1:]:  # the repository's folder, then the ones above it
        found = parent / "shared" / "reference" / "bigcommerce-openapi"
        if found.is_dir():
            return found
    return here.parents[2] / "shared" / "reference" / "bigcommerce-openapi"


_validator_lock = threading.Lock()
_validator_cache: dict[Path, OpenApiValidator] = {}


def require_openapi() -> OpenApiValidator:
    """The shared validator, or ``pytest.skip`` with the reason when the documents are absent."""
    import pytest

    directory = openapi_dir()
    missing = [name for name in DOCUMENT_FILES if not (directory / name).is_file()]
    if missing:
        what = (
            f"folder {directory} not found"
            if not directory.is_dir()
            else f"{', '.join(missing)} missing from {directory}"
        )
        pytest.skip(
            f"BigCommerce OpenAPI documents absent ({what}); "
            "set POS_OPENAPI_DIR to validate against them"
        )
    with _validator_lock:
        key = directory.resolve()
        if key not in _validator_cache:
            _validator_cache[key] = OpenApiValidator(directory)
        return _validator_cache[key]


class OpenApiValidationError(AssertionError):
    """An exchange disagrees with the documents; ``problems`` lists each disagreement."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------------------------
# Formats worth checking (the rest, like int32 or double, say nothing JSON Schema can check).

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_format_checker = jsonschema.FormatChecker(formats=())


@_format_checker.checks("date-time")  # type: ignore[untyped-decorator]
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


@_format_checker.checks("date")  # type: ignore[untyped-decorator]
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return False
    return True


@_format_checker.checks("uuid")  # type: ignore[untyped-decorator]
def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------------------------
# Generic error bodies. Most operations in the documents list only their success response;
# BigCommerce's error bodies are described once, in the guides (docs/start/migration/4_errors.md
# for v3, reference/shipping.v2.yml for v2). An error status an operation does not document is
# checked against these.

_V3_ERROR_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["status", "title", "type"],
    "properties": {
        "status": {"type": "integer"},
        "title": {"type": "string"},
        "type": {"type": "string"},
        "instance": {"type": "string"},
        "detail": {"type": "string"},
        "code": {"type": "integer"},
        "errors": {
            "anyOf": [
                {"type": "object", "additionalProperties": {"type": "string"}},
                {"type": "array", "maxItems": 0},
            ]
        },
    },
    "additionalProperties": False,
}
_V2_ERROR_BODY: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["status", "message"],
        "properties": {
            "status": {"type": "integer"},
            "message": {"type": "string"},
            "details": {"type": "object"},
        },
        "additionalProperties": False,
    },
}


# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """One documented operation: the document it comes from and its OpenAPI object."""

    document: str
    method: str
    template: str  # e.g. "/v3/carts/{cartId}"
    path_params: dict[str, str]
    spec: dict[str, Any] = field(repr=False)
    path_item: dict[str, Any] = field(repr=False)

    @property
    def operation_id(self) -> str:
        return str(self.spec.get("operationId", f"{self.method} {self.template}"))


@dataclass
class _Document:
    name: str
    spec: dict[str, Any]
    prefix: str  # "/v3", "/v2" or "" (the payments host)
    routes: list[tuple[re.Pattern[str], str, int, dict[str, Any]]]


class OpenApiValidator:
    """Validates requests and responses against the BigCommerce documents, strictly.

    ``accept_tutorial_shipping_address``: also accept the key ``shipping_address`` in a
    consignment request (the end-to-end tutorial sends it; the reference says ``address``).
    Off by default, so that a client is held to the reference.
    """

    def __init__(
        self,
        directory: Path | None = None,
        *,
        accept_tutorial_shipping_address: bool = False,
    ) -> None:
        self.directory = Path(directory) if directory is not None else openapi_dir()
        self.accept_tutorial_shipping_address = accept_tutorial_shipping_address
        self.applied_patches: list[str] = []
        self._documents: list[_Document] = []
        self._compiled: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._validators: dict[int, jsonschema.protocols.Validator] = {}
        self._lock = threading.RLock()
        for name in DOCUMENT_FILES:
            with (self.directory / name).open(encoding="utf-8") as fh:
                spec = yaml.safe_load(fh)
            spec = _swagger2_to_openapi3(spec)
            self._documents.append(self._index(name, spec))
        _apply_patches(self)

    # ---------------------------------------------------------------- operations

    @staticmethod
    def _index(name: str, spec: dict[str, Any]) -> _Document:
        servers = spec.get("servers") or [{"url": ""}]
        server_path = urlsplit(servers[0]["url"].replace("{store_hash}", "HASH")).path
        prefix = re.sub(r"^/stores/HASH", "", server_path).rstrip("/")
        routes = []
        for template, item in spec.get("paths", {}).items():
            regex = (
                "^"
                + re.sub(
                    r"\\\{([^}]+)\\\}",
                    lambda m: f"(?P<{_group(m.group(1))}>[^/]+)",
                    re.escape(prefix + template),
                )
                + "$"
            )
            literal = len([s for s in template.split("/") if s and not s.startswith("{")])
            routes.append((re.compile(regex), prefix + template, literal, item))
        routes.sort(key=lambda r: -r[2])
        return _Document(name=name, spec=spec, prefix=prefix, routes=routes)

    def find_operation(self, method: str, path: str) -> Operation | None:
        """The documented operation for ``method`` on ``path`` (after the store hash)."""
        method = method.lower()
        best: tuple[int, Operation] | None = None
        for doc in self._documents:
            for regex, template, literal, item in doc.routes:
                match = regex.match(path)
                if not match or method not in item:
                    continue
                names = re.findall(r"\{([^}]+)\}", template)
                params = {n: match.group(_group(n)) for n in names}
                op = Operation(doc.name, method, template, params, item[method], item)
                if best is None or literal > best[0]:
                    best = (literal, op)
                break
        return best[1] if best else None

    def document(self, name: str) -> dict[str, Any]:
        """The (patched) document called ``name``, e.g. ``"checkouts.v3.yml"``."""
        for doc in self._documents:
            if doc.name == name:
                return doc.spec
        raise KeyError(name)

    # ---------------------------------------------------------------- requests

    def request_problems(
        self,
        method: str,
        path: str,
        query: Mapping[str, str | Sequence[str]] | Sequence[tuple[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
        json_body: Any = _MISSING,
    ) -> list[str]:
        """What is wrong with this request according to the documents (empty when nothing)."""
        where = f"{method.upper()} {path}"
        op = self.find_operation(method, path)
        if op is None:
            return [f"{where}: no such operation in the documents"]
        problems: list[str] = []
        hdrs = {k.lower(): v for k, v in (headers or {}).items()}
        queries = _query_pairs(query)
        has_body = json_body is not _MISSING and json_body is not None
        params = self._parameters(op)

        # Path parameters.
        for name, raw in op.path_params.items():
            p = params.get(("path", name))
            if p is None:
                problems.append(f"{where}: path parameter {name} is not documented")
                continue
            problems += self._check_value(op, f"path parameter {name}", p, [raw], where)

        # Query parameters: every one sent must be documented.
        sent: dict[str, list[str]] = {}
        for k, v in queries:
            sent.setdefault(k, []).append(v)
        for name, values in sent.items():
            p = params.get(("query", name))
            if p is None:
                problems.append(f"{where}: query parameter {name!r} is not documented")
                continue
            problems += self._check_value(op, f"query parameter {name}", p, values, where)
        for (loc, name), p in params.items():
            if loc == "query" and p.get("required") and name not in sent:
                problems.append(f"{where}: required query parameter {name!r} missing")

        # Header parameters.
        for (loc, name), p in params.items():
            if loc != "header":
                continue
            value = hdrs.get(name.lower())
            if value is None:
                # Defect: the documents declare Content-Type required on operations that
                # have no body (GET, DELETE, POST .../orders); only a body needs one.
                if name.lower() == "content-type" and not has_body:
                    continue
                if p.get("required"):
                    problems.append(f"{where}: required header {name} missing")
                continue
            problems += self._check_value(op, f"header {name}", p, [value], where)

        problems += self._check_security(op, hdrs, where)

        # Body.
        body_spec = op.spec.get("requestBody")
        if body_spec is not None and "$ref" in body_spec:
            body_spec = self._resolve(op.document, body_spec["$ref"])
        if body_spec is None:
            if has_body:
                problems.append(f"{where}: the operation documents no request body")
        elif not has_body:
            if body_spec.get("required"):
                problems.append(f"{where}: request body required")
        else:
            ctype = hdrs.get("content-type", "application/json")
            schema = self._media_schema(body_spec.get("content") or {}, ctype)
            if schema is _MISSING:
                problems.append(f"{where}: request content type {ctype!r} not documented")
            else:
                problems += self._check_schema(
                    op.document, schema, "request", json_body, f"{where} request body"
                )
        return problems

    def validate_request(
        self,
        method: str,
        path: str,
        query: Mapping[str, str | Sequence[str]] | Sequence[tuple[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
        json_body: Any = _MISSING,
    ) -> None:
        problems = self.request_problems(method, path, query, headers, json_body)
        if problems:
            raise OpenApiValidationError(problems)

    # ---------------------------------------------------------------- responses

    def response_problems(
        self,
        method: str,
        path: str,
        status: int,
        headers: Mapping[str, str] | None = None,
        json_body: Any = _MISSING,
    ) -> list[str]:
        """What is wrong with this response according to the documents (empty when nothing).

        ``json_body`` is the decoded body, or ``_MISSING``/``None`` for an empty one.
        """
        where = f"{method.upper()} {path} -> {status}"
        op = self.find_operation(method, path)
        if op is None:
            return [f"{where}: no such operation in the documents"]
        hdrs = {k.lower(): v for k, v in (headers or {}).items()}
        has_body = json_body is not _MISSING and json_body is not None
        responses = op.spec.get("responses", {})
        resp = None
        for key in (str(status), f"{status // 100}XX", f"{status // 100}xx", "default"):
            if key in responses:
                resp = responses[key]
                break
        if resp is not None and "$ref" in resp:
            resp = self._resolve(op.document, resp["$ref"])
        generic = _V2_ERROR_BODY if op.template.startswith("/v2/") else _V3_ERROR_BODY
        if resp is None:
            if status < 400:
                return [f"{where}: status {status} is not documented for {op.operation_id}"]
            if not has_body:
                return []
            return self._check_schema(
                None, generic, "response", json_body, f"{where} error body (generic)"
            )
        if status == 204 or status == 304:
            return [f"{where}: a {status} response must have no body"] if has_body else []
        schema = self._media_schema(resp.get("content") or {}, hdrs.get("content-type", ""))
        problems: list[str] = []
        if has_body:
            ctype = hdrs.get("content-type", "")
            if "json" not in ctype:
                problems.append(f"{where}: JSON body with content type {ctype!r}")
        if schema is _MISSING:
            if status >= 400 and has_body:
                return problems + self._check_schema(
                    None, generic, "response", json_body, f"{where} error body (generic)"
                )
            if resp.get("content") and not has_body and status < 400:
                problems.append(f"{where}: documented body missing")
            return problems
        if not has_body:
            if status < 400:
                problems.append(f"{where}: documented body missing")
            return problems
        return problems + self._check_schema(
            op.document, schema, "response", json_body, f"{where} body"
        )

    def validate_response(
        self,
        method: str,
        path: str,
        status: int,
        headers: Mapping[str, str] | None = None,
        json_body: Any = _MISSING,
    ) -> None:
        problems = self.response_problems(method, path, status, headers, json_body)
        if problems:
            raise OpenApiValidationError(problems)

    # ---------------------------------------------------------------- exchanges

    def exchange_problems(self, exchange: Exchange) -> list[str]:
        """Problems of one recorded exchange (request, then response when there is one)."""
        problems: list[str] = []
        if not exchange.deliberate:
            problems += self.request_problems(
                exchange.method,
                exchange.path,
                exchange.query,
                exchange.request_headers,
                exchange.request_json,
            )
        if exchange.status is not None:
            problems += self.response_problems(
                exchange.method,
                exchange.path,
                exchange.status,
                exchange.response_headers,
                exchange.response_json,
            )
        return problems

    def problems_in(self, exchanges: Iterable[Exchange]) -> list[str]:
        """Problems of every exchange, each prefixed with the exchange's index."""
        problems: list[str] = []
        for i, exchange in enumerate(exchanges):
            problems += [f"#{i} {p}" for p in self.exchange_problems(exchange)]
        return problems

    def validate_exchanges(self, exchanges: Iterable[Exchange]) -> None:
        problems = self.problems_in(exchanges)
        if problems:
            raise OpenApiValidationError(problems)

    # ---------------------------------------------------------------- internals

    def _resolve(self, document: str, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise ValueError(f"{document}: external $ref {ref!r} is not supported")
        node: Any = self.document(document)
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _parameters(self, op: Operation) -> dict[tuple[str, str], dict[str, Any]]:
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for p in list(op.path_item.get("parameters", [])) + list(op.spec.get("parameters", [])):
            if "$ref" in p:
                p = self._resolve(op.document, p["$ref"])
            key = (p["in"], p["name"].lower() if p["in"] == "header" else p["name"])
            out[key] = p
        return out

    def _check_value(
        self, op: Operation, label: str, param: dict[str, Any], raw: list[str], where: str
    ) -> list[str]:
        schema = param.get("schema")
        if schema is None:
            return []
        if "$ref" in schema:
            schema = self._resolve(op.document, schema["$ref"])
        kind = schema.get("type")
        value: Any
        if kind == "array":
            explode = param.get("explode", param.get("style", "form") == "form")
            items: list[str] = []
            for r in raw:
                items += r.split(",") if not explode or len(raw) == 1 else [r]
            item_schema = schema.get("items", {})
            if "$ref" in item_schema:
                item_schema = self._resolve(op.document, item_schema["$ref"])
            value = [_coerce(item_schema.get("type"), x) for x in items]
        else:
            if len(raw) > 1:
                return [f"{where}: {label} given {len(raw)} times"]
            value = _coerce(kind, raw[0])
        return self._check_schema(op.document, schema, "request", value, f"{where}: {label}")

    def _check_security(self, op: Operation, hdrs: dict[str, str], where: str) -> list[str]:
        spec = self.document(op.document)
        requirements = op.spec.get("security", spec.get("security")) or []
        if not requirements:
            return []
        schemes = spec.get("components", {}).get("securitySchemes", {})
        failures = []
        for requirement in requirements:
            missing = []
            for name in requirement:
                scheme = schemes.get(name, {})
                check = scheme.get("x-pos-check")
                if check is not None:
                    header, pattern = check
                    value = hdrs.get(header.lower())
                    if value is None or not re.match(pattern, value):
                        missing.append(f"{header} matching {pattern}")
                elif scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                    if not hdrs.get(scheme["name"].lower()):
                        missing.append(f"header {scheme['name']}")
                elif scheme.get("type") == "http":
                    prefix = scheme.get("scheme", "").lower()
                    value = hdrs.get("authorization", "")
                    if not value.lower().startswith(prefix + " "):
                        missing.append(f"Authorization: {prefix} ...")
            if not missing:
                return []
            failures.append(" and ".join(missing))
        return [f"{where}: authentication: needs {' or '.join(failures)}"]

    @staticmethod
    def _media_schema(content: Mapping[str, Any], ctype: str) -> Any:
        media = {k: v for k, v in content.items() if "/" in k and isinstance(v, dict)}
        if not media:
            return _MISSING
        base = ctype.split(";")[0].strip().lower()
        chosen = media.get(base)
        if chosen is None:
            json_like = [v for k, v in media.items() if "json" in k]
            chosen = json_like[0] if json_like else next(iter(media.values()))
        return chosen.get("schema", {}) if "schema" in chosen else _MISSING

    def _check_schema(
        self, document: str | None, schema: Any, direction: str, instance: Any, label: str
    ) -> list[str]:
        compiled = self._compile_root(document, schema, direction)
        with self._lock:
            validator = self._validators.get(id(compiled))
            if validator is None:
                cls = jsonschema.validators.validator_for(
                    {"$schema": "https://json-schema.org/draft/2020-12/schema"}
                )
                validator = cls(compiled, format_checker=_format_checker)
                self._validators[id(compiled)] = validator
        problems = []
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.path)):
            problems += _describe(error, label)
        return problems

    def _compile_root(self, document: str | None, schema: Any, direction: str) -> dict[str, Any]:
        key = (document or "", direction, json.dumps(schema, sort_keys=True, default=str))
        with self._lock:
            found = self._compiled.get(key)
            if found is None:
                if document is None:
                    found = _strict(copy.deepcopy(schema))
                else:
                    found = _strict(_Converter(self, document, direction).convert(schema))
                self._compiled[key] = found
            return found


def _group(name: str) -> str:
    return "p_" + re.sub(r"\W", "_", name)


def _coerce(kind: Any, raw: str) -> Any:
    if kind == "integer":
        try:
            return int(raw)
        except ValueError:
            return raw
    if kind == "number":
        try:
            return float(raw) if any(c in raw for c in ".eE") else int(raw)
        except ValueError:
            return raw
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    return raw


def _query_pairs(
    query: Mapping[str, str | Sequence[str]] | Sequence[tuple[str, str]] | str | None,
) -> list[tuple[str, str]]:
    if not query:
        return []
    if isinstance(query, str):
        return parse_qsl(query, keep_blank_values=True)
    if isinstance(query, Mapping):
        pairs: list[tuple[str, str]] = []
        for k, v in query.items():
            if isinstance(v, str | int | float):
                pairs.append((k, str(v)))
            else:
                pairs += [(k, str(x)) for x in v]
        return pairs
    return [(str(k), str(v)) for k, v in query]


def _describe(error: jsonschema.ValidationError, label: str) -> list[str]:
    location = "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in error.path)
    if error.validator in ("anyOf", "oneOf") and error.context:
        # Report the branch that came closest: the fewest errors, then the deepest ones.
        by_branch: dict[Any, list[jsonschema.ValidationError]] = {}
        for e in error.context:
            by_branch.setdefault(e.relative_schema_path[0], []).append(e)
        branch_errors = min(
            by_branch.values(),
            key=lambda errs: (len(errs), -max(len(e.relative_path) for e in errs)),
        )
        return [
            f"{label}{location}: matches no {error.validator} branch; closest: "
            + "; ".join(
                f"{''.join(f'.{p}' for p in e.relative_path) or '(root)'}: {e.message[:300]}"
                for e in branch_errors[:4]
            )
        ]
    return [f"{label}{location or ' (root)'}: {error.message[:400]}"]


# --------------------------------------------------------------------------------------------
# OpenAPI 3.0 schema -> strict JSON Schema 2020-12.


class _Converter:
    """Inlines $refs and turns one OpenAPI 3.0 schema into plain JSON Schema.

    ``direction`` is "request" (readOnly properties may not be sent, and are not required)
    or "response" (writeOnly properties are not required).
    """

    def __init__(self, owner: OpenApiValidator, document: str, direction: str) -> None:
        self.owner = owner
        self.document = document
        self.direction = direction
        self.stack: list[str] = []
        self.memo: dict[str, dict[str, Any]] = {}

    def convert(self, node: Any) -> dict[str, Any]:
        if not isinstance(node, dict):
            return {}
        if "$ref" in node:
            ref = node["$ref"]
            if ref in self.stack:
                return {}  # a recursive schema: accept anything below the first level
            if ref not in self.memo:
                self.stack.append(ref)
                try:
                    self.memo[ref] = self.convert(self.owner._resolve(self.document, ref))
                finally:
                    self.stack.pop()
            resolved = copy.deepcopy(self.memo[ref])
            # OpenAPI 3.0 ignores siblings of $ref; `nullable` beside one is honoured, as the
            # authors of these documents clearly mean it.
            if node.get("nullable") or node.get("x-nullable"):
                resolved = _nullable(resolved)
            return resolved

        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _ANNOTATIONS or key.startswith("x-"):
                continue
            if key == "properties" and isinstance(value, dict):
                out[key] = {name: self.convert(sub) for name, sub in value.items()}
            elif (key in ("items", "not") and isinstance(value, dict)) or (
                key == "additionalProperties" and isinstance(value, dict)
            ):
                out[key] = self.convert(value)
            elif key == "oneOf" and isinstance(value, list):
                # Defect: the documents write `oneOf` for alternatives that overlap (a cart
                # line item with or without `variant_id`; card vs stored card shapes), which
                # JSON Schema refuses when a body fits two branches. Read as `anyOf`.
                out.setdefault("anyOf", []).extend(self.convert(sub) for sub in value)
            elif key in ("allOf", "anyOf") and isinstance(value, list):
                out.setdefault(key, []).extend(self.convert(sub) for sub in value)
            elif key == "required" and isinstance(value, list):
                out[key] = list(value)
            else:
                out[key] = copy.deepcopy(value)
        if node.get("format") in ("date-time", "date", "uuid"):
            out["format"] = node["format"]
        # OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum.
        for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            if isinstance(out.get(bound), bool) and out.pop(bound) and limit in out:
                out[bound] = out.pop(limit)

        # Direction: readOnly / writeOnly properties.
        props = node.get("properties")
        if isinstance(props, dict):
            for name, sub in props.items():
                target = self._deref(sub)
                if not isinstance(target, dict):
                    continue
                hidden = "readOnly" if self.direction == "request" else "writeOnly"
                if target.get(hidden) and name in out.get("required", []):
                    out["required"] = [r for r in out["required"] if r != name]
                if self.direction == "request" and target.get("readOnly"):
                    out["properties"][name] = {"not": {}}

        if "allOf" in out:
            out = _merge_all_of(out)
        for key in ("oneOf", "anyOf"):
            if key in out and ("properties" in out or "required" in out):
                out = _distribute(out, key)
        if node.get("nullable") or node.get("x-nullable"):
            out = _nullable(out)
        return out

    def _deref(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            node = self.owner._resolve(self.document, node["$ref"])
            seen += 1
        return node


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, str) and not any(k in schema for k in ("allOf", "anyOf", "oneOf")):
        out = dict(schema)
        out["type"] = [kind, "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        return out
    return {"anyOf": [schema, {"type": "null"}]}


def _merge_two(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """One schema that asks what both ``a`` and ``b`` ask (object schemas merged field-wise)."""
    if not a:
        return copy.deepcopy(b)
    if not b:
        return copy.deepcopy(a)
    out = copy.deepcopy(a)
    for key, value in b.items():
        if key == "properties":
            props = out.setdefault("properties", {})
            for name, sub in value.items():
                props[name] = _merge_two(props[name], sub) if name in props else sub
        elif key == "required":
            out["required"] = list(dict.fromkeys([*out.get("required", []), *value]))
        elif key == "additionalProperties":
            # The most permissive wins: a member that opens the object opens the merge.
            current = out.get("additionalProperties")
            if current is None or current is False or value is True:
                out[key] = value
        elif key == "allOf":
            out["allOf"] = [*out.get("allOf", []), *value]
        elif key in out and out[key] != value:
            if key == "type":
                ta = set(out[key] if isinstance(out[key], list) else [out[key]])
                tb = set(value if isinstance(value, list) else [value])
                both = ta & tb or (ta | tb)
                out[key] = sorted(both)[0] if len(both) == 1 else sorted(both)
            elif key in ("anyOf", "oneOf"):
                out.setdefault("allOf", []).append({key: value})
            else:
                out.setdefault("allOf", []).append({key: value})
        else:
            out[key] = copy.deepcopy(value)
    if out.get("additionalProperties") is False:
        # An explicit `false` in one member only closed that member's own set; the merge
        # is made strict again, on the merged set, by _strict.
        del out["additionalProperties"]
    return out


def _merge_all_of(schema: dict[str, Any]) -> dict[str, Any]:
    members = schema["allOf"]
    rest = {k: v for k, v in schema.items() if k != "allOf"}
    merged = rest
    for member in members:
        if "allOf" in member:
            member = _merge_all_of(member)
        merged = _merge_two(merged, member)
    for key in ("oneOf", "anyOf"):
        if key in merged and ("properties" in merged or "required" in merged):
            merged = _distribute(merged, key)
    return merged


def _distribute(schema: dict[str, Any], key: str) -> dict[str, Any]:
    """Push the properties beside a oneOf/anyOf into each branch, so strictness holds."""
    branches = schema[key]
    base = {k: v for k, v in schema.items() if k != key}
    if all(isinstance(b, dict) and set(b) <= {"required"} for b in branches):
        return {**base, key: branches}  # alternatives of required fields only
    merged = [_merge_two(base, b) for b in branches]
    return {key: merged}


def _strict(schema: Any) -> Any:
    """Close every object schema that lists properties and does not say otherwise."""
    if isinstance(schema, list):
        return [_strict(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: _strict(sub) for name, sub in value.items()}
        elif key in ("items", "not", "additionalProperties") and isinstance(value, dict):
            out[key] = _strict(value)
        elif key in ("allOf", "anyOf", "oneOf", "prefixItems") and isinstance(value, list):
            out[key] = [_strict(s) for s in value]
        else:
            out[key] = value
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


# --------------------------------------------------------------------------------------------
# Swagger 2.0 documents (BigCommerce's v2 orders file is named .oas2 and once was one): turned
# into the OpenAPI 3.0 shape the rest of this module reads.


def _swagger2_to_openapi3(spec: dict[str, Any]) -> dict[str, Any]:
    if str(spec.get("swagger", "")).startswith("2"):
        text = json.dumps(spec).replace('"#/definitions/', '"#/components/schemas/')
        text = text.replace('"#/parameters/', '"#/components/parameters/')
        text = text.replace('"#/responses/', '"#/components/responses/')
        old = json.loads(text)
        produces = old.get("produces") or ["application/json"]
        new: dict[str, Any] = {
            "openapi": "3.0.0",
            "servers": [{"url": f"https://{old.get('host', '')}{old.get('basePath', '')}"}],
            "security": old.get("security", []),
            "components": {
                "schemas": old.get("definitions", {}),
                "parameters": {},
                "responses": {},
                "securitySchemes": {
                    k: (
                        {"type": "apiKey", "in": v.get("in"), "name": v.get("name")}
                        if v.get("type") == "apiKey"
                        else v
                    )
                    for k, v in old.get("securityDefinitions", {}).items()
                },
            },
            "paths": {},
        }

        def response(r: dict[str, Any]) -> dict[str, Any]:
            out = {k: v for k, v in r.items() if k != "schema"}
            if "schema" in r:
                out["content"] = {produces[0]: {"schema": r["schema"]}}
            return out

        def parameter(p: dict[str, Any]) -> dict[str, Any]:
            if "$ref" in p or "schema" in p:
                return p
            keep = {"name", "in", "required", "description"}
            out = {k: v for k, v in p.items() if k in keep}
            out["schema"] = {k: v for k, v in p.items() if k not in keep}
            if p.get("collectionFormat") == "csv":
                out["explode"] = False
            return out

        for name, p in old.get("parameters", {}).items():
            new["components"]["parameters"][name] = parameter(p)
        for name, r in old.get("responses", {}).items():
            new["components"]["responses"][name] = response(r)
        for template, item in old.get("paths", {}).items():
            new_item: dict[str, Any] = {}
            for method, op in item.items():
                if method == "parameters":
                    new_item["parameters"] = [parameter(p) for p in op]
                    continue
                new_op = {k: v for k, v in op.items() if k not in ("parameters", "responses")}
                params = []
                for p in op.get("parameters", []):
                    if p.get("in") == "body":
                        new_op["requestBody"] = {
                            "required": p.get("required", False),
                            "content": {"application/json": {"schema": p.get("schema", {})}},
                        }
                    else:
                        params.append(parameter(p))
                new_op["parameters"] = params
                new_op["responses"] = {
                    str(k): response(v) for k, v in op.get("responses", {}).items()
                }
                new_item[method] = new_op
            new["paths"][template] = new_item
        return new
    return spec


# --------------------------------------------------------------------------------------------
# Known defects of the documents, patched in memory. Each patch says what is wrong and why.


def _apply_patches(v: OpenApiValidator) -> None:
    def note(text: str) -> None:
        v.applied_patches.append(text)

    # Defect (api-facts §0 and §9.2): process_payments.yml declares `BearerPAT` as
    # `type: http, scheme: bearer`; the real header is `Authorization: PAT <token>` (the word
    # PAT, one space). A generated client would send `Bearer`, which the payments host refuses.
    payments = v.document("process_payments.yml")
    scheme = payments["components"]["securitySchemes"]["BearerPAT"]
    scheme["x-pos-check"] = ("Authorization", r"^PAT \S+$")
    note("process_payments.yml BearerPAT: Authorization must be 'PAT <token>', not Bearer")

    # Defect (api-facts §3 and §9.8): the billing address id in
    # PUT /checkouts/{checkoutId}/billing-address/{addressId} is typed integer, while the ids
    # BigCommerce returns (billing_address.id) are hex strings such as "6516f14419a81".
    checkouts = v.document("checkouts.v3.yml")
    item = checkouts["paths"]["/checkouts/{checkoutId}/billing-address/{addressId}"]
    for op in (o for m, o in item.items() if m in _HTTP_METHODS):
        for p in op.get("parameters", []):
            if p.get("name") == "addressId":
                p["schema"] = {"type": "string"}
    note("checkouts.v3.yml billing-address {addressId}: string, not integer")

    # Defect (api-facts §3 and §9.3): the end-to-end tutorial sends the consignment address
    # under `shipping_address`; the reference says `address`. Accepted only on request.
    if v.accept_tutorial_shipping_address:
        schemas = checkouts["components"]["schemas"]
        for name in ("CreateConsignmentRequest",):
            target = schemas.get(name)
            items = target.get("items") if isinstance(target, dict) else None
            if isinstance(items, dict):
                _add_alias(v, "checkouts.v3.yml", items, "address", "shipping_address")
        note("checkouts.v3.yml consignments: `shipping_address` accepted as `address`")

    # Defect: GET /v2/orders `sort` lists bare field names in its enum, while its own
    # description (and api-facts §5) says a direction may be appended: `date_created:desc`.
    orders_v2 = v.document("orders.v2.oas2.yml")
    sort = orders_v2["components"]["parameters"]["sort"]
    fields = sort["schema"].pop("enum")
    sort["schema"]["pattern"] = f"^({'|'.join(map(re.escape, fields))})(:(asc|desc))?$"
    note("orders.v2.oas2.yml sort: `field:asc` / `field:desc` accepted, as its text says")

    # Defect: the v2 order schema (order_Shared / order_RespOnly) lacks `custom_status` and
    # `credit_card_type`, which every response example of GET/PUT/POST /v2/orders shows (and
    # api-facts §5 lists custom_status among the order's fields).
    schemas_v2 = orders_v2["components"]["schemas"]
    resp_only = schemas_v2["order_RespOnly"]
    resp_only.setdefault("properties", {}).setdefault("custom_status", {"type": "string"})
    resp_only["properties"].setdefault("credit_card_type", {"nullable": True})
    note("orders.v2.oas2.yml order: `custom_status`, `credit_card_type` (as in its examples)")

    # Defect: orderStatus_Base lacks `order` (the status's sort position), which the example
    # of GET /v2/order_statuses shows on every status.
    status_base = schemas_v2["orderStatus_Base"]
    status_base.setdefault("properties", {}).setdefault("order", {"type": "integer"})
    note("orders.v2.oas2.yml order status: `order` (as in its example)")

    # Defect: DELETE /carts/{cartId}/items/{itemId} documents its 200 body as a bare Cart_Full,
    # while its own example, like every other cart operation, wraps the cart in `data`.
    carts = v.document("carts.v3.yml")
    delete_item = carts["paths"]["/carts/{cartId}/items/{itemId}"]["delete"]
    delete_item["responses"]["200"]["content"]["application/json"]["schema"] = {
        "type": "object",
        "properties": {
            "data": {"$ref": "#/components/schemas/Cart_Full"},
            "meta": {"$ref": "#/components/schemas/metaCollection_open"},
        },
    }
    note("carts.v3.yml DELETE item 200: {data: Cart_Full, meta}, as its example shows")

    # Defect: product_Full types `base_variant_id` as a plain integer while its description
    # says "This value is `null` for complex products" (those with options).
    catalog = v.document("products_catalog.v3.yml")
    full = catalog["components"]["schemas"]["product_Full"]
    for member in full.get("allOf", []):
        if isinstance(member, dict) and "base_variant_id" in member.get("properties", {}):
            member["properties"]["base_variant_id"]["nullable"] = True
    note("products_catalog.v3.yml product_Full.base_variant_id: nullable, as its text says")

    # Defect: GET /catalog/products[/{id}] documents `include=variants` (and the product POST
    # schema has `variants`), but the response's product_Full has no `variants` property.
    full.setdefault("allOf", []).append(
        {
            "type": "object",
            "properties": {
                "variants": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/productVariant_Full"},
                }
            },
        }
    )
    note("products_catalog.v3.yml product_Full: `variants` (returned with include=variants)")

    # Defect: `include=redirect_urls` is documented on every cart operation (api-facts §2),
    # but Cart_Full has no `redirect_urls` property.
    cart_full = carts["components"]["schemas"]["Cart_Full"]
    cart_full.setdefault("properties", {})["redirect_urls"] = {
        "type": "object",
        "properties": {
            "cart_url": {"type": "string"},
            "checkout_url": {"type": "string"},
            "embedded_checkout_url": {"type": "string"},
        },
    }
    note("carts.v3.yml Cart_Full: `redirect_urls` (returned with include=redirect_urls)")

    # Defect: the checkout's billing address and consignment address ("Address Response")
    # lack `country`, which every checkout example in the document shows (`country: ''`,
    # `country: United States`) and api-facts §3 lists.
    checkout = checkouts["components"]["schemas"]["Checkout"]["properties"]
    for address in (
        checkout["billing_address"],
        checkout["consignments"]["items"]["properties"]["address"],
    ):
        member = next(m for m in address.get("allOf", [address]) if "properties" in m)
        member["properties"].setdefault("country", {"type": "string"})
    note("checkouts.v3.yml checkout addresses: `country` (as in its examples)")

    # Defect: BigCommerce's errors guide (docs/start/migration/4_errors.md, api-facts §7) gives
    # every v3 error body `{status, title, type, instance?, detail?, errors?}`; several
    # reference error schemas (carts' ErrorResponse, the catalog's "Not Found", the checkout
    # conflict) list status/title/type but leave out `detail` or `errors`.
    for doc in v._documents:
        if doc.prefix != "/v3":
            continue
        for node in _walk(doc.spec.get("components", {})) + _walk(doc.spec.get("paths", {})):
            props = node.get("properties")
            if isinstance(props, dict) and {"status", "title", "type"} <= set(props):
                props.setdefault("detail", {"type": "string"})
                props.setdefault("errors", {"type": "object", "additionalProperties": True})
    note("v3 error schemas: `detail` and `errors` allowed, as the errors guide documents")

    # Defect: GET /checkouts/{checkoutId} documents its 404 as `{errors: [ErrorDetail]}`, unlike
    # every other v3 error and the errors guide; either shape is accepted.
    not_found = checkouts["paths"]["/checkouts/{checkoutId}"]["get"]["responses"]["404"]
    media = not_found["content"]["application/json"]
    media["schema"] = {"anyOf": [media["schema"], copy.deepcopy(_V3_ERROR_BODY)]}
    note("checkouts.v3.yml GET checkout 404: the generic v3 error body accepted too")

    # Gap: the v2 list operations document no 204, but a v2 list with nothing in it is
    # answered "204 No Content" without a body (BigCommerce's REST overview: 204 "for a
    # successful request that produced no response"; real stores answer
    # GET /v2/orders?cart_id=<none> so).
    for template in (
        "/orders",
        "/orders/{order_id}/coupons",
        "/orders/{order_id}/shipping_addresses",
        "/orders/{order_id}/products",
    ):
        path_item = orders_v2["paths"].get(template, {})
        get = path_item.get("get")
        if isinstance(get, dict):
            get.setdefault("responses", {}).setdefault("204", {"description": "No Content"})
    note("orders.v2.oas2.yml list operations: 204 No Content for an empty list")

    # Gap: POST /checkouts/{checkoutId}/coupons documents no refusal. Real stores refuse a
    # coupon with 400 and a string `code` (checkout-sdk-js issue #1303: {"code":
    # "ineligibile", "title": "Incorrect or mismatch", "type": "about:blank", "status": 400,
    # "detail": "Coupon code `xxx` is not eligible for this checkout"}).
    coupon_refusal = copy.deepcopy(_V3_ERROR_BODY)
    coupon_refusal["properties"]["code"] = {"type": "string"}
    coupons_post = checkouts["paths"]["/checkouts/{checkoutId}/coupons"]["post"]
    coupons_post.setdefault("responses", {})["400"] = {
        "description": "The coupon is refused",
        "content": {"application/json": {"schema": coupon_refusal}},
    }
    note("checkouts.v3.yml POST coupons 400: the refusal real stores answer (string code)")


def _walk(node: Any) -> list[dict[str, Any]]:
    """Every mapping inside ``node`` (itself included), depth first."""
    out: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            out.append(cur)
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
    return out


def _add_alias(
    v: OpenApiValidator, document: str, schema: dict[str, Any], name: str, alias: str
) -> None:
    node = schema
    while "$ref" in node:
        node = v._resolve(document, node["$ref"])
    stack = [node]
    while stack:
        cur = stack.pop()
        if "$ref" in cur:
            cur = v._resolve(document, cur["$ref"])
        if isinstance(cur.get("properties"), dict) and name in cur["properties"]:
            cur["properties"][alias] = cur["properties"][name]
        for key in ("allOf", "anyOf", "oneOf"):
            stack += [s for s in cur.get(key, []) if isinstance(s, dict)]


# --------------------------------------------------------------------------------------------
# Recording what an httpx client sends and receives.


def store_relative_path(url_path: str) -> str:
    """``/stores/abc/v3/carts`` -> ``/v3/carts``; ``/stores/abc/payments`` -> ``/payments``."""
    match = re.match(r"^/stores/[^/]+(/.*)$", url_path)
    return match.group(1) if match else url_path


@dataclass
class Exchange:
    """One request and its response (``status`` is None when no response came)."""

    method: str
    url: str
    path: str  # after /stores/{hash}
    query: list[tuple[str, str]]
    request_headers: dict[str, str]
    request_body: bytes
    status: int | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: bytes = b""
    #: Sent wrong on purpose (a test of bad input): only its response is validated.
    deliberate: bool = False

    @cached_property
    def request_json(self) -> Any:
        return _decode(self.request_body)

    @cached_property
    def response_json(self) -> Any:
        return _decode(self.response_body)

    def __repr__(self) -> str:  # bodies may carry card data: never shown
        return f"Exchange({self.method} {self.path} -> {self.status})"


def _decode(body: bytes) -> Any:
    if not body:
        return _MISSING
    try:
        return json.loads(body)
    except ValueError:
        return body  # not JSON: left as bytes, which no JSON schema accepts


class HttpRecorder:
    """Records every exchange of the httpx clients it is attached to (sync or async).

    ``httpx.Client(event_hooks=recorder.event_hooks())`` or
    ``httpx.AsyncClient(event_hooks=recorder.async_event_hooks())``, or ``recorder.attach(c)``.
    Requests that get no response (connection closed, timeout) are kept with ``status=None``.
    Only paths under ``/stores/`` are recorded (the sandbox's admin routes are not).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._exchanges: list[Exchange] = []
        self._by_request: dict[int, Exchange] = {}
        self._deliberate = 0

    @contextmanager
    def deliberately_invalid(self) -> Iterator[None]:
        """Requests sent inside are wrong on purpose: validate their responses only."""
        with self._lock:
            self._deliberate += 1
        try:
            yield
        finally:
            with self._lock:
                self._deliberate -= 1

    @property
    def exchanges(self) -> list[Exchange]:
        with self._lock:
            return list(self._exchanges)

    def clear(self) -> None:
        with self._lock:
            self._exchanges.clear()
            self._by_request.clear()

    def _on_request(self, request: Any) -> None:
        if not request.url.path.startswith("/stores/"):
            return
        exchange = Exchange(
            method=request.method,
            url=str(request.url),
            path=store_relative_path(request.url.path),
            query=parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True),
            request_headers=dict(request.headers.items()),
            request_body=bytes(request.content) if _has_content(request) else b"",
            deliberate=self._deliberate > 0,
        )
        with self._lock:
            self._exchanges.append(exchange)
            self._by_request[id(request)] = exchange

    def _on_response(self, response: Any, body: bytes) -> None:
        with self._lock:
            exchange = self._by_request.pop(id(response.request), None)
        if exchange is None:
            return
        exchange.status = response.status_code
        exchange.response_headers = dict(response.headers.items())
        exchange.response_body = body

    def event_hooks(self) -> dict[str, list[Any]]:
        def on_request(request: Any) -> None:
            self._on_request(request)

        def on_response(response: Any) -> None:
            self._on_response(response, response.read())

        return {"request": [on_request], "response": [on_response]}

    def async_event_hooks(self) -> dict[str, list[Any]]:
        async def on_request(request: Any) -> None:
            self._on_request(request)

        async def on_response(response: Any) -> None:
            self._on_response(response, await response.aread())

        return {"request": [on_request], "response": [on_response]}

    def attach(self, client: Any) -> None:
        """Add the hooks to an existing ``httpx.Client`` or ``httpx.AsyncClient``."""
        import httpx

        hooks = (
            self.async_event_hooks()
            if isinstance(client, httpx.AsyncClient)
            else self.event_hooks()
        )
        current = client.event_hooks
        client.event_hooks = {
            "request": [*current.get("request", []), *hooks["request"]],
            "response": [*current.get("response", []), *hooks["response"]],
        }


def _has_content(request: Any) -> bool:
    try:
        return bool(request.content)
    except Exception:  # a streaming body not read yet
        return False


# --------------------------------------------------------------------------------------------
# A plain-httpx walk through BigCommerce's server-to-server sale flow, for tests that talk to
# a store (the sandbox) without our own client. Nothing here knows pos.api.

JSON_HEADERS = {"Accept": "application/json", "Content-Type": "application/json"}
PAYMENTS_ACCEPT = "application/vnd.bc.v1+json"

TEST_ADDRESS = {
    "first_name": "Jane",
    "last_name": "Doe",
    "email": "jane@example.com",
    "address1": "123 Main Street",
    "address2": "",
    "city": "Austin",
    "state_or_province": "Texas",
    "state_or_province_code": "TX",
    "country_code": "US",
    "postal_code": "78751",
    "phone": "15125550100",
}


class StoreHttp:
    """Calls a BigCommerce-like store with plain httpx, the way the documents describe.

    ``info`` is the dict the sandbox prints (``api_base_url``, ``payments_base_url``,
    ``store_hash``, ``token``). Every request of the client can be recorded by a
    :class:`HttpRecorder` passed as ``recorder``.
    """

    def __init__(
        self,
        info: Mapping[str, Any],
        *,
        recorder: HttpRecorder | None = None,
        timeout: float = 10.0,
    ) -> None:
        import httpx

        self.info = dict(info)
        self.api_base = f"{info['api_base_url']}/stores/{info['store_hash']}"
        self.payments_url = f"{info['payments_base_url']}/stores/{info['store_hash']}/payments"
        self.admin_url = f"{info['api_base_url']}/__sandbox"
        self.token = str(info["token"])
        hooks = recorder.event_hooks() if recorder is not None else {}
        self.http = httpx.Client(timeout=timeout, event_hooks=hooks)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> StoreHttp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- raw calls

    def headers(self, **extra: str) -> dict[str, str]:
        return {**JSON_HEADERS, "X-Auth-Token": self.token, **extra}

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = _MISSING,
        params: Any = None,
        headers: Mapping[str, str] | None = None,
        content: bytes | None = None,
    ) -> Any:
        """``path`` is after the store hash: ``/v3/carts``. Returns the httpx.Response."""
        hdrs = self.headers() if headers is None else dict(headers)
        kwargs: dict[str, Any] = {"headers": hdrs, "params": params}
        if content is not None:
            kwargs["content"] = content
        elif json_body is not _MISSING:
            kwargs["content"] = json.dumps(json_body).encode()
        elif "Content-Type" in hdrs and method in ("GET", "DELETE"):
            hdrs.pop("Content-Type")
        return self.http.request(method, self.api_base + path, **kwargs)

    def get(self, path: str, **kw: Any) -> Any:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = _MISSING, **kw: Any) -> Any:
        return self.request("POST", path, json_body=body, **kw)

    def put(self, path: str, body: Any = _MISSING, **kw: Any) -> Any:
        return self.request("PUT", path, json_body=body, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.request("DELETE", path, **kw)

    def pay_raw(self, body: Any, headers: Mapping[str, str]) -> Any:
        return self.http.post(
            self.payments_url, content=json.dumps(body).encode(), headers=dict(headers)
        )

    def pay(
        self,
        pat: str,
        instrument: Mapping[str, Any],
        *,
        method_id: str,
        save_instrument: bool | None = None,
    ) -> Any:
        """POST the payment with the headers the payments host requires."""
        payment: dict[str, Any] = {"instrument": dict(instrument), "payment_method_id": method_id}
        if save_instrument is not None:
            payment["save_instrument"] = save_instrument
        return self.pay_raw(
            {"payment": payment},
            {
                "Authorization": f"PAT {pat}",
                "Accept": PAYMENTS_ACCEPT,
                "Content-Type": "application/json",
            },
        )

    # ---------------------------------------------------------------- sandbox admin

    def add_fault(
        self, method: str, path: str, kind: str, times: int = 1, latency_ms: int = 0
    ) -> Any:
        r = self.http.post(
            f"{self.admin_url}/faults",
            json={
                "method": method,
                "path": path,
                "kind": kind,
                "times": times,
                "latency_ms": latency_ms,
            },
        )
        assert r.status_code in (200, 201), r.text
        return r.json()

    def faults(self) -> list[dict[str, Any]]:
        """Active faults, each with its ``remaining`` count (the sandbox calls it ``times``)."""
        body = self.http.get(f"{self.admin_url}/faults").json()
        items = body["data"] if isinstance(body, dict) else body
        return [{**f, "remaining": f.get("remaining", f.get("times"))} for f in items]

    def clear_faults(self) -> None:
        self.http.delete(f"{self.admin_url}/faults").raise_for_status()

    def configure(self, **settings: Any) -> Any:
        r = self.http.post(f"{self.admin_url}/config", json=settings)
        assert r.status_code == 200, r.text
        return r.json()

    def config(self) -> Any:
        return self.http.get(f"{self.admin_url}/config").json()

    # ---------------------------------------------------------------- the sale flow

    def products(self, *, limit: int = 250, pages: int = 4) -> list[dict[str, Any]]:
        """Products with their variants, from GET /v3/catalog/products?include=variants."""
        out: list[dict[str, Any]] = []
        for page in range(1, pages + 1):
            r = self.get(
                "/v3/catalog/products", params={"include": "variants", "limit": limit, "page": page}
            )
            assert r.status_code == 200, r.text
            body = r.json()
            out += body["data"]
            if page >= body["meta"]["pagination"]["total_pages"]:
                break
        return out

    def cart(
        self, line_items: list[dict[str, Any]], customer_id: int = 0, **params: str
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"line_items": line_items}
        if customer_id:
            body["customer_id"] = customer_id
        r = self.post("/v3/carts", body, params=params or None)
        assert r.status_code == 201, r.text
        return dict(r.json()["data"])

    def billing(self, cart_id: str, address: Mapping[str, Any] = TEST_ADDRESS) -> dict[str, Any]:
        r = self.post(f"/v3/checkouts/{cart_id}/billing-address", dict(address))
        assert r.status_code == 200, r.text
        return dict(r.json()["data"])

    def consign(
        self,
        cart: Mapping[str, Any],
        address: Mapping[str, Any] = TEST_ADDRESS,
        key: str = "address",
    ) -> dict[str, Any]:
        """One consignment with every physical line; returns the checkout (with options)."""
        items = [
            {"item_id": i["id"], "quantity": i["quantity"]}
            for i in cart["line_items"]["physical_items"]
        ]
        r = self.post(
            f"/v3/checkouts/{cart['id']}/consignments",
            [{key: dict(address), "line_items": items}],
            params={"include": "consignments.available_shipping_options"},
        )
        assert r.status_code == 200, r.text
        return dict(r.json()["data"])

    def choose_shipping(
        self, checkout: Mapping[str, Any], option_type: str | None = None
    ) -> dict[str, Any]:
        """Selects, on every consignment, the option of ``option_type`` (or the first)."""
        result = dict(checkout)
        for consignment in checkout["consignments"]:
            options = consignment["available_shipping_options"]
            chosen = next((o for o in options if option_type in (None, o["type"])), None)
            assert chosen is not None, f"no {option_type} option in {options}"
            r = self.put(
                f"/v3/checkouts/{checkout['id']}/consignments/{consignment['id']}",
                {"shipping_option_id": chosen["id"]},
            )
            assert r.status_code == 200, r.text
            result = r.json()["data"]
        return result

    def order(self, cart_id: str) -> int:
        r = self.post(f"/v3/checkouts/{cart_id}/orders")
        assert r.status_code == 200, r.text
        return int(r.json()["data"]["id"])

    def payment_methods(self, order_id: int) -> list[dict[str, Any]]:
        r = self.get("/v3/payments/methods", params={"order_id": order_id})
        assert r.status_code == 200, r.text
        return list(r.json()["data"])

    def card_method(self, order_id: int) -> dict[str, Any]:
        methods = [m for m in self.payment_methods(order_id) if m.get("type") == "card"]
        assert methods, "no card payment method"
        return methods[0]

    def access_token(self, order_id: int) -> str:
        r = self.post("/v3/payments/access_tokens", {"order": {"id": order_id}})
        assert r.status_code == 201, r.text
        return str(r.json()["data"]["id"])

    def v2_order(self, order_id: int) -> dict[str, Any]:
        r = self.get(f"/v2/orders/{order_id}")
        assert r.status_code == 200, r.text
        return dict(r.json())

    def checkout(self, cart_id: str, **params: str) -> dict[str, Any]:
        r = self.get(f"/v3/checkouts/{cart_id}", params=params or None)
        assert r.status_code == 200, r.text
        return dict(r.json()["data"])

    def ready_order(
        self,
        line_items: list[dict[str, Any]],
        *,
        customer_id: int = 0,
        shipping_type: str | None = None,
    ) -> tuple[dict[str, Any], int]:
        """Cart, billing address, consignment, shipping option and order: (cart, order id)."""
        cart = self.cart(line_items, customer_id)
        self.billing(cart["id"])
        checkout = self.consign(cart)
        self.choose_shipping(checkout, shipping_type)
        return cart, self.order(cart["id"])


def card(
    number: str,
    cvv: str = "123",
    *,
    month: int = 12,
    year: int | None = None,
    name: str = "Jane Doe",
) -> dict[str, Any]:
    """A card instrument for the payments host (the year defaults to four years ahead)."""
    if year is None:
        year = datetime.now().year + 4
    return {
        "type": "card",
        "number": number,
        "cardholder_name": name,
        "expiry_month": month,
        "expiry_year": year,
        "verification_value": cvv,
    }


def stock_of(product: Mapping[str, Any], variant_id: int | None) -> int | None:
    """The stock that a sale of ``variant_id`` draws on, or None when it is not tracked."""
    tracking = product.get("inventory_tracking")
    if tracking == "product":
        return int(product["inventory_level"])
    if tracking == "variant":
        for v in product.get("variants", []):
            if v["id"] == variant_id:
                return int(v["inventory_level"])
    return None


def sellable_variants(
    products: Iterable[Mapping[str, Any]], *, min_stock: int = 1, tracked: bool = True
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(product, variant) pairs a clerk can sell ``min_stock`` of, found in the catalogue."""
    out = []
    for product in products:
        if product.get("availability") == "disabled" or not product.get("is_visible", True):
            continue
        for variant in product.get("variants", []):
            if variant.get("purchasing_disabled"):
                continue
            stock = stock_of(product, variant["id"])
            if stock is None:
                if tracked:
                    continue
            elif stock < min_stock:
                continue
            out.append((dict(product), dict(variant)))
    return out


def line_item(
    product: Mapping[str, Any], variant: Mapping[str, Any], quantity: int = 1
) -> dict[str, Any]:
    return {"product_id": product["id"], "variant_id": variant["id"], "quantity": quantity}
