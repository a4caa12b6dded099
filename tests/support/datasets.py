"""The shared public data sets for the tests that read them whole: found through
OPMODEL_SHARED_DATA, else ``../shared/data`` beside the repository; a test whose data is
absent is skipped and says where it looked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def shared_data() -> Path:
    """The folder of the shared data sets."""
    configured = os.environ.get("OPMODEL_SHARED_DATA")
    return Path(configured) if configured else REPOSITORY.parent / "shared" / "data"


def shared_file(relative: str) -> Path:
    """A file of the shared data; the calling test is skipped, saying why, when it is absent."""
    path = shared_data() / relative
    if not path.exists():
        pytest.skip(f"{path} is not on this machine (set OPMODEL_SHARED_DATA to the data sets)")
    return path
