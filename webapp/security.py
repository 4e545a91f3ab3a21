"""Security headers set on every response, and redirects that never name a host."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response

# Everything the pages load comes from this site, and no script or style is inline: an article
# that smuggles markup past the escaping still cannot run anything.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def init_app(app: Flask) -> None:
    """Add the security headers to every response the app sends."""
    app.after_request(add_headers)


def add_headers(response: Response) -> Response:
    """Set the security headers (without overriding one a view chose); make a redirect's
    Location a path."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    location = response.headers.get("Location")
    if location:
        # Werkzeug's redirects (/article//x -> /article/x) are absolute URLs built from the
        # request's Host header, which a client may forge; the site only ever redirects to
        # itself, so a path is the whole answer (never "//host": that is a host too).
        parts = urlsplit(location)
        response.headers["Location"] = "/" + parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")
    # HTML and JSON twins share URLs and differ by Accept: caches must keep them apart.
    response.vary.add("Accept")
    return response
