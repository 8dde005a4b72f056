"""manage.py create_api_token EMAIL [--name NAME]: for operators with shell access. Prints
the new token once, on standard output and nothing else there, so it can be piped into a
secret store. Audited as a command (api_token.create)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samenspel.accounts.models import User
from samenspel.api.services import create_token
from samenspel.audit.context import as_command

DEFAULT_NAME = "Aangemaakt door beheeropdracht"


class Command(BaseCommand):
    help = "Create an API token for the user with this e-mail address and print it once."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default=DEFAULT_NAME, help="What the token is for (shown in the token list).")

    def handle(self, *args, **options):
        email = options["email"].strip()
        owner = User.objects.filter(email__iexact=email).first()
        if owner is None:
            raise CommandError("No user with this e-mail address.")
        try:
            with as_command("create_api_token"):
                issued = create_token(None, owner=owner, name=options["name"])
        except ValidationError as error:
            reasons = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
            raise CommandError(f"The token was not created: {reasons}") from None
        self.stdout.write(issued.plaintext)
        self.stderr.write(
            f"Token {issued.token.prefix}… created for user {owner.pk}. It is shown only now; store it safely."
        )
