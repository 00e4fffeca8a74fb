"""HTTP plumbing of the sandbox: JSON answers, reading a request body, dropping a
connection, and telling loopback clients apart."""

from __future__ import annotations

import ipaddress
from typing import Any

from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from pos.sandbox.db import dumps

JSON_TYPE = "application/json"


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    if status == 204 or body is None:
        return Response(status_code=status, headers=headers)
    if isinstance(body, Response):
        return body
    return Response(dumps(body), status_code=status, headers=headers, media_type=JSON_TYPE)


def drop_connection(send: Send) -> bool:
    """Closes the client's connection without a response (uvicorn's h11 protocol)."""
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if cycle is None or transport is None:
        return False
    cycle.disconnected = True
    transport.close()
    return True


async def discard(_message: Message) -> None:
    return None


class BodyTooLarge(Exception):
    """The request body is longer than the reader's bound."""


async def read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body (BodyTooLarge past ``limit`` bytes, without reading on), or
    None when the client went away before sending it all."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        if message["type"] == "http.request":
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge(size)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def header(scope: Scope, name: str) -> str | None:
    """A request header's value (the first one of that name), by lower-case name."""
    wanted = name.encode("latin-1")
    for key, value in scope.get("headers", []):
        if key.lower() == wanted:
            return str(value.decode("latin-1"))
    return None


def replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands out the body already read, then waits for the disconnect."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def from_loopback(scope: Scope) -> bool:
    """Whether the ASGI client is on this machine (127.0.0.0/8 or ::1, IPv4-mapped too)."""
    client = scope.get("client")
    if not client:
        return False
    try:
        address = ipaddress.ip_address(str(client[0]).split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def is_v2(sub_path: str) -> bool:
    return sub_path.startswith("/v2/")
