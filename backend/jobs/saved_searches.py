"""Saved searches (저장한 검색) and their alert mails (issue 16).

A seeker keeps a search of `/jobs/` — its parameters, with the search API's names — and
chooses daily or weekly alerts. `query_clean` validates the parameters as the search API does
(`backend.jobs.search_api.parse_query`, and stricter: unknown codes are refused too), so a bad
value is a 400 naming it, never a saved search that cannot run.

`saved_search_alerts` (the job `saved_search_alerts`, every morning in `workers.schedule`)
mails each due search the open postings published since its last alert that it has never
mailed (one `SavedSearchHit` row per search and posting), newest first and at most
`settings.SAVED_SEARCH_ALERT_MAX_POSTINGS`; nothing when nothing is new. Each search is
handled in its own transaction under a row lock, so a re-run or a second scheduler sends
nothing twice. Alerts a seeker asked for are service mail (`MailClass.SERVICE`): they go
with the marketing consent withdrawn.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import ConflictError, ForbiddenError, NotFoundError
from backend.core.validators import reject_resident_number
from backend.jobs.alert_models import AlertFrequency, SavedSearch, SavedSearchHit
from backend.jobs.models import Posting, PostingStatus
from backend.jobs.search_api import parse_query
from backend.notifications.services import notification_queue
from backend.seekers.selectors import seeker_is_minor
from backend.taxonomy.models import Area, CareerField
from backend.taxonomy.vocabulary import Cohort, EmploymentType, Shift
from search.backends import get_backend
from search.query import RETRIEVAL_PAGE_SIZE, PostingQuery, QueryError

logger = logging.getLogger("workers.jobs")

ALERT_KIND = "saved_search_alert"
# The search API's parameters a saved search keeps (`near_area` is the web's dong code as
# the point); `sort`, `page` and `page_size` are a view of results, not the search: dropped.
MULTI_KEYS = ("career_field", "employment_type", "shift", "area")
SINGLE_KEYS = ("q", "cohort", "near", "near_area", "radius_km", "min_wage")
QUERY_KEYS = frozenset((*MULTI_KEYS, *SINGLE_KEYS))
VIEW_KEYS = frozenset({"sort", "page", "page_size"})
# How long after the last check a search is due again; an hour of slack so that the morning
# run of one day does not miss a search checked a few minutes later the day before.
PERIODS = {
    AlertFrequency.DAILY: datetime.timedelta(days=1),
    AlertFrequency.WEEKLY: datetime.timedelta(days=7),
}
SLACK = datetime.timedelta(hours=1)

SAVED_SEARCH_NOT_FOUND = gettext_lazy("저장한 검색을 찾을 수 없습니다.")
SEEKERS_ONLY = gettext_lazy("구직자만 검색을 저장할 수 있습니다.")
UNKNOWN_PARAMETER = gettext_lazy("알 수 없는 검색 조건입니다.")
UNKNOWN_VALUE = gettext_lazy("알 수 없는 값: %(values)s")
NOT_A_STRING = gettext_lazy("문자열이어야 합니다.")
DUPLICATE = gettext_lazy("같은 조건의 검색을 이미 저장했어요.")
TOO_MANY = gettext_lazy("검색은 %(count)s개까지 저장할 수 있어요. 쓰지 않는 검색을 지워 주세요.")
NEAR_AND_AREA = gettext_lazy("near와 near_area 중 하나만 정해 주세요.")


# --- the parameters ---------------------------------------------------------------------------


def _strings(name: str, value: object, errors: dict[str, list[str]]) -> list[str]:
    """A parameter's values as strings: a list, or one value (commas split, as in the API)."""
    items = value if isinstance(value, list | tuple) else [value]
    values: list[str] = []
    for item in items:
        if item is None or item == "":
            continue
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            errors.setdefault(name, []).append(str(NOT_A_STRING))
            return []
        text = str(item).strip()
        if name in MULTI_KEYS:
            values += [part.strip() for part in text.split(",") if part.strip()]
        elif text:
            values.append(text)
    return list(dict.fromkeys(values))


