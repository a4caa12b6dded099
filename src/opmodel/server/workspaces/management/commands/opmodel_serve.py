"""``opmodel serve``: the web server (granian, WSGI) and, by default, one job worker beside it,
so that one machine needs nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opmodel.server.commands import say


class Command(BaseCommand):
    """Serve the application."""

    help = "Serve opmodel over HTTP, with a job worker alongside."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1, help="web worker processes")
        parser.add_argument("--threads", type=int, default=8,
                            help="threads per web worker (requests served at once)")
        parser.add_argument("--no-job-worker", action="store_true",
                            help="run no job worker here (run `opmodel worker` elsewhere)")

    def handle(self, *args: Any, **options: Any) -> None:
        from granian import Granian
        from granian.constants import Interfaces

        worker = None
        if not options["no_job_worker"]:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "opmodel.server.settings"}
            worker = subprocess.Popen(
                [sys.executable, "-m", "django", "db_worker", "--no-reload",
                 "--no-startup-delay", "--interval", "0.5"], env=env)
        say(self, "command.serve.serving", url=f"http://{options['host']}:{options['port']}/",
            workers=options["workers"], job_workers=1 if worker else 0)
        self.stdout.flush()
        try:
            Granian("opmodel.server.wsgi:application", address=options["host"],
                    port=options["port"], interface=Interfaces.WSGI,
                    workers=options["workers"], blocking_threads=options["threads"]).serve()
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
