"""What the Elasticsearch backend sends, as pure data: mappings, index/alias names, document ↔
`_source`, and the search and typeahead requests for a query. No client, no network: test as data.

The mappings are declared as `elasticsearch.dsl` `Document` classes; only their mapping is used
(documents are bulk-indexed as plain dicts, several times faster than a `Document` per row).

Limits of the integ-test Elasticsearch distribution that `make test` runs, designed around here:
- no analysis-common / nori: the only text analyzer is `standard`. Korean text is analysed in
  Python (Kiwi) and arrives as space-joined normalized terms in `*_terms`, which `standard`
  merely splits again, so both backends see the same terms;
- no mapper-extras: no `search_as_you_type`, `rank_feature` or `scaled_float`; typeahead is a
  `prefix` query plus a `terms` aggregation on the keyword field `suggest` (see `suggest_key`).
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Literal

from elasticsearch.dsl import (
    A,
    Boolean,
    Date,
    Document,
    Float,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    Long,
    Object,
    Q,
    Search,
    Text,
)
from elasticsearch.dsl.query import Query

from search.documents import GeoPoint as DocumentGeoPoint
from search.documents import PostingDocument, ProfileDocument
from search.query import PostingQuery, ProfileQuery

Kind = Literal["postings", "profiles"]
KINDS: tuple[Kind, ...] = ("postings", "profiles")


class PostingMapping(Document):
    """The `postings` index. `display` keeps the original text for rebuilding hits: it is
    stored in `_source` but not indexed (`enabled: false`), so it costs no index space."""

    id = Long()  # also the sort tie-breaker: sorting on `_id` is disabled by default in ES 9
    version = Long(index=False)
    title_terms = Text(analyzer="standard")
    body_terms = Text(analyzer="standard")
    career_field = Keyword()
    occupation = Keyword()
    employment_type = Keyword()
    shifts = Keyword(multi=True)
    cohorts_welcome = Keyword(multi=True)  # empty (absent) = every cohort is welcome
    area_code = Keyword()
    location = GeoPoint()
    hourly_wage = Integer()
    deadline = Date(format="strict_date")
    published_at = Date()
    minor_suitable = Boolean()  # may be shown to a seeker under 18 (absent = no)
    # Matching's retrieval filters (`PostingQuery.max_days_per_week`, `certificates_held`);
    # absent in documents indexed before them, which retrieval then lets through.
    days_per_week = Integer()
    certificate_codes = Keyword(multi=True)
    certificate_count = Integer()  # distinct codes: `terms_set`'s `minimum_should_match_field`
    # Typeahead keys "folded\x00original" (`suggest_key`). Not a `completion` field: that gives
    # one option per document (a posting's second input is never offered) and cannot rank by
    # how many postings share a suggestion, which the embedded backend does.
    suggest = Keyword(multi=True)
    # The distinct title terms again, as keywords: the vocabulary of typo corrections and
    # completions (`search.spelling`) is a `terms` aggregation over them (`vocabulary_request`).
    title_vocab = Keyword(multi=True)
    display = Object(enabled=False)  # title, description, employer_name, area_name
    matching = Object(enabled=False)  # the facts matching reads (MATCHING_FIELDS), not indexed


class ProfileMapping(Document):
    """The `profiles` index: a seeker profile without name, contact, email or birth year (PIPA,
    개인정보 보호법 = Personal Information Protection Act)."""

    id = Long()
    version = Long(index=False)
    cohort = Keyword()
    terms = Text(analyzer="standard")
    career_fields = Keyword(multi=True)
    skills = Keyword(multi=True)
    certificates = Keyword(multi=True)
    employment_types = Keyword(multi=True)
    shifts = Keyword(multi=True)
    area_code = Keyword()
    location = GeoPoint()
    max_commute_km = Float()
    min_hourly_wage = Integer()
    open_to_employers = Boolean()


MAPPINGS: dict[Kind, type[Document]] = {"postings": PostingMapping, "profiles": ProfileMapping}


def read_alias(prefix: str, kind: Kind) -> str:
    """The alias searches read from, e.g. `sjl-postings`."""
    return f"{prefix}-{kind}"


def write_alias(prefix: str, kind: Kind) -> str:
    """The alias live updates are written to, e.g. `sjl-postings-write`."""
    return f"{prefix}-{kind}-write"


def versioned_index(prefix: str, kind: Kind, number: int) -> str:
    """The concrete index behind the aliases, e.g. `sjl-postings-v3`."""
    return f"{prefix}-{kind}-v{number}"


def parse_versioned_index(prefix: str, name: str) -> tuple[Kind, int] | None:
    """`(kind, number)` when `name` is one of this prefix's versioned indices, else None.

    Exact matching matters: prefix `t1` must never claim `t1-x-postings-v1` (prefix `t1-x`)."""
    match = re.fullmatch(rf"{re.escape(prefix)}-(postings|profiles)-v(\d+)", name)
    if match is None:
        return None
    kind: Kind = "postings" if match.group(1) == "postings" else "profiles"
    return kind, int(match.group(2))


def index_definition(name: str, kind: Kind, *, replicas: int, aliases: dict[str, Any]) -> Index:
    """An unsaved dsl `Index` with the kind's mapping, one shard and the given aliases."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=replicas)
    index.document(MAPPINGS[kind])
    if aliases:
        index.aliases(**aliases)
    return index


