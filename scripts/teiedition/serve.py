"""Preview a built site over HTTP on the loopback interface only (``edition serve``).

Pagefind's search loads its index with ``fetch``, which browsers refuse on ``file://``;
this server is the smallest thing that makes the built site behave as it will online.
"""

from __future__ import annotations

import functools
import http.server
from os import PathLike
from pathlib import Path
from typing import Any

from teiedition.errors import UsageError

HOST = "127.0.0.1"
#: Content types of the DTS API's files (under ``dts/``): JSON-LD responses, TEI documents.
DTS_TYPES = {"application/json": "application/ld+json", "application/xml": "application/tei+xml"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - class attribute of the standard handler
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".pagefind": "application/octet-stream",
        ".pf_meta": "application/octet-stream",
        ".pf_index": "application/octet-stream",
        ".pf_fragment": "application/octet-stream",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
    }

    def guess_type(self, path: str | PathLike[str]) -> str:
        """The static DTS API's responses as the specification types them."""
        kind = super().guess_type(path)
        if Path(path).is_relative_to(Path(self.directory) / "dts"):
            return DTS_TYPES.get(kind, kind)
        return kind

    def log_message(self, format: str, *args: Any) -> None:
        if getattr(self.server, "quiet", False):
            return
        super().log_message(format, *args)


def make_server(site: Path, port: int = 8000, *, quiet: bool = False
                ) -> http.server.ThreadingHTTPServer:
    """An HTTP server for ``site`` bound to 127.0.0.1 (port 0: any free port)."""
    if not (site / "index.html").is_file():
        raise UsageError(f"{site} holds no built site (no index.html): run `edition build` first")
    handler = functools.partial(_Handler, directory=str(site.resolve()))
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise UsageError(f"cannot listen on {HOST}:{port}: {exc.strerror}") from exc
    server.quiet = quiet  # type: ignore[attr-defined]
    return server


def url_of(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://{HOST}:{server.server_address[1]}/"
