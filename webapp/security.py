"""Security headers set on every response."""
from __future__ import annotations

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
    """Set the security headers (without overriding one a view chose)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    # HTML and JSON twins share URLs and differ by Accept: caches must keep them apart.
    response.vary.add("Accept")
    return response
