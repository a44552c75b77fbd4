"""Benchmarks (`make bench`); see bench/README.md. A package so that workers can import
`bench.jobs` through `JOB_MODULES`."""
