"""The address a request came from, behind a known number of trusted reverse proxies."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's IP address, or None without a request.

    `settings.TRUSTED_PROXY_COUNT` (default 0) says how many reverse proxies in front of the
    app append to `X-Forwarded-For`. With 0 the header is ignored (anyone can send it) and the
    peer address is the client. With N the N-th entry from the right is the one the outermost
    trusted proxy saw; entries further left were written by the client and are never trusted.
    A header shorter than N (the request bypassed a proxy) or holding garbage falls back to
    the peer address.
    """
    if request is None:
        return None
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part.strip() for part in forwarded if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
