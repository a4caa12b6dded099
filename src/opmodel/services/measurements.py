"""Where KPI measurements are kept, as the use cases see it: a store they read and add to.

The command line keeps them in a Parquet file beside the model
(:class:`opmodel.interop.measurements.ParquetMeasurementStore`); the server will keep them in
its database. The use cases know only this protocol, never a file.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import polars as pl


class MeasurementStore(Protocol):
    """A model's KPI measurements: rows of kpi, scope, at (UTC), value, numerator and
    denominator, one per KPI, scope and time.

    A store that cannot be read or written raises
    :class:`opmodel.interop.tables.TableError`, which says why as a message.
    """

    def read(self, kpis: Collection[str] | None = None) -> pl.DataFrame:
        """The measurements as the engines take them; only those naming ``kpis`` when given
        (an empty frame with the same columns when there are none)."""
        ...

    def add(self, rows: pl.DataFrame) -> None:
        """Store ``rows`` (the same columns), each replacing a stored row of the same KPI,
        scope and time: all of them, or none when storing fails."""
        ...

    def count(self) -> int:
        """How many measurements are stored."""
        ...