SUGGEST_SEPARATOR = "\x00"


def suggest_key(suggestion: str) -> str:
    """The indexed form of a typeahead suggestion: its case-folded form (what a typed prefix is
    matched against), a NUL, then the original (what is shown). Sorting keys therefore sorts
    by folded text, and one aggregation returns both."""
    return f"{suggestion.casefold()}{SUGGEST_SEPARATOR}{suggestion}"


def suggestion_of(key: str) -> str:
    """The original suggestion text of a `suggest_key`."""
    return key.split(SUGGEST_SEPARATOR, 1)[-1]


# PostingDocument fields kept in `_source.matching` (stored for matching, never searched).
MATCHING_FIELDS = (
    "employer_id",
    "skills_required",
    "skills_preferred",
    "certificates_required",
    "min_experience_years",
    "days_per_week",
    "openings_left",
    "employer_city_funded",
    "employer_staff_count",
    "employer_partner",
    "employer_city_contracted",
    "employer_authorised_headcount",
)


def posting_source(document: PostingDocument) -> dict[str, Any]:
    """The `_source` of a posting: the indexed fields plus the original text in `display`."""
    return {
        "id": document.id,
        "version": document.version,
        "title_terms": " ".join(document.title_terms),
        "body_terms": " ".join(document.body_terms),
        "career_field": document.career_field,
        "occupation": document.occupation,
        "employment_type": document.employment_type,
        "shifts": list(document.shifts),
        "cohorts_welcome": list(document.cohorts_welcome),
        "area_code": document.area_code,
        "location": {"lat": document.location.lat, "lon": document.location.lon},
        "hourly_wage": document.hourly_wage,
        "deadline": document.deadline.isoformat(),
        "published_at": document.published_at.isoformat(),
        "minor_suitable": document.minor_suitable,
        "days_per_week": document.days_per_week,
        "certificate_codes": list(dict.fromkeys(document.certificate_codes)),
        "certificate_count": len(set(document.certificate_codes)),
        "suggest": [suggest_key(text) for text in dict.fromkeys(document.suggest) if text],
        "title_vocab": list(dict.fromkeys(document.title_terms)),
        "display": {
            "title": document.title,
            "description": document.description,
            "employer_name": document.employer_name,
            "area_name": document.area_name,
        },
        "matching": {
            name: list(value) if isinstance(value, tuple) else value
            for name in MATCHING_FIELDS
            for value in [getattr(document, name)]
        },
    }


# What a retrieval hit carries (`PostingQuery.retrieval`: matching's candidates), as `_source`
# includes: every field matching's filters and scoring read (`backend.matching.facts.
# posting_side`, the hit's `openings_left` and `version`), without the display text (the
# description is most of a document's bytes), the typeahead keys and the title's vocabulary.
# The hit's document then has "" for its title, description, employer and area names, and no
# suggestions: nothing in matching shows them (the stored recommendation names the posting
# row). tests/contract/test_batched_retrieval.py checks that scoring sees the same posting.
RETRIEVAL_SOURCE: tuple[str, ...] = (
    "id",
    "version",
    "title_terms",
    "body_terms",
    "career_field",
    "occupation",
    "employment_type",
    "shifts",
    "cohorts_welcome",
    "area_code",
    "location",
    "hourly_wage",
    "deadline",
    "published_at",
    "minor_suitable",
    "certificate_codes",
    "matching",
)


