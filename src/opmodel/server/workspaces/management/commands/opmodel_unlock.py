"""``opmodel user unlock``: let a user log in again after too many failed attempts."""

from __future__ import annotations

from typing import Any

from axes.utils import reset
from django.core.management.base import BaseCommand, CommandParser

from opmodel.server.audit.log import record
from opmodel.server.commands import say


class Command(BaseCommand):
    """Clear a user's failed login attempts and the lockout they caused."""

    help = "Clear a user's failed login attempts, from every address."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        cleared = reset(username=username)
        record("user_unlocked", username=username, target=username, cleared=cleared)
        say(self, "command.user.unlocked" if cleared else "command.user.not_locked",
            username=username, count=cleared)
