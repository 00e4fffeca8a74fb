"""What a route handler sees: the store's state, the request's context, the route tables
(Starlette's own routing) and the shared paging of list answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.routing import Match, Route

from pos.sandbox.db import Database
from pos.sandbox.errors import MAX_INT, ApiError, not_found
from pos.sandbox.faults import FaultSet, RateLimiter, Settings
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
        return self.request.query_params.get(name)

    def include(self) -> set[str]:
        raw = self.request.query_params.get("include", "")
        return {part.strip() for part in raw.split(",") if part.strip()}

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


class RouteTable:
    """Handlers by method and path template, matched with Starlette's routing.

    Each route is a :class:`starlette.routing.Route` whose endpoint is the handler; the
    pipeline matches a request against them and calls the handler with a :class:`Ctx`."""

    def __init__(self) -> None:
        self.routes: list[Route] = []
        self._v2: dict[int, bool] = {}

    def add(self, method: str, path: str, *, v2: bool = False) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            route = Route(path, handler, methods=[method], name=handler.__name__)
            self._v2[id(route)] = v2
            self.routes.append(route)
            return handler

        return register

    def match(self, method: str, path: str) -> tuple[Handler | None, dict[str, str], bool, bool]:
        """(handler, path parameters, is_v2, path_known)."""
        scope = {"type": "http", "method": method, "path": path, "root_path": ""}
        known = False
        for route in self.routes:
            found, child = route.matches(scope)
            if found is Match.FULL:
                params = {k: str(v) for k, v in child["path_params"].items()}
                return route.endpoint, params, self._v2[id(route)], True
            if found is Match.PARTIAL:
                known = True
        return None, {}, path.startswith("/v2/"), known


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
    ctx: Ctx, table: str, where: list[str], args: list[Any]
) -> tuple[list[Any], dict[str, Any]]:
    """One page of a table's rows (by id) that match all of `where`, and the page's meta."""
    clause = where_clause(where)
    total = ctx.conn.execute(f"SELECT COUNT(*) FROM {table}{clause}", args).fetchone()[0]  # noqa: S608
    offset, limit, meta = paginate(ctx, int(total))
    rows = ctx.conn.execute(
        f"SELECT * FROM {table}{clause} ORDER BY id LIMIT ? OFFSET ?",  # noqa: S608
        [*args, limit, offset],
    ).fetchall()
    return rows, meta