def posting_from_source(source: dict[str, Any]) -> PostingDocument:
    """Rebuild the `PostingDocument` that `posting_source` indexed (exact round trip); from a
    retrieval's `RETRIEVAL_SOURCE`, the same document without its display text (empty)."""
    display = source.get("display") or dict.fromkeys(
        ("title", "description", "employer_name", "area_name"), ""
    )
    title_terms = source["title_terms"]
    body_terms = source["body_terms"]
    return PostingDocument(
        id=int(source["id"]),
        version=int(source["version"]),
        title=display["title"],
        description=display["description"],
        employer_name=display["employer_name"],
        title_terms=tuple(title_terms.split()) if title_terms else (),
        body_terms=tuple(body_terms.split()) if body_terms else (),
        career_field=source["career_field"],
        occupation=source["occupation"],
        employment_type=source["employment_type"],
        shifts=tuple(source.get("shifts") or ()),
        cohorts_welcome=tuple(source.get("cohorts_welcome") or ()),
        area_code=source["area_code"],
        area_name=display["area_name"],
        location=DocumentGeoPoint(
            lat=float(source["location"]["lat"]), lon=float(source["location"]["lon"])
        ),
        hourly_wage=int(source["hourly_wage"]),
        deadline=datetime.date.fromisoformat(source["deadline"]),
        published_at=datetime.datetime.fromisoformat(source["published_at"]),
        suggest=tuple(suggestion_of(key) for key in source.get("suggest") or ()),
        minor_suitable=bool(source.get("minor_suitable", False)),
        certificate_codes=tuple(source.get("certificate_codes") or ()),
        **_matching_facts(source.get("matching") or {}),
    )


def _matching_facts(stored: dict[str, Any]) -> dict[str, Any]:
    """The `matching` facts of a `_source` as `PostingDocument` keywords (lists as tuples);
    documents indexed before the facts existed get the dataclass defaults."""
    return {
        name: tuple(value) if isinstance(value, list) else value
        for name, value in stored.items()
        if name in MATCHING_FIELDS
    }


def profile_source(document: ProfileDocument) -> dict[str, Any]:
    """The `_source` of a seeker profile (no personal data: `ProfileDocument` carries none)."""
    return {
        "id": document.id,
        "version": document.version,
        "cohort": document.cohort,
        "terms": " ".join(document.terms),
        "career_fields": list(document.career_fields),
        "skills": list(document.skills),
        "certificates": list(document.certificates),
        "employment_types": list(document.employment_types),
        "shifts": list(document.shifts),
        "area_code": document.area_code,
        "location": {"lat": document.location.lat, "lon": document.location.lon},
        "max_commute_km": document.max_commute_km,
        "min_hourly_wage": document.min_hourly_wage,
        "open_to_employers": document.open_to_employers,
    }


# facet name in `PostingQuery.facets` → keyword field aggregated
FACET_SOURCES = {
    "career_field": "career_field",
    "employment_type": "employment_type",
    "area": "area_code",
}
FACET_SIZE = 50
NEAR_DECAY_SCALE = "5km"
FRESHNESS_DECAY_SCALE = "30d"
DECAY_FLOOR = 0.1  # a far or old posting keeps a tenth of its text score, never 0
# Characters with a meaning in Lucene regular expressions (escaped in the suggest `include`).
LUCENE_REGEXP_RESERVED = frozenset('.?+*|{}[]()"\\#@&<>~^$')


def _origin(point: DocumentGeoPoint) -> dict[str, float]:
    return {"lat": point.lat, "lon": point.lon}


def _freshness_origin(query: PostingQuery) -> str:
    """Where the freshness decay is centred: now for a person's search; for a retrieval (a
    recommendation, a match run), the end of the day it is for (`open_on`, in Seoul), so that
    two retrievals of that day rank alike (with "now", near-tied hits moved between a night's
    chunks and a rerun minutes later, and a rerun's `inputs_digest` with them)."""
    if not query.retrieval or query.open_on is None:
        return "now"
    return f"{query.open_on.isoformat()}T23:59:59+09:00"


def _near_scale(query: PostingQuery) -> str:
    """The distance at which the location decay halves a score. People searching want what is
    near (5 km); matching's retrieval already bounds the distance by the seeker's commute limit
    and scores distance itself, so there the decay halves at the limit and only orders within it.
    Measured with `evaluate_matching` (seed 1, 600 × 3,000): a fixed 5 km pushed good postings
    10-15 km away out of the ~200 retrieved (planted far-good postings in the top 30: 0.45 →
    0.58; recall@30 0.908 → 0.921; NDCG@10 0.829 → 0.828)."""
    if query.retrieval and query.radius_km is not None:
        return f"{max(5.0, query.radius_km):g}km"
    return NEAR_DECAY_SCALE


