"""Fixtures for the employers API tests: the same per-role clients as tests/jobs."""

from tests.jobs.conftest import client_for, fast_password_hashing

__all__ = ["client_for", "fast_password_hashing"]
