"""Matching quality measured on synthetic data with planted ground truth (매칭 품질 평가).

`generator` builds a deterministic world from a seed: latent seekers and postings (what people
really want and can do, what a job really demands), the true relevance grade of every pair
(`truth`), and the noisy observable rows the platform would hold. `runner` writes those rows in
a transaction that is always rolled back, indexes them under a throwaway search prefix of the
configured backend, runs the real pipeline (`recommend`, `assignment_problem`,
`solve_assignment`) and scores it with `metrics`. The ranking code never sees the truth: the
grades live only in the generator's memory. `manage.py evaluate_matching` is the entry point.
"""
