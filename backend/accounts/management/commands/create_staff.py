"""`manage.py create_staff EMAIL`: an administrator creates a city staff account."""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.accounts.models import User
from backend.accounts.services import staff_user_create


class Command(BaseCommand):
    help = "Create a city staff account with the staff group's admin permissions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--password", help="omit to be asked (not echoed)")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        if User.objects.filter(email=email).exists():
            raise CommandError(f"{email} already has an account")
        password = options["password"] or getpass.getpass("password: ")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user = staff_user_create(email=email, password=password)
        self.stdout.write(f"staff account {user.email} created")
