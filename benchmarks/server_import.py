"""Measurement uploads on the server: how long a CSV of n rows takes to import in a request
(read, checked against the model's KPIs, stored in the database, all or nothing), against
the command line's import of the same file into Parquet, side by side; this sets the size
above which an upload runs as a background job (``JOB_THRESHOLD``).

Uses the regional bank's target model in a workspace of a new SQLite database under a
temporary folder (``--database-url`` for another).

Run: .venv/bin/python benchmarks/server_import.py [--rows 5000 12000 50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

from server_revisions import start_django

EXAMPLE = Path(__file__).parents[1] / "examples" / "regional-bank" / "target.yaml"


def table(rows: int) -> bytes:
    """A CSV of ``rows`` values of one KPI, a minute apart."""
    start = dt.datetime(2020, 1, 1)
    return ("kpi,scope,timestamp,value\n" + "".join(
        f"kpi-change-success,,{(start + dt.timedelta(minutes=i)).isoformat()}Z,{90 + i % 10}\n"
        for i in range(rows))).encode()


def on_server(data: bytes, workspace: Any, revision: Any) -> float:
    """Seconds to import ``data`` as the upload endpoint does, into an empty workspace."""
    from opmodel.server.measurements.imports import ImportOptions, import_chunks
    from opmodel.server.measurements.models import Measurement

    Measurement.objects.filter(workspace=workspace).delete()
    began = time.perf_counter()
    result = import_chunks([data], "m.csv", workspace, revision, ImportOptions())
    assert not result.issues
    return time.perf_counter() - began


def on_command_line(data: bytes, folder: Path) -> float:
    """Seconds to import ``data`` as ``opmodel kpi import`` does, into a new Parquet file."""
    from opmodel.interop.measurements import ParquetMeasurementStore, read_measurements
    from opmodel.interop.model_files import load
    from opmodel.services.kpi import import_measurements

    path = folder / "m.csv"
    path.write_bytes(data)
    store = ParquetMeasurementStore(folder / "m.parquet")
    store.path.unlink(missing_ok=True)
    began = time.perf_counter()
    result = import_measurements(load(EXAMPLE), read_measurements(path), store)
    assert not result.issues
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[5_000, 12_000, 50_000])
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="opmodel-bench-") as name:
        folder = Path(name)
        start_django(folder, args.database_url)
        from django.contrib.auth import get_user_model

        from opmodel.interop.model_files import load
        from opmodel.server.measurements.imports import JOB_THRESHOLD
        from opmodel.server.workspaces import store
        from opmodel.server.workspaces.models import Workspace

        user = get_user_model().objects.create_user("bench", password="bench-password-1")
        workspace = Workspace.objects.create(slug="bench", name="Bench")
        line = store.create_line(workspace, "target", load(EXAMPLE), author=user,
                                 message="bench")
        print(f"job threshold: {JOB_THRESHOLD / 1024:.0f} KB")
        print(f"{'rows':>8} {'size':>9} {'server':>9} {'command line':>13} {'ratio':>6}"
              f" {'server rows/s':>14}")
        for rows in args.rows:
            data = table(rows)
            server = on_server(data, workspace, line.head)
            command = on_command_line(data, folder)
            print(f"{rows:>8} {len(data) / 1024:>6.0f} KB {server:>7.2f} s {command:>11.2f} s"
                  f" {server / command:>6.1f} {rows / server:>14,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
