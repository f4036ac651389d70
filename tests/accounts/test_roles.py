import pytest
from django.core.management import CommandError, call_command

from accounts.roles import user_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_migration_creates_the_role_groups_with_their_permissions():
    supervisor = UserFactory(roles=[])
    call_command("grant_role", supervisor.username, "supervisor")
    author = UserFactory(roles=[])
    call_command("grant_role", author.username, "content_admin")
    trainee = UserFactory()

    assert supervisor.has_perm("accounts.supervise_trainees")
    assert not supervisor.has_perm("accounts.author_content")
    author.refresh_from_db()
    assert author.has_perm("accounts.author_content")
    assert author.is_staff, "content admins work in Django admin"
    assert not trainee.has_perm("accounts.supervise_trainees")


def test_grant_and_revoke_role():
    user = UserFactory(username="riley")

    call_command("grant_role", "riley", "supervisor")
    assert user_roles(user) == {"trainee", "supervisor"}

    call_command("revoke_role", "riley", "supervisor")
    assert user_roles(user) == {"trainee"}


def test_revoking_content_admin_removes_staff_access():
    user = UserFactory(username="riley")
    call_command("grant_role", "riley", "content_admin")

    call_command("revoke_role", "riley", "content_admin")

    user.refresh_from_db()
    assert not user.is_staff


def test_grant_role_to_unknown_user_fails_clearly():
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("grant_role", "ghost", "supervisor")


def test_grant_unknown_role_fails_clearly():
    UserFactory(username="riley")
    with pytest.raises(
        CommandError, match=r"Unknown role 'wizard'\. Roles: content_admin, supervisor, trainee"
    ):
        call_command("grant_role", "riley", "wizard")


def test_superuser_holds_every_role():
    admin = UserFactory(is_superuser=True)
    assert user_roles(admin) == {"trainee", "supervisor", "content_admin"}
