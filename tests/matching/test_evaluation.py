"""The matching evaluation: metrics on hand-computed cases, the planted truth, the generator's
determinism and hard cases, and a small end-to-end run of `evaluate_matching` on each backend."""

from __future__ import annotations

import ast
import datetime
import io
import json
import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from backend.jobs.models import Posting
from backend.matching.assignment import AssignmentProblem, Edge, Quota, solve_assignment
from backend.matching.evaluation import world_model
from backend.matching.evaluation.bound import independent_bound
from backend.matching.evaluation.catalogue import reference_from_files
from backend.matching.evaluation.generator import HARD_CASES, World, generate_world
from backend.matching.evaluation.metrics import dcg, mean, ndcg_at_k, parity, recall_at_k
from backend.matching.evaluation.rendering import with_ro
from backend.matching.evaluation.report import aggregate
from backend.matching.evaluation.world_model import (
    LatentPosting,
    LatentSeeker,
    Point,
    distance_km,
    grade,
    hard_failures,
    seeker_grades,
)
from backend.seekers.models import SeekerProfile
from backend.taxonomy.normalize import normalize_term

TODAY = datetime.date(2026, 3, 2)
HOME = Point(37.38, 126.80)


# --- metrics ----------------------------------------------------------------------------------
@pytest.mark.embedded
def test_dcg_and_ndcg_by_hand() -> None:
    # DCG of [3, 2, 0] = 7/log2(2) + 3/log2(3) + 0; the ideal of {3, 2, 1} adds 1/log2(4).
    assert dcg([3, 2, 0], 10) == pytest.approx(7 + 3 / math.log2(3))
    expected = (7 + 3 / math.log2(3)) / (7 + 3 / math.log2(3) + 0.5)
    assert ndcg_at_k([3, 2, 0], [3, 2, 1], k=10) == pytest.approx(expected)
    assert ndcg_at_k([2, 3], [3, 2], k=10) == pytest.approx(
        (3 + 7 / math.log2(3)) / (7 + 3 / math.log2(3))
    )
    assert ndcg_at_k([3, 2, 1], [1, 2, 3, 0, 0], k=10) == pytest.approx(1.0)


@pytest.mark.embedded
def test_ndcg_cuts_at_k_and_is_undefined_without_relevant_items() -> None:
    # Only the first k count, on both sides: a perfect top 2 is 1 whatever follows.
    assert ndcg_at_k([3, 3, 0], [3, 3, 3], k=2) == pytest.approx(1.0)
    assert ndcg_at_k([0, 0], [0, 0], k=10) is None
    assert ndcg_at_k([], [2], k=10) == 0.0


@pytest.mark.embedded
def test_recall_caps_the_denominator_at_k() -> None:
    assert recall_at_k([5, 1, 2], {1, 2, 3}, k=30) == pytest.approx(2 / 3)
    assert recall_at_k(list(range(30)), set(range(40)), k=30) == 1.0  # all 30 shown are ideal
    assert recall_at_k(list(range(40)), {35}, k=30) == 0.0  # ranked 36th: not in the top 30
    assert recall_at_k([1], set(), k=30) is None


@pytest.mark.embedded
def test_mean_and_parity_skip_undefined_values() -> None:
    assert mean([1.0, None, 0.5]) == pytest.approx(0.75)
    assert mean([None]) is None
    assert parity({"graduate": 0.8, "returner": 0.4, "senior": None}) == pytest.approx(0.5)
    assert parity({"graduate": None}) is None
    assert parity({"graduate": 0.0, "senior": 0.0}) == 0.0


