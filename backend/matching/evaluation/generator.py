"""A deterministic evaluation world from a seed: latent seekers, employers and postings.

`generate_world(seed=…, seekers=…, postings=…, today=…)` draws the latent variables (see
`truth` for what they mean and how pairs are graded) and renders them as the rows the platform
would hold (`rendering`). Each kind of variable has its own random stream, so the seekers of
seed 1 are the same whatever the number of postings. Pure: no ORM, no I/O beyond the
reference CSVs.

Hard cases (`HARD_CASES`) are planted on purpose, on top of what arises by chance:

- `certificate_gap`: a seeker with every skill of a certificate-gated target job but not the
  certificate — the job must not be recommended however well it fits;
- `part_time_returner`: a career-break woman (경력단절여성) who can only work part-time, a few
  mornings a week — full-time jobs in her field are out;
- `expert_senior`: a retired expert (신중년 전문인력) who wants expert work (advice, teaching,
  mentoring); ordinary jobs of their old occupation are worth much less to them;
- `far_commuter`: a seeker who travels far (20 km or more, or by car); a posting of their target
  occupation is planted far away but within their limit (`far_good`);
- `near_bad`: a posting planted within a kilometre of a seeker's home, compatible with their
  schedule, in a field they do not want.
A few postings are `stale`: still open, but their deadline passed (expiry has not run yet).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, replace

from backend.matching.evaluation.catalogue import Reference, reference_from_files
from backend.matching.evaluation.postings import PostingDrawer, draw_employers
from backend.matching.evaluation.rendering import (
    EmployerRecord,
    PostingRecord,
    SeekerRecord,
    render_posting,
    render_seeker,
)
from backend.matching.evaluation.seekers import SeekerDrawer
from backend.matching.evaluation.world_model import LatentPosting, LatentSeeker

HARD_CASES = ("certificate_gap", "part_time_returner", "expert_senior", "far_commuter", "near_bad")
NEAR_BAD_SHARE = 0.10  # of seekers, who get a posting planted next door in a field they avoid
PLANTED_MAX_SHARE = 0.2  # planted postings are at most this share of all postings


@dataclass(frozen=True)
class World:
    """Latent truth and observable rendering, index-aligned (`seekers[i]` ↔ `seeker_records[i]`,
    keys equal positions)."""

    seed: int
    today: datetime.date
    reference: Reference
    seekers: tuple[LatentSeeker, ...]
    postings: tuple[LatentPosting, ...]
    employers: tuple[EmployerRecord, ...]
    seeker_records: tuple[SeekerRecord, ...]
    posting_records: tuple[PostingRecord, ...]


def stream(seed: int, name: str) -> random.Random:
    """The random stream `name` of world `seed` (string seeds hash the same in every process)."""
    return random.Random(f"{seed}:{name}")  # noqa: S311 - synthetic data, not security


def generate_world(
    *,
    seed: int,
    seekers: int,
    postings: int,
    today: datetime.date,
    reference: Reference | None = None,
) -> World:
    """The world of `seed`: `seekers` seekers, `postings` postings (planted ones included) and
    about one employer per six postings. Raises ValueError for sizes below 1."""
    if seekers < 1 or postings < 1:
        raise ValueError("the world needs at least one seeker and one posting")
    reference = reference or reference_from_files()
    seeker_drawer = SeekerDrawer(stream(seed, "seekers"), reference, today)
    latent_seekers = [replace(seeker_drawer.draw(key), world_seed=seed) for key in range(seekers)]

    employer_rng = stream(seed, "employers")
    employers = draw_employers(employer_rng, reference, max(3, postings // 6))
    drawer = PostingDrawer(stream(seed, "postings"), reference, employers, today)
    plant_rng = stream(seed, "planted")
    budget = int(postings * PLANTED_MAX_SHARE)
    planted: list[tuple[str, LatentSeeker]] = []
    for seeker in latent_seekers:
        if "far_commuter" in seeker.cases and seeker.targets:
            planted.append(("far_good", seeker))
        if plant_rng.random() < NEAR_BAD_SHARE:
            planted.append(("near_bad", seeker))
    planted = planted[:budget]
    latent_postings = [drawer.draw(key) for key in range(postings - len(planted))]
    for case, seeker in planted:
        key = len(latent_postings)
        made = drawer.far_good(key, seeker) if case == "far_good" else drawer.near_bad(key, seeker)
        latent_postings.append(made)
    if any(case == "near_bad" for case, _ in planted):
        marked = {seeker.key for case, seeker in planted if case == "near_bad"}
        latent_seekers = [
            replace(s, cases=s.cases | {"near_bad"}) if s.key in marked else s
            for s in latent_seekers
        ]

    render_rng = stream(seed, "rendering")
    return World(
        seed=seed,
        today=today,
        reference=reference,
        seekers=tuple(latent_seekers),
        postings=tuple(latent_postings),
        employers=tuple(employers),
        seeker_records=tuple(
            render_seeker(render_rng, s, reference, today) for s in latent_seekers
        ),
        posting_records=tuple(
            render_posting(render_rng, p, reference, employers[p.employer]) for p in latent_postings
        ),
    )
