"""pytest setup for the responder's own tests: fail at once outside the
sandbox; one responder with every persona, moved to 198.18.6.x so it can
run beside the integration tests (which use 198.18.7.x) in one namespace."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lab  # noqa: E402

SUBNET = "198.18.6."


_sandbox_required = lab.sandbox_fixture()


@pytest.fixture(scope="session")
def personas():
    return lab.by_name(lab.load_personas(SUBNET))


@pytest.fixture(scope="session")
def responder(personas):
    with lab.Responder(list(personas.values())) as r:
        yield r
