import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_log_in_and_out(client):
    UserFactory(username="sam")

    response = client.post(reverse("login"), {"username": "sam", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].username == "sam"

    client.post(reverse("logout"))
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_log_in_failure_does_not_reveal_whether_the_account_exists(client):
    UserFactory(username="sam")

    wrong_password = client.post(reverse("login"), {"username": "sam", "password": "nope"})
    no_such_user = client.post(reverse("login"), {"username": "nobody", "password": "nope"})

    assert wrong_password.status_code == no_such_user.status_code == 200
    assert wrong_password.context["form"].errors == no_such_user.context["form"].errors


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase-4",
            "new_password2": "another-long-passphrase-4",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-passphrase-4")


def test_password_reset_by_email(client):
    user = UserFactory(email="reset@example.com")

    client.post(reverse("password_reset"), {"email": "reset@example.com"})

    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session marker
    response = client.post(
        form_url,
        {"new_password1": "a-brand-new-passphrase-7", "new_password2": "a-brand-new-passphrase-7"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase-7")


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})

    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_logout_by_get_is_refused(trainee_client):
    assert trainee_client.get(reverse("logout")).status_code == 405
