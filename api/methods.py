"""HEAD wherever GET is (an ASGI middleware).

FastAPI routes answer only the methods they declare (HEAD is not added to GET routes, as
Starlette's own routes do). Declaring HEAD on each GET route would also list each operation
twice in OpenAPI; routing HEAD here keeps the schema as it is."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def _matches(route: BaseRoute, scope: Scope, method: str) -> Match:
    match, _ = route.matches({**scope, "method": method})
    return match


def answers(routes: Iterable[BaseRoute], scope: Scope, method: str) -> bool:
    """Whether some route takes this path with this method. Routes are asked one method at a
    time: FastAPI nests included routers, whose match says nothing of the methods inside."""
    for route in routes:
        if isinstance(route, Mount):  # static files answer GET and HEAD (and 405 the rest)
            if method in ("GET", "HEAD") and _matches(route, scope, method) != Match.NONE:
                return True
        elif _matches(route, scope, method) == Match.FULL:
            return True
    return False


class MethodsMiddleware:
    """HEAD on a path that has a GET route but no HEAD route runs the GET and drops the body
    (status and headers, Content-Length included, are those of the GET)."""

    def __init__(self, app: ASGIApp, routes: Iterable[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        routes = list(self.routes)
        if answers(routes, scope, "HEAD") or not answers(routes, scope, "GET"):
            # a route answers HEAD itself, or there is no GET to stand in
            await self.app(scope, receive, send)
            return

        async def bodiless(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, bodiless)
