from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import ROLES, UnknownRole, role_get, role_grant


class Command(BaseCommand):
    help = f"Gives a user a role: {', '.join(ROLES)}."
    verb = "granted"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", help=", ".join(ROLES))

    def handle(self, *, username, role, **options):
        try:
            found_role = role_get(role)
        except UnknownRole as error:
            raise CommandError(str(error)) from None
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        self.change(user=user, role=found_role)
        self.stdout.write(self.style.SUCCESS(f"Role {found_role.key} {self.verb}: {username}."))

    def change(self, *, user, role):
        role_grant(user=user, role=role)
