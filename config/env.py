"""Typed helpers that read settings from the environment and fail loudly.

Every setting of the project comes from an environment variable with a typed default (the
embedded default where there is one). A value that cannot be parsed raises `ConfigError`
naming the variable, so a typo never becomes a silent default. `manage.py`, `wsgi.py` and
`asgi.py` turn a `ConfigError` into one clear line on stderr instead of a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ImproperlyConfigured):
    """A setting is missing or malformed; the message names the environment variable."""


def env_str(name: str, default: str) -> str:
    """Return the variable `name`, or `default` when it is unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Parse a boolean: 1/true/yes/on or 0/false/no/off (case-insensitive)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use true or false)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """Parse an integer, optionally bounded below."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not an integer") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={value} must be at least {minimum}")
    return value


def env_float(name: str, default: float, *, minimum: float | None = None) -> float:
    """Parse a float, optionally bounded below."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={value} must be at least {minimum}")
    return value


def env_list(name: str, default: Sequence[str] = ()) -> list[str]:
    """Parse a comma-separated list; blanks are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: Sequence[str]) -> str:
    """Return the variable if it is one of `choices`, else raise `ConfigError` listing them."""
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ConfigError(f"{name}={value!r} is not one of: {', '.join(choices)}")
    return value


def email_url_settings(url: str, *, base_dir: Path, default_dir: Path) -> dict[str, Any]:
    """The EMAIL_* settings of a mail URL (django-environ's), with `filemail:` paths as
    people write them: `filemail:///var/mail/siheung` is that absolute directory (environ
    drops the leading slash, making it relative to the working directory);
    `filemail://var/mail` is relative to `base_dir` (the project), whatever the working
    directory; a bare `filemail://` is `default_dir`."""
    config: dict[str, Any] = dict(environ.Env.email_url_config(url))
    parts = urlsplit(url)
    if parts.scheme == "filemail":
        written = unquote(parts.netloc + parts.path)
        if not written.strip("/"):
            path = default_dir
        elif not parts.netloc:
            path = Path(unquote(parts.path))  # three slashes: an absolute path
        else:
            path = base_dir / written
        config.update(EMAIL_FILE_PATH=str(path), EMAIL_HOST=None)
    return config
