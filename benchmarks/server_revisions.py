"""Revisions of a large model on the server: what 100 small saves store and take, and how long
reading any revision takes cold, against storing whole copies, measured side by side.

Puts the large model of ``benchmarks/load.py`` (10,000 applications, 2,000 initiatives …) in
a workspace of a new SQLite database under a temporary folder (``--database-url`` for
another), then makes the 100 single-field edits of ``benchmarks/revisions.py`` one after the
other through the service, alternately as a change set (``store.save_changes``, what the
API's ``changes`` does) and as a whole document sharing what it does not change with the
head (``store.save``). It measures:

- what the 100 revisions store: their change sets and snapshots (target: <= 20 KB in all),
  and for information how much the database file grew;
- the wall time of each save (target: each <= 100 ms on SQLite);
- a full read of every tenth revision and the last, cold: the document cache emptied first
  (target: <= 300 ms each);

and side by side, 20 of the same saves on a model that stores a whole copy at every revision
(``OPMODEL_SNAPSHOT_EVERY = 1``), what they store and take, and a cold read of one of them.

Run: .venv/bin/python benchmarks/server_revisions.py [--whole 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from load import generate  # the large model of the load benchmark
from revisions import edits, replaced  # its 100 single-field edits

SECRET = "benchmark-secret-" + "z" * 40


def start_django(folder: Path, database_url: str | None) -> None:
    """Django on the server's own settings, its tables created in the database."""
    os.environ["OPMODEL_DATA_DIR"] = str(folder)
    os.environ["OPMODEL_SECRET_KEY"] = SECRET
    os.environ["OPMODEL_DATABASE_URL"] = database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "opmodel.server.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


CPU: list[float] = []  # the CPU seconds of each timed run, in order


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """The wall-clock seconds of one run of ``fn``, and its result (its CPU time in CPU)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start, result


def stored_bytes(revisions: Any) -> tuple[int, int]:
    """What ``revisions`` store of the document (change sets and snapshots, in bytes as
    UTF-8), and how many of them hold a snapshot."""
    total = snapshots = 0
    for changes, snapshot in revisions.values_list("changes", "snapshot"):
        total += len(changes.encode())
        if snapshot is not None:
            total += len(snapshot.encode())
            snapshots += 1
    return total, snapshots


def database_bytes() -> int | None:
    """The size of the SQLite database, its write-ahead log folded in (None elsewhere)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        size = cursor.execute("PRAGMA page_size").fetchone()[0]
    return int(pages * size)


def save_edits(line: Any, steps: list[Any], author: Any) -> list[float]:
    """Each edit saved on the head in turn, alternately as a change set and as a document;
    the wall time of each save."""
    from opmodel.document.changes import changes
    from opmodel.server.workspaces import store

    times = []
    for n, (path, value) in enumerate(steps):
        line.refresh_from_db()
        head = line.head
        before = store.read(head)
        after = replaced(before, path, value)
        if n % 2 == 0:
            change_set = changes(before, after)  # what a client sends
            seconds, outcome = timed(lambda h=head, c=change_set: store.save_changes(
                line, h, c, author=author, message="edit"))
        else:
            seconds, outcome = timed(lambda h=head, d=after: store.save(
                line, h, d, author=author, message="edit"))
        assert outcome.revision is not None and not outcome.unchanged
        times.append(seconds)
    return times


def cold_read(revision: Any) -> float:
    """The time of reading ``revision``'s document with the cache empty."""
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import Revision

    store.CACHE.clear()
    seconds, _ = timed(lambda: store.read(Revision.objects.get(pk=revision.pk)))
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Measure, print the figures; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whole", type=int, default=20,
                        help="saves measured on the model that stores whole copies")
    parser.add_argument("--database-url", default=None,
                        help="another database than SQLite in a temporary folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="opmodel-bench-") as folder:
        start_django(Path(folder), args.database_url)
        return measure(args.whole)


def measure(whole: int) -> int:
    """The measurements, on the database Django is set up with."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection

    from opmodel.document import validate_data
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import Workspace

    author = get_user_model().objects.create_user(username="bench", password=SECRET)
    workspace = Workspace.objects.create(slug="bench", name="Benchmark")
    document = validate_data(generate())
    steps = edits(document)
    size = len(document.model_dump_json(by_alias=True, exclude_unset=True).encode())

    create_time, line = timed(lambda: store.create_line(workspace, "large", document,
                                                        author=author))
    before = database_bytes()
    CPU.clear()
    times = save_edits(line, steps, author)
    save_cpu = statistics.median(CPU)
    grown = database_bytes()
    revisions = line.revisions.filter(number__gt=1)
    stored, snapshots = stored_bytes(revisions)
    CPU.clear()
    reads = {r.number: cold_read(r) for r in line.revisions.order_by("number")
             if r.number % 10 == 1 or r.number == len(steps) + 1}
    read_cpu = statistics.median(CPU)

    settings.OPMODEL_SNAPSHOT_EVERY = 1  # the baseline: a whole copy at every revision
    copies = store.create_line(workspace, "whole-copies", document, author=author)
    whole_times = save_edits(copies, steps[:whole], author)
    whole_stored, _ = stored_bytes(copies.revisions.filter(number__gt=1))
    copies.refresh_from_db()
    whole_read = cold_read(copies.head)

    median, worst = statistics.median(times), max(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    whole_median = statistics.median(whole_times)
    read_median, read_max = statistics.median(reads.values()), max(reads.values())
    print(f"database: {connection.vendor}; document: 10,000 applications, 2,000 initiatives;"
          f" whole copy as JSON {size / 1e6:.1f} MB; first revision stored in "
          f"{create_time * 1000:.0f} ms")
    print(f"100 single-field saves store:     {stored:,} B in all, {snapshots} snapshot(s) "
          f"(target <= 20,480 B)" + ("" if before is None or grown is None else
                                      f"; the database file grew {grown - before:,} B"))
    print(f"whole copies ({whole} saves):          {whole_stored:,} B, "
          f"{whole_stored / whole:,.0f} B a save; for 100 saves "
          f"{whole_stored / whole * 100 / 1e6:,.0f} MB: ratio "
          f"{whole_stored / whole * 100 / max(stored, 1):,.0f}x")
    print(f"time per save:                    median {median * 1000:.1f} ms (CPU "
          f"{save_cpu * 1000:.1f} ms), p95 {p95 * 1000:.1f} ms, max {worst * 1000:.1f} ms "
          f"(target: each <= 100 ms)")
    print(f"time per save of a whole copy:    median {whole_median * 1000:.0f} ms; ratio "
          f"{whole_median / median:.1f}x")
    print(f"cold read of revisions {min(reads)}..{max(reads)} (every tenth): median "
          f"{read_median * 1000:.0f} ms (CPU {read_cpu * 1000:.0f} ms), max "
          f"{read_max * 1000:.0f} ms (target <= 300 ms)")
    print(f"cold read of a whole copy:        {whole_read * 1000:.0f} ms")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    met = stored <= 20 * 1024 and worst <= 0.100 and read_max <= 0.300
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