def _decayed(query: Query, decay: dict[str, Any]) -> Query:
    """`query`'s score × (DECAY_FLOOR + decay), the decays of nested calls multiplying.

    Not one `function_score` multiplying bare `gauss` functions: a gauss decay is
    0.5^((distance/scale)^2), which underflows the float32 score to 0 for a posting ~1 year old
    (0.5^148) or ~65 km away, and every such posting would tie at 0 regardless of its text.
    The floor (a constant `weight` function summed with the decay) keeps text relevance."""
    return Q(
        "function_score",
        query=query,
        functions=[decay, {"weight": DECAY_FLOOR}],
        score_mode="sum",
        boost_mode="multiply",
    )


def _missing(field: str) -> Query:
    return Q("bool", must_not=[Q("exists", field=field)])


def _or(*queries: Query) -> Query:
    return Q("bool", should=list(queries), minimum_should_match=1)


def _retrieval_filters(query: PostingQuery) -> list[Query]:
    """Matching's hard filters (`PostingQuery.max_days_per_week`, `certificates_held`,
    `open_on`). A document indexed before their fields existed passes them (scoring decides)."""
    filters: list[Query] = []
    if query.max_days_per_week is not None:
        days = Q("range", days_per_week={"lte": query.max_days_per_week})
        filters.append(_or(days, _missing("days_per_week")))
    if query.certificates_held is not None:
        # `terms_set` never matches a document none of whose codes is given (nor one with no
        # codes), so "requires none" is OR-ed in; no script is needed.
        options = [Q("term", certificate_count=0), _missing("certificate_count")]
        if query.certificates_held:
            held = Q(
                "terms_set",
                certificate_codes={
                    "terms": sorted(set(query.certificates_held)),
                    "minimum_should_match_field": "certificate_count",
                },
            )
            options.insert(0, held)
        filters.append(_or(*options))
    if query.open_on is not None:
        filters.append(Q("range", deadline={"gte": query.open_on.isoformat()}))
    return filters


# Fields added to the postings mapping after indices were first created: `ensure_indices`
# adds them to an existing index (a mapping only grows), so documents indexed from then on
# carry them without a rebuild; a rebuild fills them for every posting.
ADDED_POSTING_FIELDS = ("days_per_week", "certificate_codes", "certificate_count")


def added_posting_properties() -> dict[str, Any]:
    """The mapping of `ADDED_POSTING_FIELDS`, for `put_mapping`."""
    properties = PostingMapping._doc_type.mapping.to_dict()["properties"]
    return {name: properties[name] for name in ADDED_POSTING_FIELDS}


def posting_search(query: PostingQuery, index: str) -> Search:
    """The search for `query` against `index`, as a dsl `Search` (pure: test it as data).

    User text only ever arrives as analysed terms in `match` queries (never query-string
    syntax). Filters do not score; with terms, a document must match at least one of them.
    """
    filters: list[Query] = []
    if query.career_fields:
        filters.append(Q("terms", career_field=list(query.career_fields)))
    if query.employment_types:
        filters.append(Q("terms", employment_type=list(query.employment_types)))
    if query.shifts:
        overlap = Q("terms", shifts=list(query.shifts))
        if query.retrieval:  # a posting that names no shift fits any (scoring's filter)
            overlap = _or(overlap, _missing("shifts"))
        filters.append(overlap)
    if query.areas:
        filters.append(Q("terms", area_code=list(query.areas)))
    filters.extend(_retrieval_filters(query))
    if query.cohort is not None:
        # No `cohorts_welcome` at all means the posting welcomes every cohort.
        welcome = Q("term", cohorts_welcome=query.cohort)
        welcome_all = Q("bool", must_not=[Q("exists", field="cohorts_welcome")])
        filters.append(Q("bool", should=[welcome, welcome_all], minimum_should_match=1))
    if query.min_wage is not None:
        filters.append(Q("range", hourly_wage={"gte": query.min_wage}))
    if query.minors_only:
        # Documents without the field (indexed before it existed) never reach a minor.
        filters.append(Q("term", minor_suitable=True))
    if query.near is not None and query.radius_km is not None:
        filters.append(
            Q("geo_distance", distance=f"{query.radius_km}km", location=_origin(query.near))
        )

    if query.terms:
        text = " ".join(query.terms)
        matches = [
            Q("match", title_terms={"query": text, "operator": "or", "boost": 3}),
            Q("match", body_terms={"query": text, "operator": "or"}),
        ]
        # In a retrieval the terms only rank: matching's filters decide what may be a hit.
        needed = 0 if query.retrieval else 1
        main = Q("bool", should=matches, minimum_should_match=needed, filter=filters)
    else:
        main = Q("bool", must=[Q("match_all")], filter=filters)

    if query.sort == "relevance":
        origin = _freshness_origin(query)
        freshness = {"origin": origin, "scale": FRESHNESS_DECAY_SCALE, "decay": 0.5}
        main = _decayed(main, {"gauss": {"published_at": freshness}})
        if query.near is not None:
            nearness = {"origin": _origin(query.near), "scale": _near_scale(query), "decay": 0.5}
            main = _decayed(main, {"gauss": {"location": nearness}})

    # `id` breaks ties, so pages never overlap (sorting on `_id` is disabled by default in ES 9).
    sort_keys: list[Any]
    if query.sort == "distance" and query.near is not None:
        geo_sort = {"location": _origin(query.near), "order": "asc", "unit": "km"}
        sort_keys = [{"_geo_distance": {**geo_sort, "distance_type": "arc"}}, {"id": "asc"}]
    elif query.sort == "newest":
        sort_keys = [{"published_at": "desc"}, {"id": "desc"}]
    elif query.sort == "deadline":
        sort_keys = [{"deadline": "asc"}, {"id": "asc"}]
    else:
        sort_keys = [{"_score": "desc"}, {"published_at": "desc"}, {"id": "desc"}]
    search = Search(index=index).query(main).sort(*sort_keys)
    if query.retrieval:
        search = search.source(includes=list(RETRIEVAL_SOURCE))

    for facet in query.facets:
        field = FACET_SOURCES.get(facet)
        if field is not None:
            search.aggs.bucket(facet, A("terms", field=field, size=FACET_SIZE))
    start = query.offset
    return search.extra(from_=start, size=query.page_size, track_total_hits=True, track_scores=True)


