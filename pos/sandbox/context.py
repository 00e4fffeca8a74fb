"""What a route handler sees: the store's state, the request's context, the route tables
(Starlette's own routing) and the shared paging of list answers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.routing import Match, Route

from pos.sandbox.db import Database
from pos.sandbox.errors import MAX_INT, ApiError, not_found
from pos.sandbox.faults import FaultSet, RateLimiter, Settings
from pos.sandbox.refund_flight import RefundsInFlight
from pos.sandbox.scopes import Tokens

Handler = Callable[["Ctx"], tuple[int, Any]]


@dataclass
class StoreState:
    """Everything a request may touch."""

    db: Database
    store_hash: str
    token: str
    secret: bytes
    tokens: Tokens
    settings: Settings = field(default_factory=Settings)
    faults: FaultSet = field(default_factory=FaultSet)
    limiter: RateLimiter = field(default_factory=RateLimiter)
    refunds: RefundsInFlight = field(default_factory=RefundsInFlight)


def requested_includes(request: Request) -> set[str]:
    values = request.query_params.getlist("include")
    return {part.strip() for raw in values for part in raw.split(",") if part.strip()}


def check_query(request: Request, info: RouteInfo) -> None:
    """Refuses ``include`` values outside the route's documented enum, and (for the routes
    that list them) query parameters the route does not know: a store never silently
    ignores a filter."""
    unknown_includes = sorted(requested_includes(request) - info.includes)
    if unknown_includes:
        allowed = ", ".join(sorted(info.includes)) or "none"
        raise ApiError(
            422,
            "Input is invalid",
            v2=info.v2,
            detail=f"include {', '.join(unknown_includes)} is not one of: {allowed}.",
            errors={"include": f"{', '.join(unknown_includes)} is not a valid include"},
        )
    if info.query is not None:
        unknown = sorted({k for k in request.query_params if k not in info.query})
        if unknown:
            raise ApiError(
                422,
                f"The filter(s): {', '.join(unknown)} are not valid filter parameter(s).",
                v2=info.v2,
                detail=f"The filter(s) {', '.join(unknown)} are not valid filter parameters.",
                errors={name: "unknown filter" for name in unknown},
            )


@dataclass
class Ctx:
    """One request, as its handler sees it."""

    conn: Any
    request: Request
    params: dict[str, str]
    body: Any
    now: float
    base_url: str
    state: StoreState
    extra: dict[str, Any] = field(default_factory=dict)

    def query(self, name: str) -> str | None:
        """A query parameter's value; a filter given more than once is refused (the
        documents give lists comma-separated), never reduced to one of its values."""
        values = self.request.query_params.getlist(name)
        if len(values) > 1:
            raise ApiError(
                422,
                "Input is invalid",
                v2="/v2/" in self.request.url.path,
                detail=f"{name} is given {len(values)} times; give its values comma-separated.",
                errors={name: "given more than once"},
            )
        return values[0] if values else None

    def include(self) -> set[str]:
        """The ``include`` values asked for (comma-separated, or repeated)."""
        return requested_includes(self.request)

    def many(self, name: str) -> list[str] | None:
        """A comma-separated query parameter's values (None when it is absent or empty)."""
        raw = self.query(name)
        if raw is None or not raw.strip():
            return None
        return [part.strip() for part in raw.split(",") if part.strip()]

    def int_param(self, name: str) -> int:
        value = self.params[name]
        if not (value.isascii() and value.isdigit()) or len(value) > 10 or int(value) > MAX_INT:
            raise not_found(name.replace("_", " ").capitalize(), v2="/v2/" in self.request.url.path)
        return int(value)

    def int_query(self, name: str, default: int | None = None, *, minimum: int = 0) -> int | None:
        raw = self.query(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ApiError(
                422,
                "Input is invalid",
                errors={name: f"{name} must be an integer"},
                v2="/v2/" in self.request.url.path,
            ) from None
        if value > MAX_INT:
            raise ApiError(
                422,
                "Input is invalid",
                errors={name: f"{name} is too large"},
                v2="/v2/" in self.request.url.path,
            )
        if value < minimum:
            raise ApiError(
                422,
                "Input is invalid",
                errors={name: f"{name} must be at least {minimum}"},
                v2="/v2/" in self.request.url.path,
            )
        return value

    def int_list(self, name: str) -> list[int] | None:
        raw = self.query(name)
        if raw is None or raw == "":
            return None
        try:
            values = [int(part) for part in raw.split(",") if part.strip()]
            if any(abs(v) > MAX_INT for v in values):
                raise ValueError(name)
            return values
        except ValueError:
            raise ApiError(
                422,
                "Input is invalid",
                errors={name: f"{name} must be a comma-separated list of integers"},
            ) from None


# -- routing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteInfo:
    """What the documents say of a route beyond its path: its API version, the ``include``
    values it takes, and (for list routes) every query parameter it knows."""

    v2: bool = False
    includes: frozenset[str] = frozenset()
    query: frozenset[str] | None = None  # None: not checked by the pipeline


class RouteTable:
    """Handlers by method and path template, matched with Starlette's routing.

    Each route is a :class:`starlette.routing.Route` whose endpoint is the handler; the
    pipeline matches a request against them and calls the handler with a :class:`Ctx`."""

    def __init__(self) -> None:
        self.routes: list[tuple[Route, RouteInfo]] = []

    def add(
        self,
        method: str,
        path: str,
        *,
        v2: bool = False,
        includes: frozenset[str] = frozenset(),
        query: frozenset[str] | None = None,
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            route = Route(path, handler, methods=[method], name=handler.__name__)
            self.routes.append((route, RouteInfo(v2, includes, query)))
            return handler

        return register

    def match(
        self, method: str, path: str
    ) -> tuple[Handler | None, dict[str, str], RouteInfo, bool]:
        """(handler, path parameters, route info, path_known)."""
        scope = {"type": "http", "method": method, "path": path, "root_path": ""}
        known = False
        for route, info in self.routes:
            found, child = route.matches(scope)
            if found is Match.FULL:
                params = {k: str(v) for k, v in child["path_params"].items()}
                return route.endpoint, params, info, True
            if found is Match.PARTIAL:
                known = True
        return None, {}, RouteInfo(v2=path.startswith("/v2/")), known


api = RouteTable()
admin = RouteTable()


def paginate(
    ctx: Ctx, total: int, default_limit: int = 50, max_limit: int = 250
) -> tuple[int, int, dict[str, Any]]:
    page = ctx.int_query("page", 1, minimum=1) or 1
    limit = ctx.int_query("limit", default_limit, minimum=1) or default_limit
    limit = min(limit, max_limit)
    pages = max(1, -(-total // limit))
    links: dict[str, str] = {"current": f"?page={page}&limit={limit}"}
    if page > 1:
        links["previous"] = f"?page={page - 1}&limit={limit}"
    if page < pages:
        links["next"] = f"?page={page + 1}&limit={limit}"
    count = max(0, min(limit, total - (page - 1) * limit))
    meta = {
        "pagination": {
            "total": total,
            "count": count,
            "per_page": limit,
            "current_page": page,
            "total_pages": pages,
            "links": links,
        }
    }
    return (page - 1) * limit, limit, meta


def marks(column: str, values: list[Any]) -> str:
    """A `column IN (?,?,...)` condition with one placeholder per value; an empty list
    matches nothing (spelled out: an empty IN list is an SQLite extension)."""
    if not values:
        return "0"
    return f"{column} IN ({','.join('?' * len(values))})"


def where_clause(where: list[str]) -> str:
    return (" WHERE " + " AND ".join(where)) if where else ""


def select_page(
    ctx: Ctx, table: str, where: list[str], args: list[Any], order: str = "id"
) -> tuple[list[Any], dict[str, Any]]:
    """One page of a table's rows that match all of `where` (sorted by `order`, then id),
    and the page's meta."""
    clause = where_clause(where)
    total = ctx.conn.execute(f"SELECT COUNT(*) FROM {table}{clause}", args).fetchone()[0]  # noqa: S608
    offset, limit, meta = paginate(ctx, int(total))
    rows = ctx.conn.execute(
        f"SELECT * FROM {table}{clause} ORDER BY {order}, id LIMIT ? OFFSET ?",  # noqa: S608
        [*args, limit, offset],
    ).fetchall()
    return rows, meta


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its ``%`` and ``_`` taken literally (use
    with ``ESCAPE '\\'``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


LIKE = " LIKE ? ESCAPE '\\'"


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})")


def documented_time(name: str, text: str, now: float) -> float:
    """A v3 date filter in the documented format: ``2025-01-15T00:03:17Z`` (an offset may
    stand for ``Z``), or a date alone, to which the store adds the current time of the
    request (as the documents say). Anything else is refused."""
    text = text.strip()
    try:
        if _DATE.fullmatch(text):
            day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
            moment = datetime.fromtimestamp(now, UTC)
            return day.replace(
                hour=moment.hour, minute=moment.minute, second=moment.second
            ).timestamp()
        if _DATE_TIME.fullmatch(text):
            return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        pass
    raise ApiError(
        422,
        "Input is invalid",
        detail=f"{name} must be a date (2025-01-15) or a date and time (2025-01-15T00:03:17Z).",
        errors={name: f"{text!r} is not a date in the documented format"},
    )
