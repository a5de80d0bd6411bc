"""The R9 world of test_information_classes (a BFU youth with classified records, BFU and SAEH
caseworkers), shared with the other tests of this folder."""

from tests.api.disclosure.test_information_classes import bfu, saeh, seeded, youth

__all__ = ["bfu", "saeh", "seeded", "youth"]