# --- the world model (the planted truth) -------------------------------------------------------
def seeker(**fields: Any) -> LatentSeeker:
    values: dict[str, Any] = {
        "key": 0,
        "cohort": "graduate",
        "area": "4139063000",
        "home": HOME,
        "primary_field": "engineering",
        "secondary_field": None,
        "targets": frozenset({"forklift_operator"}),
        "skills": frozenset({"지게차 운전", "상하차", "재고 관리"}),
        "certificates": frozenset({"forklift"}),
        "experience": (),
        "employment_types": frozenset({"full_time"}),
        "max_days_per_week": 5,
        "shifts": frozenset({"morning", "afternoon"}),
        "max_commute_km": 10.0,
        "wage_need": 11000,
        "wants_expert": False,
        "cases": frozenset(),
        "proficiency": (("material_handling", 0.9), ("welding", 0.05)),
        "tastes": (("forklift_operator", 1.0), ("welder", 0.5), ("barista", 0.04)),
    }
    values.update(fields)
    return LatentSeeker(**values)


def posting(**fields: Any) -> LatentPosting:
    values: dict[str, Any] = {
        "key": 0,
        "kind": "forklift_operator",
        "career_field": "engineering",
        "expert": False,
        "employer": 0,
        "area": "4139063000",
        "location": Point(37.385, 126.80),  # ~0.56 km north of HOME
        "skills_required": ("지게차 운전", "상하차"),
        "skills_preferred": ("재고 관리",),
        "certificates_required": frozenset({"forklift"}),
        "certificates_preferred": (),
        "min_experience_years": 0,
        "employment_type": "full_time",
        "days_per_week": 5,
        "shifts": frozenset({"morning", "afternoon"}),
        "hourly_wage": 12000,
        "cohorts_welcome": frozenset(),
        "deadline": TODAY + datetime.timedelta(days=20),
    }
    values.update(fields)
    return LatentPosting(**values)


@pytest.mark.embedded
def test_the_world_model_imports_nothing_of_the_scorer() -> None:
    # The truth and everything that draws the world are written apart from the scorer.
    forbidden = {
        "backend.matching.scoring",
        "backend.matching.reasons",
        "backend.matching.recommend",
    }
    folder = Path(world_model.__file__).parent
    for name in ("world_model", "generator", "seekers", "postings", "geometry", "rendering"):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)} | {
            a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
        }
        assert not {m for m in imported if m} & forbidden, name


@pytest.mark.embedded
def test_an_ideal_job_is_grade_3_and_each_hard_requirement_makes_it_0() -> None:
    assert grade(seeker(), posting(), TODAY) == 3
    broken = {
        "certificate": seeker(certificates=frozenset()),
        "employment_type": seeker(employment_types=frozenset({"part_time"})),
        "days": seeker(max_days_per_week=3),
        "shifts": seeker(shifts=frozenset({"night"})),
        "commute": seeker(max_commute_km=0.3),
        "cohort": seeker(cohort="returner"),
    }
    for constraint, someone in broken.items():
        job = posting(cohorts_welcome=frozenset({"graduate"}))
        assert hard_failures(someone, job, TODAY) == (constraint,), constraint
        assert grade(someone, job, TODAY) == 0, constraint
    stale = posting(deadline=TODAY - datetime.timedelta(days=1))
    assert hard_failures(seeker(), stale, TODAY) == ("deadline",)


@pytest.mark.embedded
def test_skills_count_through_hidden_clusters_not_strings() -> None:
    # A welder's job, described with skills the seeker never listed: what counts is the
    # hidden proficiency of the welding cluster.
    job = posting(kind="welder", skills_required=("TIG 용접",), skills_preferred=())
    proficient = seeker(skills=frozenset(), proficiency=(("welding", 0.95),))
    listed_only = seeker(skills=frozenset({"TIG 용접"}), proficiency=(("welding", 0.1),))
    assert world_model.skill_fit(proficient, job) > 0.95
    assert world_model.skill_fit(listed_only, job) < 0.1


