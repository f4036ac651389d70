"""Creates the role groups with their permissions (see accounts/roles.py)."""

from django.db import migrations

PERMISSION_NAMES = {
    "supervise_trainees": "Can review the trainees of their own cohorts",
    "author_content": "Can write, preview and publish course content",
}
ROLE_PERMISSIONS = {
    "Trainees": [],
    "Supervisors": ["supervise_trainees"],
    "Content admins": ["author_content"],
}


def create_role_groups(apps, schema_editor):
    # Django makes permissions only after all migrations have run; the groups need them now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    user_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="user")
    for group_name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=user_type,
                codename=codename,
                defaults={"name": PERMISSION_NAMES[codename]},
            )
            group.permissions.add(permission)


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
