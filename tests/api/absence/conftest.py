"""The placed youth's fixtures serve the absence path's tests too."""

from tests.api.placements.test_placements import seeded  # noqa: F401
