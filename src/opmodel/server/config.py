"""The server's settings, read once from the environment (the command line passes its
options through the same variables), with the checks a production start needs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SECRET = "opmodel-insecure-development-key"  # refused outside debug


class ConfigError(RuntimeError):
    """A setting that stops the server from starting, with what to do about it."""


def local_secret(data_dir: Path) -> str:
    """This installation's own secret, made once and kept in the data folder (mode 0600)."""
    import secrets

    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")
    return secret


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Config:
    """What the environment says about this installation."""

    debug: bool
    secret_key: str
    data_dir: Path
    database_url: str
    allowed_hosts: list[str] = field(default_factory=list)
    secure_cookies: bool = True
    max_upload_bytes: int = 50 * 1024 * 1024
    behind_proxy: bool = False
    job_files_days: int = 30

    @classmethod
    def from_environ(cls) -> Config:
        """The configuration of the environment variables ``OPMODEL_*``.

        Without OPMODEL_SECRET_KEY, a server that only this machine can reach
        (OPMODEL_LOCAL, which ``opmodel serve`` sets when it listens on a loopback address)
        keeps a secret of its own in the data folder; any other server refuses to start. A
        server behind a reverse proxy (OPMODEL_BEHIND_PROXY) is never local: others reach it
        through the proxy even when it listens on a loopback address.
        """
        debug = _flag("OPMODEL_DEBUG", False)
        behind_proxy = _flag("OPMODEL_BEHIND_PROXY", False)
        local = _flag("OPMODEL_LOCAL", False) and not behind_proxy
        data_dir = Path(os.environ.get("OPMODEL_DATA_DIR") or "var").resolve()
        secret = os.environ.get("OPMODEL_SECRET_KEY", "").strip()
        if secret == DEFAULT_SECRET:
            raise ConfigError("OPMODEL_SECRET_KEY is the development default: set your own")
        if not secret:
            if not (debug or local):
                raise ConfigError(
                    "OPMODEL_SECRET_KEY is not set: set it to a long random value (e.g. "
                    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`) before "
                    "serving beyond this machine")
            secret = local_secret(data_dir)
        url = os.environ.get("OPMODEL_DATABASE_URL", "").strip() \
            or f"sqlite:///{data_dir / 'opmodel.sqlite3'}"
        hosts = [h.strip() for h in os.environ.get("OPMODEL_ALLOWED_HOSTS", "").split(",")
                 if h.strip()] or ["127.0.0.1", "localhost", "[::1]"]
        raw_limit = os.environ.get("OPMODEL_MAX_FILE_SIZE", "").strip()
        if raw_limit and (not raw_limit.isdigit() or int(raw_limit) == 0):
            raise ConfigError(f"OPMODEL_MAX_FILE_SIZE is '{raw_limit}', not a size in bytes")
        limit = int(raw_limit) if raw_limit else 50 * 1024 * 1024
        raw_days = os.environ.get("OPMODEL_JOB_FILES_DAYS", "").strip()
        if raw_days and (not raw_days.isdigit() or int(raw_days) == 0):
            raise ConfigError(f"OPMODEL_JOB_FILES_DAYS is '{raw_days}', not a number of days "
                              "(1 or more)")
        return cls(debug=debug, secret_key=secret, data_dir=data_dir, database_url=url,
                   allowed_hosts=hosts,
                   # behind a TLS proxy, cookies are Secure whatever else is set
                   secure_cookies=behind_proxy or _flag("OPMODEL_SECURE_COOKIES",
                                                        not (debug or local)),
                   max_upload_bytes=limit, behind_proxy=behind_proxy,
                   job_files_days=int(raw_days) if raw_days else 30)
