"""The bad-input corpus fixture; the harness itself is in harness.py (import from there, not from conftest)."""

from harness import sandbox  # noqa: F401
