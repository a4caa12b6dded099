"""Running the command line in-process, as a user would, with a fixed language and width."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from typer.testing import CliRunner

EN = {"COLUMNS": "200", "OPMODEL_LANG": "en", "LC_ALL": "", "LANG": ""}
JA = {"COLUMNS": "200", "OPMODEL_LANG": "ja", "LC_ALL": "", "LANG": ""}


class Run(NamedTuple):
    """What a command printed and how it ended (unpacks as ``code, out, err``)."""

    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        """Standard output, then standard error: for a test that does not care which says it."""
        return self.out + self.err

    def json(self) -> Any:
        """Standard output read as JSON."""
        return json.loads(self.out)


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None,
        catch_exceptions: bool = True) -> Run:
    """``opmodel ARGS`` in this process, 200 columns wide, in English unless ``env`` (or
    ``--lang``) says otherwise. With ``catch_exceptions=False`` an error the command does not
    handle is raised with its traceback instead of ending it with code 1."""
    from opmodel.cli.app import create_app

    result = CliRunner().invoke(create_app(), list(args), env={**EN, **(env or {})},
                                input=input, catch_exceptions=catch_exceptions)
    return Run(result.exit_code, result.stdout, result.stderr)
