"""KPI roll-up benchmark: 10 million measurements rolled up monthly per KPI and scope.

opmodel's Polars roll-up against pandas and DuckDB doing the same roll-up (each KPI with
its own aggregation: mean, sum, last, ratio of sums, p90), each engine in its own process
so that its peak memory is its own. Also times `opmodel kpi itsm` on the ServiceNow log.

Run: .venv/bin/python benchmarks/kpi.py [--kpis 300 --scopes 50 --days 667 --repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from datasets import missing, shared_data

KINDS = ["ratio"] * 4 + ["mean"] * 3 + ["sum"] * 1 + ["last"] * 1 + ["p90"] * 1
ROOT = Path(__file__).resolve().parents[1]
ITSM_LOG = Path("itsm") / "incident_event_log.csv.gz"  # within the shared data sets
ITSM_MAP = ROOT / "tests" / "data" / "itsm" / "servicenow.mapping.yaml"


def kpi_table(n_kpis: int):
    """KPI ids with their aggregation and scale (ratios as percentages)."""
    import polars as pl

    kinds = [KINDS[i % len(KINDS)] for i in range(n_kpis)]
    return pl.DataFrame({"kpi": [f"kpi-{i:03d}" for i in range(n_kpis)], "aggregation": kinds,
                         "scale": [100.0 if k == "ratio" else 1.0 for k in kinds]})


def generate(path: Path, n_kpis: int, n_scopes: int, n_days: int) -> int:
    """Write the measurements (one per KPI, scope and day) to a Parquet file."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(42)
    n = n_kpis * n_scopes * n_days
    kpi = np.repeat(np.arange(n_kpis), n_scopes * n_days)
    scope = np.tile(np.repeat(np.arange(n_scopes), n_days), n_kpis)
    day = np.tile(np.arange(n_days), n_kpis * n_scopes)
    start = np.datetime64("2024-04-01T00:00:00", "us")
    at = start + day.astype("timedelta64[D]").astype("timedelta64[us]") + \
        rng.integers(0, 86_400, n).astype("timedelta64[s]").astype("timedelta64[us]")
    den = rng.integers(1, 1000, n).astype(np.float64)
    frame = pl.DataFrame({
        "kpi": pl.Series([f"kpi-{i:03d}" for i in range(n_kpis)]).gather(kpi),
        "scope": pl.Series([f"scope-{i:02d}" for i in range(n_scopes)]).gather(scope),
        "at": at, "value": rng.normal(100, 15, n),
        "numerator": np.floor(den * rng.uniform(0.8, 1.0, n)), "denominator": den,
    })
    frame.write_parquet(path)
    return n


def run_opmodel(data: Path, kpis):
    """opmodel's engine: the same function `opmodel kpi report` uses."""
    import polars as pl

    from opmodel.document.kpis import Period
    from opmodel.engines.kpi.rollup import rollup

    frame = pl.read_parquet(data)
    t0 = time.perf_counter()
    out = rollup(frame, kpis, Period.month)
    return time.perf_counter() - t0, out.height, float(out["value"].sum())


def run_pandas(data: Path, kpis):
    """pandas: group by KPI, scope and month, one aggregation kind at a time."""
    import pandas as pd
    import polars as pl

    source = pl.read_parquet(data)
    frame = pd.DataFrame({c: source[c].to_numpy() for c in source.columns})
    del source
    frame["kpi"] = frame["kpi"].astype("category")
    frame["scope"] = frame["scope"].astype("category")
    meta = pd.DataFrame({c: kpis[c].to_list() for c in kpis.columns})
    t0 = time.perf_counter()
    frame["period"] = frame["at"].dt.to_period("M").dt.start_time
    parts = []
    keys = ["kpi", "scope", "period"]
    for kind, group in meta.groupby("aggregation"):
        part = frame[frame["kpi"].isin(group["kpi"])]
        g = part.groupby(keys, observed=True, sort=False)
        if kind == "mean":
            value = g["value"].mean()
        elif kind == "sum":
            value = g["value"].sum()
        elif kind == "last":
            value = part.sort_values("at").groupby(keys, observed=True, sort=False)["value"].last()
        elif kind == "ratio":
            sums = g[["numerator", "denominator"]].sum()
            value = sums["numerator"] / sums["denominator"]
        else:
            value = g["value"].quantile(int(kind[1:]) / 100)
        parts.append(value.rename("value").reset_index())
    out = pd.concat(parts).merge(meta, on="kpi")
    out["value"] = out["value"].where(out["aggregation"] != "ratio", out["value"] * out["scale"])
    out = out.sort_values(keys)
    return time.perf_counter() - t0, len(out), float(out["value"].sum())


