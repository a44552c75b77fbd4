"""The mentoring app's hooks (see `backend.core.hooks`): reports subscribes.

Each is fired inside the transaction of the write it reports, after the request row was
saved, with keyword arguments only.
"""

from __future__ import annotations

from typing import Protocol

from backend.core.hooks import Hook
from backend.mentoring.models import MentoringRating, MentoringRequest, MentoringSession


class MentoringRequestEvent(Protocol):
    def __call__(self, *, mentoring_request: MentoringRequest) -> None: ...


#: A seeker asked for mentoring (`mentoring_request_create`).
mentoring_request_created: Hook[MentoringRequestEvent] = Hook("mentoring_request_created")

#: A mentor accepted a request (`mentoring_request_accept`): `mentor` and `accepted_at` set.
mentoring_request_accepted: Hook[MentoringRequestEvent] = Hook("mentoring_request_accepted")

#: A request ended: `completed` by its mentor, `declined` by its chosen mentor, or
#: `cancelled` by the seeker (`closed_at` set). A declined staged offer is no end.
mentoring_request_finished: Hook[MentoringRequestEvent] = Hook("mentoring_request_finished")


class MentoringSessionEvent(Protocol):
    def __call__(self, *, session: MentoringSession) -> None: ...


class MentoringRatingEvent(Protocol):
    def __call__(self, *, rating: MentoringRating) -> None: ...


#: A mentee or mentor recorded a session (`sessions.mentoring_session_record`).
mentoring_session_recorded: Hook[MentoringSessionEvent] = Hook("mentoring_session_recorded")

#: A side rated a completed mentoring (`sessions.mentoring_rating_give`).
mentoring_rated: Hook[MentoringRatingEvent] = Hook("mentoring_rated")
