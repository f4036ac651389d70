import pytest
from django.core.management import call_command

from accounts.models import User
from accounts.roles import user_roles
from modules.models import Course

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_demo_accounts_once(settings):
    settings.DEBUG = True

    call_command("seed_demo")
    call_command("seed_demo")

    accounts = {user.username: user for user in User.objects.all()}
    assert set(accounts) == {"trainee", "supervisor", "author"}
    assert user_roles(accounts["supervisor"]) >= {"supervisor"}
    assert user_roles(accounts["author"]) >= {"content_admin"}
    assert accounts["trainee"].check_password("boundaries-demo")


def test_seed_demo_loads_the_bundled_course(settings):
    settings.DEBUG = True

    call_command("seed_demo")

    course = Course.objects.get(slug="therapeutic-boundaries")
    assert course.status == "published"
    assert course.assignments.get().cohort.trainees.filter(username="trainee").exists()
