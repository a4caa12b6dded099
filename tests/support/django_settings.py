"""The server's settings for the test suite: the production settings, with a test secret, a
throw-away data folder, the test client's host, and jobs run in the request (no worker)."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("OPMODEL_SECRET_KEY", "test-suite-secret-" + "x" * 40)
os.environ.setdefault("OPMODEL_DATA_DIR", tempfile.mkdtemp(prefix="opmodel-test-"))
if os.environ.get("OPMODEL_TEST_DATABASE_URL"):
    os.environ["OPMODEL_DATABASE_URL"] = os.environ["OPMODEL_TEST_DATABASE_URL"]

from opmodel.server.settings import *  # noqa: F403
from opmodel.server.settings import ALLOWED_HOSTS

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
