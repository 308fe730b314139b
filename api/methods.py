"""HEAD wherever GET is, and a true `Allow` header on every 405 (an ASGI middleware).

FastAPI routes answer only the methods they declare (HEAD is not added to GET routes, as
Starlette's own routes do), and a 405 names the methods of the first route whose path
matched, not of every route at that path (the HTML error page named none). Declaring HEAD
on each GET route would also list each operation twice in OpenAPI; routing HEAD here keeps
the schema as it is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


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


def allowed_methods(routes: Iterable[BaseRoute], scope: Scope) -> list[str]:
    """Every method some route at this path answers, HEAD wherever GET is, in a fixed order."""
    routes = list(routes)
    found = [m for m in METHOD_ORDER if answers(routes, scope, m)]
    if "GET" in found and "HEAD" not in found:
        found.insert(found.index("GET") + 1, "HEAD")
    return found


class MethodsMiddleware:
    """HEAD on a path that has a GET route but no HEAD route runs the GET and drops the body
    (status and headers, Content-Length included, are those of the GET); a 405 answer, JSON or
    HTML, carries `Allow` with every method the path supports."""

    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        routes = self.routes
        asked = scope
        # a route answers HEAD itself, or there is no GET to stand in: HEAD goes on as it is
        head = (
            scope["method"] == "HEAD" and not answers(routes, scope, "HEAD") and answers(routes, scope, "GET")
        )

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                allow = allowed_methods(routes, asked)
                if allow:
                    headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"allow"]
                    message = {**message, "headers": [*headers, (b"allow", ", ".join(allow).encode())]}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"} if head else scope, receive, send_wrapper)
