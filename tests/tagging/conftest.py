"""Shared data for the tagging tests: the catalogue and labelled comments copied into
consult/data/tagging (synthetic texts written for testing)."""

from pathlib import Path

import pytest

from consult.tagging.batch import read_labelled
from consult.tagging.suggest import Tagger, load_issues_csv

DATA = Path(__file__).resolve().parents[2] / "consult" / "data" / "tagging"


@pytest.fixture(scope="session")
def issues_path():
    return DATA / "strategic_issues.csv"


@pytest.fixture(scope="session")
def dev_path():
    return DATA / "inputs_dev.csv"


@pytest.fixture(scope="session")
def issues(issues_path):
    return load_issues_csv(issues_path)


@pytest.fixture(scope="session")
def dev_rows(dev_path):
    """(id, text, codes with the main one first) for the 240 labelled dev comments."""
    return read_labelled(dev_path)


@pytest.fixture(scope="session")
def catalogue_tagger(issues):
    return Tagger(issues)


@pytest.fixture(scope="session")
def trained_tagger(issues, dev_rows):
    return Tagger(issues).fit([text for _, text, _ in dev_rows], [set(codes) for _, _, codes in dev_rows])
