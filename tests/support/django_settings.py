"""The server's settings for the test suite: the production settings, with a test secret, a
throw-away data folder, the test client's host, and jobs run in the request (no worker).

``OPMODEL_TEST_DATABASE_URL`` (e.g. ``postgresql://postgres@127.0.0.1:5432/postgres``) runs
the server tests on that database instead of SQLite; ``make test`` runs them on both.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

os.environ.setdefault("OPMODEL_SECRET_KEY", "test-suite-secret-" + "x" * 40)
os.environ.setdefault("OPMODEL_DATA_DIR", tempfile.mkdtemp(prefix="opmodel-test-"))
if os.environ.get("OPMODEL_TEST_DATABASE_URL"):
    os.environ["OPMODEL_DATABASE_URL"] = os.environ["OPMODEL_TEST_DATABASE_URL"]

from opmodel.server.settings import *  # noqa: F403
from opmodel.server.settings import ALLOWED_HOSTS, CONFIG, DATABASES

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # a file rather than memory, so that a server process a test starts opens the same one
    DATABASES["default"]["TEST"] = {"NAME": str(CONFIG.data_dir / "test.sqlite3")}
else:
    # a test database of this checkout's own: other checkouts on the machine test at once
    # (pytest-xdist adds the worker's name)
    checkout = hashlib.sha256(str(Path(__file__).resolve().parents[2]).encode()).hexdigest()
    DATABASES["default"]["TEST"] = {"NAME": f"test_opmodel_{checkout[:10]}"}
