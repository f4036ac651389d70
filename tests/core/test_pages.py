import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db


def test_healthz_reports_a_working_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("core.views.connection.cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_anonymous_home_invites_sign_up(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert reverse("sign_up") in response.content.decode()


def test_unknown_page_is_a_404_in_the_layout(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


NAV_AREAS = ('data-area="supervision"', 'data-area="authoring"')


@pytest.mark.parametrize(
    ("client_fixture", "expected"),
    [
        ("trainee_client", set()),
        ("supervisor_client", {'data-area="supervision"'}),
        ("content_admin_client", {'data-area="authoring"'}),
    ],
)
def test_navigation_shows_each_role_its_own_areas(request, client_fixture, expected):
    html = request.getfixturevalue(client_fixture).get(reverse("home")).content.decode()

    assert "Dashboard" in html
    assert {area for area in NAV_AREAS if area in html} == expected


def test_static_assets_are_served_by_the_app(client):
    html = client.get(reverse("home")).content.decode()

    assert "cdn" not in html.lower()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html


def test_the_500_page_renders_in_the_layout_without_a_request_context():
    html = render_to_string("500.html")

    assert "Something went wrong on our side" in html
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html


def test_a_forbidden_page_is_a_403_in_the_layout(rf, trainee):
    request = rf.get("/somewhere/")
    request.user = trainee

    response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    assert "You don’t have access to this page" in response.content.decode()
