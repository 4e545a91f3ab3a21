"""The error a view raises for the user: imported by the views, the rendering and the handlers."""
from __future__ import annotations


class HttpError(Exception):
    """An error a view reports to the user: HTTP status plus a message saying what to change."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
