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

    def json(self) -> Any:
        """Standard output read as JSON."""
        return json.loads(self.out)


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Run:
    """``opmodel ARGS`` in this process, 200 columns wide, in English unless ``env`` (or
    ``--lang``) says otherwise."""
    from opmodel.cli.app import create_app

    result = CliRunner().invoke(create_app(), list(args), env={**EN, **(env or {})},
                                input=input)
    return Run(result.exit_code, result.stdout, result.stderr)