@pytest.mark.embedded
def test_commute_and_pay_are_non_linear_and_cohort_specific() -> None:
    def at(km: float) -> LatentPosting:
        return posting(location=Point(37.38 + km / 111.2, 126.80))

    graduate, returner = seeker(), seeker(cohort="returner")
    # Both 1 at the door; the returner's tolerance falls much faster past 40% of the limit.
    assert world_model.commute(graduate, at(0.0)) == pytest.approx(1.0)
    assert world_model.commute(returner, at(0.0)) == pytest.approx(1.0)
    assert world_model.commute(returner, at(6.0)) < 0.5 < world_model.commute(graduate, at(6.0))
    near, middle = world_model.commute(graduate, at(1.0)), world_model.commute(graduate, at(6.0))
    far = world_model.commute(graduate, at(9.0))
    assert (near - middle) / 5 < (middle - far) / 3  # steeper further out: not linear
    # Pay: a logistic of the wage ratio, graduates the most sensitive.
    low = posting(hourly_wage=10450)  # 5% below the need
    assert world_model.pay(graduate, low) < world_model.pay(seeker(cohort="senior"), low)
    assert world_model.pay(graduate, posting(hourly_wage=13000)) > 0.95


@pytest.mark.embedded
def test_tastes_noise_and_the_oracle() -> None:
    someone = seeker()
    unrelated = posting(kind="barista", career_field="service", certificates_required=frozenset())
    assert grade(someone, unrelated, TODAY) == 0  # next door, but hardly wanted
    expert = seeker(
        cohort="senior",
        wants_expert=True,
        tastes=(("forklift_operator", 0.4 * 0.55), ("safety_manager", 1.0)),
    )
    assert grade(expert, posting(), TODAY) <= 1  # ordinary work for one seeking expert work
    # The noise is a fixed function of the world's seed and the pair.
    a, b = posting(key=1), posting(key=2)
    assert world_model.noise(someone, a) == world_model.noise(someone, a)
    assert world_model.noise(someone, a) != world_model.noise(someone, b)
    assert world_model.noise(someone, a) != world_model.noise(replace(someone, world_seed=9), a)
    # The oracle ranks feasible postings by expected utility; the infeasible are left out.
    jobs = (posting(key=0), posting(key=1, hourly_wage=10000), posting(key=2, days_per_week=6))
    assert world_model.oracle_ranking(someone, jobs, TODAY, 10) == [0, 1]


# --- the generator ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def world() -> World:
    return generate_world(seed=5, seekers=300, postings=1200, today=TODAY)


@pytest.mark.embedded
def test_the_world_is_deterministic_by_seed(world: World) -> None:
    again = generate_world(seed=5, seekers=300, postings=1200, today=TODAY)
    assert again.seekers == world.seekers
    assert again.postings == world.postings
    assert again.seeker_records == world.seeker_records
    assert again.posting_records == world.posting_records
    other = generate_world(seed=6, seekers=300, postings=1200, today=TODAY)
    assert other.seeker_records != world.seeker_records
    # Each kind of variable has its own stream: more postings leave the seekers unchanged.
    wider = generate_world(seed=5, seekers=300, postings=1500, today=TODAY)
    assert wider.seekers == world.seekers


@pytest.mark.embedded
def test_the_hard_cases_are_planted(world: World) -> None:
    for case in HARD_CASES:
        assert sum(case in s.cases for s in world.seekers) >= 10, case
    reference = reference_from_files()
    for person in world.seekers:
        if "certificate_gap" in person.cases:
            gated = [
                reference.kind(k) for k in person.targets if reference.kind(k).certificate_codes
            ]
            assert any(not set(k.certificate_codes) <= person.certificates for k in gated)
        if "part_time_returner" in person.cases:
            assert person.cohort == "returner"
            assert person.employment_types <= {"part_time", "flexible"}
    far = [p for p in world.postings if p.case == "far_good"]
    near = [p for p in world.postings if p.case == "near_bad"]
    assert far
    assert near
    assert any(p.case == "stale" for p in world.postings)
    for job in far:
        owner = world.seekers[job.planted_for or 0]
        assert not hard_failures(owner, job, TODAY)
        assert job.kind in owner.targets
        limit = owner.max_commute_km or 22.0
        assert distance_km(owner.home, job.location) >= 0.5 * limit
    for job in near:
        owner = world.seekers[job.planted_for or 0]
        assert not hard_failures(owner, job, TODAY)
        assert distance_km(owner.home, job.location) <= 1.0
        assert grade(owner, job, TODAY) == 0


