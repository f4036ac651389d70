from accounts.management.commands.grant_role import Command as GrantRoleCommand
from accounts.roles import ROLES, role_revoke


class Command(GrantRoleCommand):
    help = f"Takes a role away from a user: {', '.join(ROLES)}."
    verb = "revoked"

    def change(self, *, user, role):
        role_revoke(user=user, role=role)
