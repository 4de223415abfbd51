"""A local HTTP server for tests: real news pages and any route a test needs, on loopback only.

Runs in a thread so sync tests, async tests and subprocesses (the CLI) can all reach it.
Every request is recorded, so a test can prove that no request arrived.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
QUOTE_PAGES = FIXTURES / "quotes"


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})


# A route is a fixed Response or a function that writes the answer itself (for slow or endless bodies).
Route = Response | Callable[[BaseHTTPRequestHandler], None]


class LocalServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str]] = []  # (method, path)
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else each small answer waits ~40 ms for an ACK

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802
                server.requests.append(("GET", self.path))
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
                if route is None:
                    route = Response(404, b"<html><body><h1>Not found</h1></body></html>")
                if callable(route):
                    try:
                        route(self)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                self.send_response(route.status)
                headers = dict(route.headers)
                headers.setdefault("Content-Length", str(len(route.body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_HEAD = do_GET

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                # Clients that hang up early are what several tests are about: stay quiet.
                import sys

                if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
                    super().handle_error(request, client_address)

        self._httpd = Server((host, 0), Handler)
        self._httpd.daemon_threads = True
        self.host = host
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def add_page(self, path: str, html: str | bytes, content_type: str = "text/html; charset=utf-8") -> str:
        body = html.encode("utf-8") if isinstance(html, str) else html
        return self.add(path, Response(200, body, {"Content-Type": content_type}))

    def add_fixture(self, name: str) -> str:
        """Serve tests/fixtures/pages/<name>.html at /news/<name>."""
        return self.add_page(f"/news/{name}", (PAGES / f"{name}.html").read_bytes())

    def add_gzipped_fixture(self, name: str) -> str:
        """Serve tests/fixtures/quotes/<name>.html.gz at /news/<name>, compressed on the wire."""
        body = (QUOTE_PAGES / f"{name}.html.gz").read_bytes()
        headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
        return self.add(f"/news/{name}", Response(200, body, headers))

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