@pytest.mark.embedded
def test_every_seeker_type_has_ideal_postings(world: World) -> None:
    ideal = {c: 0 for c in ("graduate", "returner", "senior")}
    for person in world.seekers:
        grades = seeker_grades(person, world.postings, TODAY)
        ideal[person.cohort] += sum(g >= 2 for g in grades.values())
    assert all(count > 100 for count in ideal.values()), ideal


@pytest.mark.embedded
def test_what_hard_filters_read_is_rendered_exactly(world: World) -> None:
    reference = reference_from_files()
    names = {normalize_term(c.name): c.code for c in reference.certificates.values()}
    for c in reference.certificates.values():
        for alias in c.aliases:
            names.setdefault(normalize_term(alias), c.code)
    for person, record in zip(world.seekers, world.seeker_records, strict=True):
        assert set(record.employment_types) == person.employment_types
        assert set(record.shifts) == person.shifts
        assert record.max_days_per_week == person.max_days_per_week
        assert record.max_commute_km == person.max_commute_km
        assert Point(record.location_lat, record.location_lon) == person.home
        # Listed certificates (any spelling) are ones really held: never one they lack.
        assert {names[normalize_term(n)] for n in record.certificates} <= person.certificates
    for job, row in zip(world.postings, world.posting_records, strict=True):
        assert {names[normalize_term(n)] for n in row.certificates_required} == (
            job.certificates_required
        )
        assert (row.employment_type, row.days_per_week, frozenset(row.shifts)) == (
            job.employment_type,
            job.days_per_week,
            job.shifts,
        )
        assert row.deadline == job.deadline
        assert set(row.cohorts_welcome) == job.cohorts_welcome


@pytest.mark.embedded
def test_profiles_give_the_birth_month_where_the_form_requires_it(world: World) -> None:
    from backend.taxonomy.young_workers import birth_month_required

    young = 0
    for record in world.seeker_records:
        required = birth_month_required(record.birth_year, TODAY)
        assert (record.birth_month is not None) == required
        if record.birth_month is not None:
            young += 1
            assert 1 <= record.birth_month <= 12
    assert young > 0  # expected graduates (졸업 예정자) are among the seekers


@pytest.mark.embedded
def test_korean_particle_ro() -> None:
    assert with_ro("육아") == "육아로"
    assert with_ro("가족 돌봄") == "가족 돌봄으로"
    assert with_ro("용접원") == "용접원으로"
    assert with_ro("미용실") == "미용실로"  # ㄹ takes 로


# --- the command, end to end -------------------------------------------------------------------
@pytest.fixture(params=[pytest.param("embedded", marks=pytest.mark.embedded), "elasticsearch"])
def search_backend(request: pytest.FixtureRequest) -> Iterator[str]:
    overrides: dict[str, Any] = {
        "SEARCH_BACKEND": request.param,
        "SEARCH_INDEX_PREFIX": f"t{uuid.uuid4().hex[:10]}",
    }
    if request.param == "elasticsearch":
        overrides["ELASTICSEARCH_URL"] = request.getfixturevalue("elasticsearch_url")
    with override_settings(**overrides):
        yield request.param


def _es_indices(prefix: str) -> list[str]:
    from django.conf import settings
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL)
    found = client.indices.get(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True)
    return list(found.body)


