"""What the server's management commands say, in the language the command line runs them
in (it activates that language around the call)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from opmodel.knowledge.texts import render


def language() -> str:
    """The active language: ja or en."""
    return "ja" if (translation.get_language() or "").startswith("ja") else "en"


def say(command: BaseCommand, code: str, **params: Any) -> None:
    """Write the message ``code`` to the command's output."""
    command.stdout.write(render(code, params, language()))


class Refused(CommandError):
    """A command's refusal, as the message ``code`` in the active language."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(render(code, params, language()))
        self.code, self.params = code, params
