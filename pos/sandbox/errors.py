"""Error bodies as BigCommerce sends them, and small validators for request bodies."""

from __future__ import annotations

from typing import Any

ERROR_TYPE = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"
MAX_INT = 2**31 - 1  # ids, quantities, counts
MAX_NUMBER = 10**12  # amounts


class ApiError(Exception):
    """An error response. v3 body ``{status, title, type, detail?, code?, errors}``; v2 body
    ``[{"status", "message"}]``."""

    def __init__(
        self,
        status: int,
        title: str,
        *,
        detail: str | None = None,
        errors: dict[str, str] | None = None,
        code: int | str | None = None,
        v2: bool = False,
        headers: dict[str, str] | None = None,
        type_url: str = ERROR_TYPE,
    ) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors or {}
        self.code = code
        self.v2 = v2
        self.headers = headers or {}
        self.type_url = type_url

    def body(self) -> Any:
        if self.v2:
            return [{"status": self.status, "message": self.detail or self.title}]
        out: dict[str, Any] = {"status": self.status, "title": self.title, "type": self.type_url}
        if self.status == 404:
            return out  # BigCommerce's 404 bodies have no detail and no errors
        if self.detail is not None:
            out["detail"] = self.detail
        if self.code is not None:
            out["code"] = self.code
        out["errors"] = self.errors
        return out


def not_found(what: str, *, v2: bool = False) -> ApiError:
    return ApiError(
        404, f"{what} not found", detail=f"The requested {what.lower()} was not found.", v2=v2
    )


def invalid(errors: dict[str, str], title: str = "Input is invalid") -> ApiError:
    return ApiError(422, title, errors=errors)


# The validators below are named int/str/...; these aliases keep the builtins reachable.
Int = int
Str = str
Bool = bool
List = list
Dict = dict


class Fields:
    """Collects per-field errors while reading a JSON object; ``done()`` raises a 422."""

    def __init__(self, obj: Any, prefix: Str = "", *, title: Str = "Input is invalid") -> None:
        self.errors: dict[Str, Str] = {}
        self.prefix = prefix
        self.title = title
        if not isinstance(obj, dict):
            self.errors[prefix or "body"] = "must be a JSON object"
            obj = {}
        self.obj: dict[Str, Any] = obj

    def _name(self, key: Str) -> Str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def fail(self, key: Str, message: Str) -> None:
        self.errors.setdefault(self._name(key), message)

    def int(
        self,
        key: Str,
        *,
        required: Bool = False,
        minimum: Int | None = None,
        default: Int | None = None,
    ) -> Int | None:
        value = self.obj.get(key)
        if value is None:
            if required:
                self.fail(key, f"{key} is required")
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"{key} must be an integer")
            return default
        if abs(value) > MAX_INT:
            self.fail(key, f"{key} is too large")
            return default
        if minimum is not None and value < minimum:
            self.fail(key, f"{key} must be at least {minimum}")
            return default
        return value

    def str(
        self,
        key: Str,
        *,
        required: Bool = False,
        max_length: Int | None = None,
        default: Str | None = None,
    ) -> Str | None:
        value = self.obj.get(key)
        if value is None:
            if required:
                self.fail(key, f"{key} is required")
            return default
        if not isinstance(value, str):
            self.fail(key, f"{key} must be a string")
            return default
        if required and not value.strip():
            self.fail(key, f"{key} is required")
            return default
        if max_length is not None and len(value) > max_length:
            self.fail(key, f"{key} must be at most {max_length} characters")
            return default
        return value

    def number(self, key: Str, *, required: Bool = False, minimum: float | None = None) -> Any:
        value = self.obj.get(key)
        if value is None:
            if required:
                self.fail(key, f"{key} is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            self.fail(key, f"{key} must be a number")
            return None
        if abs(value) > MAX_NUMBER:
            self.fail(key, f"{key} is too large")
            return None
        if minimum is not None and value < minimum:
            self.fail(key, f"{key} must be at least {minimum}")
            return None
        return value

    def bool(self, key: Str, *, default: Bool = False) -> Bool:
        value = self.obj.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, f"{key} must be a boolean")
            return default
        return value

    def list(self, key: Str, *, required: Bool = False) -> List[Any] | None:
        value = self.obj.get(key)
        if value is None:
            if required:
                self.fail(key, f"{key} is required")
            return None
        if not isinstance(value, list):
            self.fail(key, f"{key} must be an array")
            return None
        return value

    def dict(self, key: Str, *, required: Bool = False) -> Dict[Str, Any] | None:
        value = self.obj.get(key)
        if value is None:
            if required:
                self.fail(key, f"{key} is required")
            return None
        if not isinstance(value, dict):
            self.fail(key, f"{key} must be an object")
            return None
        return value

    def merge(self, other: Fields) -> None:
        for key, value in other.errors.items():
            self.errors.setdefault(key, value)

    def done(self) -> None:
        if self.errors:
            raise ApiError(422, self.title, errors=self.errors)
