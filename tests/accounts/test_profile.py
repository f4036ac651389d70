import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import UserTimezoneMiddleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "certificate_name": "Dr Jane Smith",
    "email": "jane@example.com",
    "profession": "psychologist",
    "licence_number": "PSY 99",
    "licence_jurisdiction": "California",
    "time_zone": "Europe/London",
}


def test_profile_requires_log_in(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_trainee_edits_their_own_profile(trainee_client, trainee):
    response = trainee_client.post(reverse("profile"), PROFILE)

    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.certificate_name == "Dr Jane Smith"
    assert trainee.profession == "psychologist"
    assert trainee.time_zone == "Europe/London"


def test_profile_refuses_another_users_email(trainee_client, trainee):
    UserFactory(email="other@example.com")

    response = trainee_client.post(reverse("profile"), {**PROFILE, "email": "Other@Example.com"})

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    trainee.refresh_from_db()
    assert trainee.email != "Other@Example.com"


def test_profile_refuses_an_unknown_time_zone(trainee_client, trainee):
    response = trainee_client.post(reverse("profile"), {**PROFILE, "time_zone": "Mars/Olympus"})

    assert "time_zone" in response.context["form"].errors


def test_middleware_activates_the_users_time_zone(rf, trainee):
    trainee.time_zone = "Asia/Tokyo"
    seen = []
    request = rf.get("/")
    request.user = trainee

    UserTimezoneMiddleware(lambda request: seen.append(timezone.get_current_timezone_name()))(
        request
    )

    assert seen == ["Asia/Tokyo"]
