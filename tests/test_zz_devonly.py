import dataclasses
from pathlib import Path

import pytest

from remedy_atlas.settings import Settings

from .conftest import CORPUS
from .test_app import *  # noqa
from .test_browser import *  # noqa


@pytest.fixture(scope="session")
def corpus_settings():
    return dataclasses.replace(Settings.from_env(), data_dir=Path("/tmp/ra-full"), corpus_dir=CORPUS)
