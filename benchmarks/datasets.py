"""Where the benchmarks find the shared public data sets: OPMODEL_SHARED_DATA, else
``../shared/data`` beside the repository (each script also takes ``--shared-data DIR``)."""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def shared_data(given: str | os.PathLike[str] | None = None) -> Path:
    """The folder of the shared data sets (it may not exist: callers say so and stop)."""
    if given:
        return Path(given)
    configured = os.environ.get("OPMODEL_SHARED_DATA")
    return Path(configured) if configured else REPOSITORY.parent / "shared" / "data"


def missing(path: Path, what: str) -> str:
    """The line a benchmark prints when a data set is not there."""
    return (f"{what} not found at {path}: set OPMODEL_SHARED_DATA or pass --shared-data DIR "
            "(see ../shared/data/README.md)")
