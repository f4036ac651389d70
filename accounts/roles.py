"""The three roles, as groups with permissions.

Everyone who signs up is a trainee. Supervisors and content admins are granted with
``manage.py grant_role``; superusers manage everything in Django admin.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group


@dataclass(frozen=True)
class Role:
    key: str
    group_name: str
    permissions: tuple[str, ...]  # "app_label.codename"
    staff: bool = False  # content admins work in Django admin


TRAINEE = Role("trainee", "Trainees", ())
SUPERVISOR = Role("supervisor", "Supervisors", ("accounts.supervise_trainees",))
CONTENT_ADMIN = Role("content_admin", "Content admins", ("accounts.author_content",), staff=True)

ROLES = {role.key: role for role in (TRAINEE, SUPERVISOR, CONTENT_ADMIN)}


class UnknownRole(ValueError):
    pass


def role_get(key):
    try:
        return ROLES[key]
    except KeyError:
        raise UnknownRole(f"Unknown role {key!r}. Roles: {', '.join(sorted(ROLES))}.") from None


def role_grant(*, user, role):
    user.groups.add(Group.objects.get(name=role.group_name))
    if role.staff and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


def role_revoke(*, user, role):
    user.groups.remove(Group.objects.get(name=role.group_name))
    if role.staff and user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])


def user_roles(user):
    """The role keys a user holds; superusers hold them all."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_superuser:
        return frozenset(ROLES)
    names = {group.name for group in user.groups.all()}
    return frozenset(role.key for role in ROLES.values() if role.group_name in names)