def suggest_request(prefix: str, limit: int) -> dict[str, Any]:
    """Search arguments for typeahead: postings with a suggestion starting with the folded
    `prefix`, and a `terms` aggregation over just those suggestions, most postings first.

    The `include` regexp keeps only the matching keys (a matched posting also carries its other
    suggestions); extra candidates are fetched so ties re-sorted by original text stay exact."""
    folded = prefix.casefold()
    include = "".join(f"\\{char}" if char in LUCENE_REGEXP_RESERVED else char for char in folded)
    aggregation = {
        "terms": {
            "field": "suggest",
            "include": f"{include}.*",
            "size": limit * 3,
            "order": [{"_count": "desc"}, {"_key": "asc"}],
        }
    }
    return {
        "query": {"prefix": {"suggest": folded}},
        "aggregations": {"typeahead": aggregation},
        "size": 0,
    }


VOCABULARY_SIZE = 50_000  # title terms read for corrections; a city's postings have far fewer


def vocabulary_request() -> dict[str, Any]:
    """Search arguments for the title vocabulary: every `title_vocab` term with its count."""
    aggregation = {"terms": {"field": "title_vocab", "size": VOCABULARY_SIZE}}
    return {"query": {"match_all": {}}, "aggregations": {"vocabulary": aggregation}, "size": 0}


def known_terms_request(terms: list[str]) -> dict[str, Any]:
    """Search arguments that count, per term, the postings with it in their title or body."""
    filters = {
        str(index): {"multi_match": {"query": term, "fields": ["title_terms", "body_terms"]}}
        for index, term in enumerate(terms)
    }
    return {"aggregations": {"known": {"filters": {"filters": filters}}}, "size": 0}


def profile_search(query: ProfileQuery) -> Search:
    """The search for `query` against the profiles index (pure: test it as data). Terms are
    analysed terms in an optional `match` (OR-ed, BM25); filters do not score; ties go to lower
    id."""
    filters: list[Query] = [
        Q("geo_distance", distance=f"{query.radius_km}km", location=_origin(query.near))
    ]
    if query.open_only:
        filters.append(Q("term", open_to_employers=True))
    if query.cohorts:
        filters.append(Q("terms", cohort=list(query.cohorts)))
    if query.employment_type is not None:
        # No employment types on the profile means the seeker accepts every type.
        accepts = Q("term", employment_types=query.employment_type)
        accepts_all = Q("bool", must_not=[Q("exists", field="employment_types")])
        filters.append(Q("bool", should=[accepts, accepts_all], minimum_should_match=1))
    # Terms only rank (`should` beside filters is optional): a profile sharing no word with
    # the posting can still be a good candidate by its skills, certificates or schedule.
    should: list[Query] = []
    if query.terms:
        should.append(Q("match", terms={"query": " ".join(query.terms)}))
    search = Search().query(Q("bool", should=should, filter=filters))
    return search.sort("_score", {"id": {"order": "asc"}}).extra(
        size=query.limit, track_total_hits=False
    )
