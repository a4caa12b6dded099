"""``opmodel user create``: a user with a password read from standard input."""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from opmodel.server.audit.log import record
from opmodel.server.commands import Refused


class Command(BaseCommand):
    """Create a user (or set an existing user's password)."""

    help = "Create a user; the password is read from standard input."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--superuser", action="store_true")
        parser.add_argument("--update", action="store_true",
                            help="set the password of an existing user")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        if not username:
            raise Refused("command.user.empty")
        password = sys.stdin.readline().rstrip("\r\n")
        users = get_user_model()
        user = users.objects.filter(username=username).first()
        if user is not None and not options["update"]:
            raise Refused("command.user.exists", username=username)
        if user is None:
            user = users(username=username, email=options["email"])
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise Refused("command.user.weak_password", reasons=" ".join(exc.messages)) from None
        user.set_password(password)
        if options["superuser"]:
            user.is_staff = user.is_superuser = True
        user.save()
        record("user_created" if not options["update"] else "password_set", actor=None,
               username=username, target=username)
        self.stdout.write(username)
