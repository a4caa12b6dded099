"""The wheel works outside the checkout: built once per session from a copy of the sources,
installed into a fresh virtual environment, and run from an empty folder (``opmodel db
upgrade``, ``demo load``, ``serve``), with every file of the package inside it.

Slow (about 30 seconds alone, most of it installing the dependencies into the new
environment): marked ``slow``, so ``-m "not slow"`` leaves them out while you work on
something else; ``make test`` runs them once.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "src" / "opmodel"
# what a subprocess keeps of this environment: how to reach the package index, nothing of
# the test suite's settings (OPMODEL_*, DJANGO_SETTINGS_MODULE) or of its virtual environment
KEPT = re.compile(r"^(HOME|LANG|LC_ALL|TMPDIR|PIP_.*|(HTTPS?|NO|ALL)_PROXY|SSL_CERT_.*)$", re.I)


def _env(bin_dir: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if KEPT.match(k)}
    env["PATH"] = os.pathsep.join([*([str(bin_dir)] if bin_dir else []), "/usr/bin", "/bin"])
    return env


def _run(*command: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
         timeout: float = 120) -> str:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env or _env(),
                          capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout (the build writes into its source tree: it works on a
    copy of what the wheel is made from)."""
    source = tmp_path_factory.mktemp("wheel-source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", out,
         source, timeout=300)
    [built] = out.glob("opmodel-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel (its dependencies from the index): its
    ``bin`` folder."""
    venv = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    # this environment's pip installs into the new one; nothing byte-compiled ahead (a third
    # of the time, on a machine the rest of the suite shares)
    _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
         "--quiet", "--no-compile", wheel, timeout=600)
    where = _run(venv / "bin" / "python", "-c", "import opmodel; print(opmodel.__file__)")
    assert Path(where.strip()).is_relative_to(venv)  # the wheel's copy, not the checkout's
    return venv / "bin"


def test_the_wheel_carries_every_file_of_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    files = {p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    assert files - names == set()
    # what the server and the commands read at run time, named so a glob cannot hide a loss
    for needed in ("opmodel/server/pages/templates/registration/login.html",
                   "opmodel/server/pages/static/opmodel/opmodel.css",
                   "opmodel/server/surveys/migrations/0001_initial.py",
                   "opmodel/knowledge/data/questions.yaml",
                   "opmodel/knowledge/data/messages/server.yaml",
                   "opmodel/knowledge/data/labels/enums.yaml",
                   "opmodel/examples/regional-bank/target.yaml",
                   "opmodel/examples/regional-bank/measurements.csv"):
        assert needed in names
    assert any(n.endswith("/migrations/0001_initial.py") and "/workspaces/" in n for n in names)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Browser:
    """A client of the running server with a cookie jar (the session, the CSRF token)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.base + path, timeout=30) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as failed:
            return failed.code, failed.read()

    def post(self, path: str, data: bytes, content_type: str) -> tuple[int, bytes]:
        csrf = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        request = urllib.request.Request(self.base + path, data=data, method="POST", headers={
            "Content-Type": content_type, "X-CSRFToken": csrf, "Referer": self.base + "/"})
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as failed:
            return failed.code, failed.read()


def _answers(base: str) -> bool:
    try:
        return Browser(base).get("/login/")[0] == 200
    except urllib.error.URLError:  # not listening yet
        return False


@pytest.fixture
def server(installed: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``opmodel serve`` from the wheel in an empty folder, after ``db upgrade`` and ``demo
    load``; stopped (and its job worker with it) at the end."""
    folder = tmp_path / "empty"
    folder.mkdir()
    env = _env(installed)
    _run(installed / "opmodel", "db", "upgrade", cwd=folder, env=env)
    loaded = _run(installed / "opmodel", "demo", "load", "--owner", "admin", cwd=folder, env=env)
    assert "workspace regional-bank: current, target" in loaded
    port = _free_port()
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen([installed / "opmodel", "serve", "--port", str(port)], cwd=folder,
                               env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _answers(base):
            assert process.poll() is None, (folder / "serve.log").read_text()
            assert time.monotonic() < deadline, (folder / "serve.log").read_text()
            time.sleep(0.3)
        yield base, folder
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: this server only
            process.wait()
        log.close()
    assert process.returncode is not None


def _login(browser: Browser, folder: Path) -> None:
    username, password = (folder / "var" / "demo-password.txt").read_text().split()
    status, page = browser.get("/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert status == 200 and token is not None
    form = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrfmiddlewaretoken": token.group(1).decode()})
    status, _ = browser.post("/login/", form.encode(), "application/x-www-form-urlencoded")
    assert status == 200  # redirected to the home page


def test_the_installed_wheel_serves_from_an_empty_folder(server: tuple[str, Path]) -> None:
    base, folder = server
    browser = Browser(base)
    status, page = browser.get("/login/")
    assert status == 200 and b'name="password"' in page
    status, schema = browser.get("/api/v1/openapi.json")
    assert status == 200 and "/api/v1/surveys/{token}" in json.loads(schema)["paths"]
    # the API docs and their Swagger files, the stylesheet: all from the installed packages
    status, docs = browser.get("/api/v1/docs")
    assets = re.findall(rb'(?:src|href)="(/static/[^"]+\.(?:js|css))"', docs)
    assert status == 200 and len(assets) >= 3
    for asset in [*assets, b"/static/opmodel/opmodel.css"]:
        status, body = browser.get(asset.decode())
        assert status == 200 and body, asset
    _login(browser, folder)
    status, found = browser.get("/api/v1/workspaces")
    assert status == 200
    assert sorted(w["slug"] for w in json.loads(found)) == [
        "global-manufacturer", "regional-bank", "saas-company"]
    # a job runs in the worker that `opmodel serve` started beside the web server
    target = "/api/v1/workspaces/regional-bank/models/target/revisions/1/schedule"
    status, queued = browser.post(target, b'{"method": "heuristic"}', "application/json")
    assert status == 202, queued
    job: dict[str, Any] = json.loads(queued)
    deadline = time.monotonic() + 60
    while job["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.5)
        job = json.loads(browser.get(f"/api/v1/workspaces/regional-bank/jobs/{job['id']}")[1])
    assert job["status"] == "succeeded", job