def run_duckdb(data: Path, kpis):
    """DuckDB: one SQL query, a UNION ALL of one grouped query per aggregation kind."""
    import duckdb
    import polars as pl

    con = duckdb.connect()
    con.execute(f"CREATE TABLE m AS SELECT * FROM read_parquet('{data}')")
    con.execute("CREATE TABLE k (kpi VARCHAR, aggregation VARCHAR, scale DOUBLE)")
    con.executemany("INSERT INTO k VALUES (?, ?, ?)", kpis.rows())
    agg = {"mean": "avg(value)", "sum": "sum(value)", "last": "arg_max(value, \"at\")",
           "ratio": "sum(numerator) / nullif(sum(denominator), 0)"}
    selects = []
    for kind in sorted(set(kpis["aggregation"])):
        expr = agg.get(kind) or f"quantile_cont(value, {int(kind[1:]) / 100})"
        selects.append(
            f"SELECT kpi, scope, date_trunc('month', \"at\") AS period, {expr} AS value "
            f"FROM m WHERE kpi IN (SELECT kpi FROM k WHERE aggregation = '{kind}') GROUP BY ALL")
    sql = (f"SELECT r.kpi, r.scope, r.period, CASE WHEN k.aggregation = 'ratio' "
           f"THEN r.value * k.scale ELSE r.value END AS value "
           f"FROM ({' UNION ALL '.join(selects)}) r JOIN k USING (kpi) ORDER BY 1, 2, 3")
    t0 = time.perf_counter()
    out = con.execute(sql).fetchnumpy()
    seconds = time.perf_counter() - t0
    return seconds, len(out["value"]), float(pl.Series(out["value"]).sum())


def peak_mib() -> float:
    """This process's peak resident memory in MiB.

    VmHWM starts afresh at exec; ru_maxrss would carry over the parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(engine: str, data: Path, n_kpis: int, repeat: int) -> None:
    """Run one engine `repeat` times in this process; print its figures as JSON."""
    kpis = kpi_table(n_kpis)
    run = {"opmodel": run_opmodel, "pandas": run_pandas, "duckdb": run_duckdb}[engine]
    times, rows, total = [], 0, 0.0
    for _ in range(repeat):
        seconds, rows, total = run(data, kpis)
        times.append(seconds)
    peak = peak_mib()
    print(json.dumps({"engine": engine, "median": statistics.median(times), "times": times,
                      "rows": rows, "checksum": total, "peak_mib": peak}))


def itsm_end_to_end(log: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) time of `opmodel kpi itsm` on the full log, process
    start included; CPU time shows how much of the wall time was waiting for a core."""
    exe = Path(sys.executable).parent / "opmodel"
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([str(exe), "kpi", "itsm", str(log), "--mapping", str(ITSM_MAP),
                        "--format", "json"], check=True, capture_output=True)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def main() -> None:
    """Generate the data once, run every engine in its own process, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kpis", type=int, default=300)
    parser.add_argument("--scopes", type=int, default=50)
    parser.add_argument("--days", type=int, default=667)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared-data", type=Path,
                        help="Folder of the shared data sets (default: OPMODEL_SHARED_DATA, "
                             "else ../shared/data).")
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        child(args.engine, args.data, args.kpis, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "measurements.parquet"
        n = generate(data, args.kpis, args.scopes, args.days)
        print(f"measurements: {n:,} ({args.kpis} KPIs × {args.scopes} scopes × {args.days} days); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        results = {}
        for engine in ("opmodel", "pandas", "duckdb"):
            out = subprocess.run([sys.executable, __file__, "--engine", engine, "--data", str(data),
                                  "--kpis", str(args.kpis), "--repeat", str(args.repeat)],
                                 check=True, capture_output=True, text=True)
            results[engine] = json.loads(out.stdout.strip().splitlines()[-1])
    ours = results["opmodel"]
    for engine, r in results.items():
        print(f"{engine:8s} monthly roll-up: median {r['median']:.3f} s of {r['times'] and len(r['times'])} "
              f"runs, {r['rows']:,} rows, checksum {r['checksum']:.6e}, peak memory {r['peak_mib']:.0f} MiB")
    best = min(results["pandas"]["median"], results["duckdb"]["median"])
    print(f"ratio opmodel/pandas = {ours['median'] / results['pandas']['median']:.2f}, "
          f"opmodel/duckdb = {ours['median'] / results['duckdb']['median']:.2f}, "
          f"opmodel/faster baseline = {ours['median'] / best:.2f} (target <= 1.20)")
    print(f"opmodel peak memory {ours['peak_mib']:.0f} MiB (target < 2048 MiB)")
    log = shared_data(args.shared_data) / ITSM_LOG
    if not log.exists():
        print(missing(log, "the ServiceNow incident log"))
    elif ITSM_MAP.exists():
        walls, cpus = itsm_end_to_end(log, args.repeat)
        print(f"opmodel kpi itsm on {log.name}: median {statistics.median(walls):.2f} s wall, "
              f"{statistics.median(cpus):.2f} s CPU, of {len(walls)} runs (target < 3 s); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