def _check_choices(
    name: str, values: list[str], allowed: set[str], errors: dict[str, list[str]]
) -> None:
    unknown = [value for value in values if value not in allowed]
    if unknown:
        errors.setdefault(name, []).append(str(UNKNOWN_VALUE) % {"values": ", ".join(unknown)})


def query_clean(raw: Mapping[str, Any] | QueryDict) -> dict[str, Any]:
    """The saved form of search parameters `raw` (a QueryDict of `/jobs/`, or the API's JSON
    object), validated like `GET /api/v1/postings/search/`; `ValidationError` by parameter.

    Kept: only the parameters given, multi-valued ones as lists (`{"q": "바리스타",
    "shift": ["morning"], "radius_km": 5.0, "near_area": "4139059000"}`)."""
    errors: dict[str, list[str]] = {}
    pairs: dict[str, list[str]] = {}
    keys = list(raw.keys())
    for name in keys:
        if name in VIEW_KEYS:
            continue
        if name not in QUERY_KEYS:
            errors[name] = [str(UNKNOWN_PARAMETER)]
            continue
        value: object = raw.getlist(name) if isinstance(raw, QueryDict) else raw[name]
        values = _strings(name, value, errors)
        if values:
            pairs[name] = values if name in MULTI_KEYS else values[:1]
    if errors:
        raise ValidationError(errors)
    if "near" in pairs and "near_area" in pairs:
        raise ValidationError({"near_area": [str(NEAR_AND_AREA)]})
    area_codes = set(Area.objects.values_list("code", flat=True))
    near_area = (pairs.get("near_area") or [""])[0]
    _check_choices("near_area", [near_area] if near_area else [], area_codes, errors)
    _check_choices("area", pairs.get("area", []), area_codes, errors)
    _check_choices(
        "career_field",
        pairs.get("career_field", []),
        set(CareerField.objects.values_list("code", flat=True)),
        errors,
    )
    _check_choices(
        "employment_type", pairs.get("employment_type", []), set(EmploymentType.values), errors
    )
    _check_choices("shift", pairs.get("shift", []), set(Shift.values), errors)
    _check_choices("cohort", pairs.get("cohort", []), set(Cohort.values), errors)
    text = (pairs.get("q") or [""])[0]
    try:
        reject_resident_number(text)
    except ValidationError as error:
        errors["q"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    try:
        parsed = _parse(pairs)
    except QueryError as error:
        raise ValidationError({error.field: [error.message]}) from None
    cleaned: dict[str, Any] = {}
    if parsed.text:
        cleaned["q"] = parsed.text
    for name in MULTI_KEYS:
        if pairs.get(name):
            cleaned[name] = pairs[name]
    if parsed.cohort:
        cleaned["cohort"] = parsed.cohort
    if near_area:
        cleaned["near_area"] = near_area
    elif parsed.near is not None:
        cleaned["near"] = f"{parsed.near.lat},{parsed.near.lon}"
    if parsed.radius_km is not None:
        cleaned["radius_km"] = parsed.radius_km
    if parsed.min_wage is not None:
        cleaned["min_wage"] = parsed.min_wage
    return cleaned


def _near_of_area(code: str) -> str | None:
    area = Area.objects.filter(code=code).values("lat", "lon").first()
    return f"{area['lat']},{area['lon']}" if area is not None else None


def _parse(pairs: Mapping[str, list[str]], **extra: str) -> PostingQuery:
    """The `PostingQuery` of saved parameters, through the search API's own parser."""
    params = QueryDict(mutable=True)
    for name, values in pairs.items():
        if name == "near_area":
            near = _near_of_area(values[0])
            if near is not None:
                params["near"] = near
            continue
        params.setlist(name, [str(value) for value in values])
    for name, value in extra.items():
        params[name] = value
    return parse_query(params)


def _pairs(query: Mapping[str, Any]) -> dict[str, list[str]]:
    return {
        name: [str(v) for v in value] if isinstance(value, list) else [str(value)]
        for name, value in query.items()
    }


def posting_query(saved: SavedSearch, *, minors_only: bool = False) -> PostingQuery:
    """The search of `saved` for its alert: newest first, one retrieval page."""
    parsed = _parse(_pairs(saved.query), sort="newest", page_size="1")
    return PostingQuery(
        terms=parsed.terms,
        text=parsed.text,
        career_fields=parsed.career_fields,
        employment_types=parsed.employment_types,
        shifts=parsed.shifts,
        cohort=parsed.cohort,
        areas=parsed.areas,
        near=parsed.near,
        radius_km=parsed.radius_km,
        min_wage=parsed.min_wage,
        minors_only=minors_only,
        sort="newest",
        page=1,
        page_size=RETRIEVAL_PAGE_SIZE,
        facets=(),
        bulk=True,  # a user's search (every term matches), in one large page
    )


def jobs_query_string(query: Mapping[str, Any]) -> str:
    """The `/jobs/` URL query of saved parameters (the web has no `near`: only `near_area`)."""
    pairs = [
        (name, value)
        for name, values in _pairs(query).items()
        if name != "near"
        for value in values
    ]
    if "radius_km" in query and "near_area" not in query:
        pairs = [(name, value) for name, value in pairs if name != "radius_km"]
    return urlencode(pairs)


def default_name(query: Mapping[str, Any]) -> str:
    """A name for a search saved without one: its words, else 'all new postings'."""
    text = str(query.get("q") or "").strip()
    return text[:100] if text else gettext("새 공고 전체")


# --- use cases --------------------------------------------------------------------------------


def _require_seeker(user: User) -> None:
    if user.role != Role.SEEKER:
        raise ForbiddenError(SEEKERS_ONLY)


def saved_searches_of(user: User) -> Any:
    """The seeker's saved searches, newest first (a QuerySet)."""
    return SavedSearch.objects.filter(user=user).order_by("-created_at", "-id")


def saved_search_for(user: User, saved_search_id: int) -> SavedSearch:
    """One of the caller's own saved searches, else a 404 (another's is never revealed)."""
    found = SavedSearch.objects.filter(user=user, pk=saved_search_id).first()
    if found is None:
        raise NotFoundError(SAVED_SEARCH_NOT_FOUND)
    return found


def _clean_name(name: str, query: Mapping[str, Any]) -> str:
    name = (name or "").strip()[:100] or default_name(query)
    try:
        reject_resident_number(name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from None
    return name


def _check_frequency(frequency: str) -> None:
    if frequency not in AlertFrequency.values:
        raise ValidationError({"frequency": [str(UNKNOWN_VALUE) % {"values": frequency or "''"}]})


def _check_duplicate(user: User, query: Mapping[str, Any], *, exclude: int | None = None) -> None:
    others = SavedSearch.objects.filter(user=user)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if any(other.query == dict(query) for other in others.only("query")):
        raise ConflictError(DUPLICATE, code="duplicate")


@transaction.atomic
def saved_search_create(
    *, user: User, query: Mapping[str, Any], frequency: str, name: str = ""
) -> SavedSearch:
    """Save a search of `user` (a seeker). 400 by parameter; 409 for a second search with
    the same parameters or beyond `settings.SAVED_SEARCHES_PER_USER`."""
    _require_seeker(user)
    cleaned = query_clean(query)
    _check_frequency(frequency)
    name = _clean_name(name, cleaned)
    # Lock the user's row: two saves at once count and compare one after the other.
    User.objects.select_for_update().filter(pk=user.pk).first()
    limit = settings.SAVED_SEARCHES_PER_USER
    if SavedSearch.objects.filter(user=user).count() >= limit:
        raise ConflictError(str(TOO_MANY) % {"count": limit}, code="too_many")
    _check_duplicate(user, cleaned)
    return SavedSearch.objects.create(user=user, name=name, query=cleaned, frequency=frequency)


@transaction.atomic
def saved_search_update(
    *,
    saved: SavedSearch,
    name: str | None = None,
    frequency: str | None = None,
    query: Mapping[str, Any] | None = None,
) -> SavedSearch:
    """Rename it, change how often it mails, or change its parameters (validated again)."""
    saved = SavedSearch.objects.select_for_update().get(pk=saved.pk)
    if query is not None:
        saved.query = query_clean(query)
        _check_duplicate(saved.user, saved.query, exclude=saved.pk)
    if frequency is not None:
        _check_frequency(frequency)
        saved.frequency = frequency
    if name is not None:
        saved.name = _clean_name(name, saved.query)
    saved.save()
    return saved


def saved_search_delete(*, saved: SavedSearch) -> None:
    """Delete it, with the record of what it mailed (its alerts stop)."""
    SavedSearch.objects.filter(pk=saved.pk).delete()


# --- the alert job ----------------------------------------------------------------------------


def _due(saved: SavedSearch, now: datetime.datetime) -> bool:
    if saved.checked_at is None:
        return True
    return saved.checked_at <= now - PERIODS[AlertFrequency(saved.frequency)] + SLACK


def due_searches(now: datetime.datetime) -> list[int]:
    """Ids of the saved searches of active seekers due for a check at `now`."""
    rows = SavedSearch.objects.filter(user__is_active=True, user__role=Role.SEEKER).values_list(
        "pk", "frequency", "checked_at"
    )
    due = []
    for pk, frequency, checked_at in rows:
        period = PERIODS[AlertFrequency(frequency)]
        if checked_at is None or checked_at <= now - period + SLACK:
            due.append(pk)
    return due


def _posting_row(posting: Posting) -> dict[str, Any]:
    return {
        "id": posting.pk,
        "title": posting.title,
        "employer_name": posting.employer.name,
        "area_name": posting.area.name,
        "hourly_wage": posting.hourly_wage,
        "deadline": posting.deadline.isoformat(),
    }


def saved_search_alert(saved_search_id: int, *, now: datetime.datetime) -> int:
    """Check one saved search: mail what is new (at most N postings); returns how many
    postings were mailed (0: nothing new, or not due any more)."""
    with transaction.atomic():
        saved = (
            SavedSearch.objects.select_for_update()
            .select_related("user")
            .filter(pk=saved_search_id)
            .first()
        )
        if saved is None or not _due(saved, now):
            return 0
        since = saved.alerted_at or saved.created_at
        found = get_backend().search_postings(
            posting_query(saved, minors_only=seeker_is_minor(saved.user))
        )
        order = [hit.document.id for hit in found.hits if hit.document.published_at > since]
        mailed = set(
            SavedSearchHit.objects.filter(saved_search=saved).values_list("posting_id", flat=True)
        )
        new_ids = [pk for pk in order if pk not in mailed]
        postings = {
            posting.pk: posting
            for posting in Posting.objects.filter(
                pk__in=new_ids,
                status=PostingStatus.OPEN,
                published_at__gt=since,
                published_at__lte=now,
            ).select_related("employer", "area")
        }
        new = [postings[pk] for pk in new_ids if pk in postings]
        saved.checked_at = now
        if not new:
            saved.save(update_fields=["checked_at"])
            return 0
        limit = settings.SAVED_SEARCH_ALERT_MAX_POSTINGS
        shown, more = new[:limit], len(new) - limit
        key = now.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M")
        notification_queue(
            recipient=saved.user,
            kind=ALERT_KIND,
            obj=saved,
            key=key,
            context={
                "search_name": saved.name,
                "postings": [_posting_row(posting) for posting in shown],
                "more": max(0, more),
                "search_query": jobs_query_string(saved.query),
            },
        )
        # Every new posting counts as told, those beyond N too: the mail links to the
        # search for them, and the next alert has only what is newer still.
        SavedSearchHit.objects.bulk_create(
            [SavedSearchHit(saved_search=saved, posting=posting, alert_key=key) for posting in new],
            ignore_conflicts=True,
        )
        saved.alerted_at = now
        saved.save(update_fields=["checked_at", "alerted_at"])
        return len(shown)


def saved_search_alerts(now: str | None = None) -> dict[str, int]:
    """The job: check every due saved search at `now` (ISO datetime; default now). A search
    backend that is down fails the run (retried); the searches handled before are not due
    again, so the retry mails none of them twice."""
    moment = datetime.datetime.fromisoformat(now) if now else timezone.now()
    counts = {"checked": 0, "mailed": 0, "postings": 0}
    for pk in due_searches(moment):
        sent = saved_search_alert(pk, now=moment)
        counts["checked"] += 1
        if sent:
            counts["mailed"] += 1
            counts["postings"] += sent
    if counts["mailed"]:
        logger.info("saved-search alerts: %s", counts)
    return counts
