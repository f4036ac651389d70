import pytest
from django.urls import reverse

from accounts.models import User
from accounts.roles import user_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VALID = {
    "username": "jane",
    "email": "jane@example.com",
    "certificate_name": "Jane A. Smith, LPC",
    "profession": "counsellor",
    "licence_number": "LPC-12345",
    "licence_jurisdiction": "Oregon",
    "time_zone": "America/Los_Angeles",
    "password1": "a-long-unusual-passphrase-9",
    "password2": "a-long-unusual-passphrase-9",
}


def test_sign_up_creates_a_trainee_and_logs_them_in(client):
    response = client.post(reverse("sign_up"), VALID)

    assert response.status_code == 302
    user = User.objects.get(username="jane")
    assert user.certificate_name == "Jane A. Smith, LPC"
    assert user.profession == "counsellor"
    assert user.time_zone == "America/Los_Angeles"
    assert user_roles(user) == {"trainee"}
    assert client.get(reverse("home")).context["user"] == user


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"username": "taken"}, "username", "already exists"),
        ({"email": "TAKEN@example.com"}, "email", "e-mail address already exists"),
        ({"password1": "password", "password2": "password"}, "password2", "too common"),
        ({"password2": "something-else-entirely"}, "password2", "didn’t match"),
        ({"certificate_name": ""}, "certificate_name", "required"),
        ({"profession": ""}, "profession", "required"),
    ],
)
def test_sign_up_with_bad_input_shows_the_error_and_creates_nothing(client, change, field, message):
    UserFactory(username="taken", email="taken@example.com")
    before = User.objects.count()

    response = client.post(reverse("sign_up"), {**VALID, **change})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert User.objects.count() == before


def test_signed_in_user_visiting_sign_up_goes_home(trainee_client):
    assert trainee_client.get(reverse("sign_up")).url == reverse("home")
