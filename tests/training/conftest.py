"""Fixtures of the training tests: the two municipalities the training runs on (see training_helpers.py) and the
training's own modules, imported from notebooks/training/ (they are not in the package)."""

import pytest
from training_helpers import training_module, use_municipality


@pytest.fixture(scope="session")
def selfcheck():
    return training_module("selfcheck")


@pytest.fixture(scope="session")
def oplossingen():
    return training_module("oplossingen")


@pytest.fixture(params=["live", "waterveen"])
def municipality(request, monkeypatch, selfcheck):
    """Run the test on both municipalities, with a fresh question bank (nothing resolved for the other one)."""
    use_municipality(monkeypatch, request.param)
    selfcheck.load()
    yield request.param
    selfcheck.load()


@pytest.fixture
def live(monkeypatch, selfcheck):
    use_municipality(monkeypatch, "live")
    selfcheck.load()
    yield "live"
    selfcheck.load()


@pytest.fixture
def waterveen(monkeypatch, selfcheck):
    use_municipality(monkeypatch, "waterveen")
    selfcheck.load()
    yield "waterveen"
    selfcheck.load()