@pytest.mark.django_db
def test_evaluate_matching_end_to_end(search_backend: str) -> None:
    from django.conf import settings

    out, err = io.StringIO(), io.StringIO()
    call_command(
        "evaluate_matching",
        "--seed=3",
        "--seekers=60",
        "--postings=300",
        "--json",
        stdout=out,
        stderr=err,
    )
    report = json.loads(out.getvalue().strip().splitlines()[-1])
    assert report["backend"] == search_backend
    assert report["seeds"] == [3]
    # Checked against the world's own requirements, not the scorer's list.
    assert report["hard_filter_violations"] == 0
    assert report["assignment"]["hard_filter_violations"] == 0
    for key in ("ndcg_at_10", "recall_at_30", "cohort_parity", "baseline_ndcg_at_10"):
        assert 0.0 < report[key] <= 1.0, key
    assert set(report["cohort_ndcg"]) == {"graduate", "returner", "senior"}
    # The oracle knows the latent variables but not the pairs' noise: high, not perfect.
    assert 0.8 < report["oracle_ndcg_at_10"] < 1.0
    assert report["ndcg_share_of_oracle"] == pytest.approx(
        report["ndcg_at_10"] / report["oracle_ndcg_at_10"], abs=1e-3
    )
    assert report["margin"] == pytest.approx(
        report["ndcg_at_10"] - report["baseline_ndcg_at_10"], abs=1e-3
    )
    # The negative controls and the planted bad scorer fail the bar.
    controls = report["controls"]
    assert set(controls) == {"random", "shuffled_weights", "planted_bad_weights"}
    for name, control in controls.items():
        assert control["fails_bar"] is True, name
        assert control["ndcg_at_10"] < report["oracle_ndcg_at_10"] - 0.1, name
    assert controls["random"]["ndcg_at_10"] < report["ndcg_at_10"] - 0.2
    assignment = report["assignment"]
    assert {"objective", "optimum", "quotas_met", "quotas_feasible", "bound", "gap"} <= set(
        assignment
    )
    assert assignment["bound"] >= assignment["objective"] - 1e-6
    assert report["gap"] == assignment["gap"] <= 0.001
    assert assignment["quotas_met_where_jointly_feasible"] is True
    assert 0 < assignment["assigned"] <= 60
    assert set(report["bars"]) >= {"ndcg_at_10", "margin", "recall_at_30", "gap"}
    # Nothing is kept: rows rolled back, the throwaway index gone.
    assert not SeekerProfile.objects.exists()
    assert not Posting.objects.exists()
    if search_backend == "elasticsearch":
        assert _es_indices(f"{settings.SEARCH_INDEX_PREFIX}-eval") == []


