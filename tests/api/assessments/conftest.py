"""The placed youth's fixtures serve the assessments' tests too."""

from tests.api.placements.test_placements import caseworker, seeded  # noqa: F401
