"""Named hooks: how a lower app tells the apps above it that something happened.

An app that owns an event defines it once (`profile_saved = Hook("profile_saved")` in
`backend/seekers/hooks.py`) and fires it where the write happens; an app above subscribes in
its `AppConfig.ready()` (`profile_saved.subscribe(fn)`). So dependencies keep pointing down
(DESIGN.md, Architecture): the owner never names its subscribers.

Contract: `fire(**kwargs)` calls every subscriber in the order they subscribed, synchronously,
inside the caller's transaction (a subscriber's writes commit or roll back with the event's;
a subscriber that must reach a server enqueues a job, which is sent on commit). An exception in
a subscriber propagates and fails the write: a hook is part of the use case, not a best-effort
notification. Arguments are keyword-only, and each hook documents its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

Subscriber = TypeVar("Subscriber", bound=Callable[..., Any])


class Hook(Generic[Subscriber]):
    """One named event and its subscribers (`Subscriber` is the callable's type)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Subscriber:
        """Add `subscriber` (subscribing the same function twice is harmless); returns it, so
        this also works as a decorator."""
        if subscriber not in self._subscribers:
            self._subscribers.append(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """Remove `subscriber` (tests)."""
        if subscriber in self._subscribers:
            self._subscribers.remove(subscriber)

    def subscribers(self) -> list[Subscriber]:
        return list(self._subscribers)

    def fire(self, **kwargs: Any) -> list[Any]:
        """Call every subscriber with `kwargs`; returns their results in order."""
        return [subscriber(**kwargs) for subscriber in self._subscribers]

    def __repr__(self) -> str:
        return f"Hook({self.name!r}, {len(self._subscribers)} subscribers)"