@pytest.mark.embedded
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--seekers=0"], "--seekers"),
        (["--postings=0"], "--postings"),
        (["--seed=-1"], "--seed"),
        (["--seeds=5-3"], "--seeds"),
        (["--seeds=a"], "--seeds"),
    ],
)
def test_bad_arguments_are_command_errors(arguments: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_matching", *arguments, stdout=io.StringIO())


@pytest.mark.embedded
@pytest.mark.parametrize(
    "value",
    ["elastic", "embedded,embedded", ",", "embedded,solr"],
    ids=["unknown", "twice", "none", "one-unknown"],
)
def test_bad_backends_are_command_errors(value: str) -> None:
    with pytest.raises(CommandError, match="--backends"):
        call_command("evaluate_matching", f"--backends={value}", stdout=io.StringIO())


@pytest.mark.django_db
def test_one_world_on_both_backends_shares_the_oracle_and_the_baseline(
    elasticsearch_url: str,
) -> None:
    out = io.StringIO()
    with override_settings(
        ELASTICSEARCH_URL=elasticsearch_url, SEARCH_INDEX_PREFIX=f"t{uuid.uuid4().hex[:10]}"
    ):
        call_command(
            "evaluate_matching",
            "--seed=3",
            "--seekers=40",
            "--postings=200",
            "--backends=embedded,elasticsearch",
            "--json",
            stdout=out,
            stderr=io.StringIO(),
        )
    reports = [json.loads(line) for line in out.getvalue().strip().splitlines()]
    assert [r["backend"] for r in reports] == ["embedded", "elasticsearch"]
    embedded, elastic = reports
    # The world's figures do not depend on the backend: computed once, the same in both.
    assert embedded["oracle"] == elastic["oracle"]
    assert embedded["baseline"] == elastic["baseline"]
    for report in reports:
        assert report["seeds"] == [3]
        assert report["hard_filter_violations"] == 0
        assert 0.0 < report["ndcg_at_10"] <= 1.0
    assert not Posting.objects.exists()


# --- the independent assignment bound ------------------------------------------------------------
def _brute_objective(problem: AssignmentProblem) -> float:
    """The lexicographic optimum's objective by enumeration (most quotas met, least shortfall,
    most score), for the tests of the bound."""
    caps = dict(problem.capacities)
    needs = [
        math.ceil(q.target_share * sum(caps[p] for p in q.posting_ids) - 1e-9)
        for q in problem.quotas
    ]
    owner = {p: e for e, q in enumerate(problem.quotas) for p in q.posting_ids}
    seekers = sorted({e.seeker_id for e in problem.edges})
    best: list[tuple[int, int, float]] = []
    got = [0] * len(needs)
    chosen: list[Edge] = []

    def visit(i: int) -> None:
        if i == len(seekers):
            missing = sum(max(0, n - g) for n, g in zip(needs, got, strict=True))
            met = sum(n > 0 and g >= n for n, g in zip(needs, got, strict=True))
            best.append((-met, missing, -math.fsum(e.score for e in chosen)))
            return
        visit(i + 1)
        for edge in (e for e in problem.edges if e.seeker_id == seekers[i]):
            if caps[edge.posting_id] > 0:
                e = owner.get(edge.posting_id)
                counted = e is not None and edge.seeker_id in problem.quotas[e].eligible_seeker_ids
                caps[edge.posting_id] -= 1
                if counted and e is not None:
                    got[e] += 1
                chosen.append(edge)
                visit(i + 1)
                chosen.pop()
                if counted and e is not None:
                    got[e] -= 1
                caps[edge.posting_id] += 1

    visit(0)
    _, missing, score = min(best)
    return -score - problem.shortfall_penalty * missing


@pytest.mark.embedded
def test_the_independent_bound_holds_against_brute_force_and_catches_a_bad_solution() -> None:
    rng = random.Random(7)
    caught = tight = 0
    for _ in range(40):
        seekers = range(1, rng.randint(2, 6) + 1)
        capacities = {p: rng.randint(1, 2) for p in (10, 20, 30)}
        edges = tuple(
            Edge(s, p, round(rng.random(), 3))
            for s in seekers
            for p in capacities
            if rng.random() < 0.7
        )
        eligible = frozenset(s for s in seekers if rng.random() < 0.5)
        quotas = (Quota(7, (10, 20), 0.5, eligible), Quota(8, (30,), 1.0, eligible))
        problem = AssignmentProblem(edges=edges, capacities=capacities, quotas=quotas)
        result = solve_assignment(problem)
        check = independent_bound(problem, result)
        optimum = _brute_objective(problem)
        assert result.objective == pytest.approx(optimum, abs=1e-6)
        assert check.bound >= optimum - 1e-6
        assert check.levels_optimal
        # The LP relaxation is tight on most instances (not all: the quota rows and the "met"
        # binaries are not totally unimodular), and always valid.
        tight += check.gap <= 1e-6
        # A planted worse solution (its best-scoring pair dropped) is seen through.
        if result.pairs:
            worst = max(result.pairs, key=lambda e: e.score)
            if worst.score > 0.05:
                pairs = tuple(e for e in result.pairs if e != worst)
                bad = replace(
                    result,
                    pairs=pairs,
                    objective=result.objective - worst.score,
                    total_score=result.total_score - worst.score,
                )
                caught += independent_bound(problem, bad).gap > 0.001
    assert caught >= 20
    assert tight >= 30


@pytest.mark.embedded
def test_the_bound_sees_a_solution_that_meets_fewer_quotas_than_possible() -> None:
    # One graduate who scores more elsewhere; the quota of employer 7 can be met by them.
    problem = AssignmentProblem(
        edges=(Edge(1, 10, 0.2), Edge(1, 20, 0.9)),
        capacities={10: 1, 20: 1},
        quotas=(Quota(7, (10,), 0.2, frozenset({1})),),
    )
    result = solve_assignment(problem)
    assert result.pairs == (Edge(1, 10, 0.2),)
    assert independent_bound(problem, result).gap <= 1e-6
    greedy = replace(result, pairs=(Edge(1, 20, 0.9),), total_score=0.9, objective=0.9 - 0.5)
    check = independent_bound(problem, greedy)
    assert check.gap == math.inf
    assert not check.levels_optimal


def _many_quotas_problem(seed: int) -> AssignmentProblem:
    """400 seekers (60 graduates, shared by every quota), 120 postings, 20 covered employers
    of 3 postings each: more quotas than graduates can serve, so they compete."""
    rng = random.Random(seed)
    capacities = {p: rng.randint(1, 4) for p in range(120)}
    graduates = frozenset(rng.sample(range(400), 60))
    edges = tuple(
        Edge(s, p, round(rng.random(), 4)) for s in range(400) for p in rng.sample(range(120), 8)
    )
    quotas = tuple(
        Quota(e, (3 * e, 3 * e + 1, 3 * e + 2), rng.choice((0.3, 0.5, 0.8)), graduates)
        for e in range(20)
    )
    return AssignmentProblem(edges=edges, capacities=capacities, quotas=quotas)


@pytest.mark.embedded
def test_the_bound_is_tight_with_many_competing_quotas_and_sees_a_worse_assignment() -> None:
    problem = _many_quotas_problem(5)
    result = solve_assignment(problem)
    assert result.status == "optimal"
    check = independent_bound(problem, result)
    # More quotas than the old enumeration could take (12), competing for the graduates.
    assert sum(q.feasible for q in result.quotas) > 12
    assert not check.jointly_feasible
    assert check.levels_optimal
    assert check.most_quotas_met == sum(q.met for q in result.quotas)
    assert check.least_shortfall == result.shortfall
    assert 0.0 <= check.gap <= 0.001
    # A feasible assignment with the same levels and less score: its five best pairs that
    # count for no quota dropped. The bound must show it.
    counting = {
        (s, p) for q in problem.quotas for p in q.posting_ids for s in q.eligible_seeker_ids
    }
    free = sorted(
        (e for e in result.pairs if (e.seeker_id, e.posting_id) not in counting),
        key=lambda e: -e.score,
    )[:5]
    worse = tuple(e for e in result.pairs if e not in free)
    lost = math.fsum(e.score for e in free)
    bad = replace(result, pairs=worse, total_score=result.total_score - lost)
    seen = independent_bound(problem, bad)
    assert seen.levels_optimal
    assert seen.gap > 0.001
    # A result that claims the optimum's objective for those pairs is not believed: the
    # bound counts the pairs itself.
    assert independent_bound(problem, replace(bad, objective=result.objective)).gap > 0.001


@pytest.mark.embedded
def test_several_seeds_report_means_spreads_and_the_seeds() -> None:
    def fake(seed: int, ndcg: float, violations: int) -> dict[str, Any]:
        return {
            "seed": seed,
            "ndcg_at_10": ndcg,
            "hard_filter_violations": violations,
            "gap": 0.0,
            "controls": {"random": {"ndcg_at_10": 0.2, "fails_bar": True}},
            "bars": {
                "ndcg_at_10": {"value": ndcg, "bar": 0.75, "pass": ndcg >= 0.75},
                "hard_filter_violations": {"value": violations, "bar": 0, "pass": not violations},
            },
            "assignment": {"quotas_met": True},
        }

    summary = aggregate([fake(11, 0.8, 0), fake(12, 0.72, 0)])
    assert summary["seeds"] == [11, 12]
    assert summary["ndcg_at_10"] == pytest.approx(0.76)
    assert summary["spread"]["ndcg_at_10"] == {"min": 0.72, "max": 0.8, "sd": 0.04}
    assert summary["bars"]["ndcg_at_10"]["pass"] is True  # on the mean
    assert summary["bars"]["ndcg_at_10"]["every_seed"] is False
    assert len(summary["per_seed"]) == 2
    worse = aggregate([fake(11, 0.8, 0), fake(12, 0.8, 2)])
    assert worse["bars"]["hard_filter_violations"]["pass"] is False
