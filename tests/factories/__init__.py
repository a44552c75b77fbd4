"""Factories and named personas for tests (factory-boy)."""
