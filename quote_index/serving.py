"""`quote-index serve`: the web app under waitress, with limits that keep slow or idle clients
from holding the server, and the security headers on waitress's own error answers.

- A request must arrive whole within `channel_timeout` seconds: waitress counts any received
  byte as activity, so a client sending one byte every 20 s held its connection forever, and 99
  of them filled waitress's default limit of 100 connections (the listening socket counts too)
  and stopped all service. Here only a complete request (or an answer sent) counts.
- Connections are capped (`connection_limit`, default 500; beyond it new ones wait in the
  listen backlog) and watched with poll() rather than select(), which fails past 1,024 sockets.
- waitress answers a malformed request (400), a body or header over the limit (413, 431) itself,
  without the app: its error task adds the same security headers as the app's answers.
"""
from __future__ import annotations

import waitress
from waitress.channel import HTTPChannel
from waitress.task import ErrorTask

from indexer.settings import DEFAULTS
from webapp.security import HEADERS


class _ErrorTask(ErrorTask):
    """waitress's error answer with the site's security headers."""

    def execute(self):
        """As ErrorTask.execute (waitress 3.0), plus the headers: they must precede the body."""
        status, headers, body = self.request.error.to_response(self.channel.server.adj.ident)
        self.status = status
        self.response_headers.extend(headers)
        self.response_headers.extend(HEADERS.items())
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _Channel(HTTPChannel):
    """A connection whose idle clock only restarts on a complete request or an answer sent."""

    error_task_class = _ErrorTask

    def handle_read(self):
        """Read what arrived; bytes of a request still incomplete are not activity."""
        before = self.last_activity
        super().handle_read()
        if self.request is not None and not self.requests:
            self.last_activity = before


def serve(app, *, host: str, port: int, threads: int, connection_limit: int = DEFAULTS.connection_limit,
          channel_timeout: int = DEFAULTS.channel_timeout, backlog: int = DEFAULTS.backlog) -> None:
    """Serve app until interrupted (OSError when the address cannot be listened on)."""
    # The app reads no request body: waitress refuses big ones (413) before spooling them to disk.
    sockets: dict = {}
    server = waitress.create_server(
        app, map=sockets, host=host, port=port, threads=threads, ident="quote-index",
        max_request_body_size=DEFAULTS.max_request_bytes,
        max_request_header_size=DEFAULTS.max_request_bytes,
        connection_limit=connection_limit, channel_timeout=channel_timeout, backlog=backlog,
        # The idle check runs every cleanup_interval seconds: often enough to honour the timeout.
        cleanup_interval=max(1, channel_timeout // 3), asyncore_use_poll=True)
    for listener in list(sockets.values()):     # one per address the host name resolved to
        listener.channel_class = _Channel
    server.run()
