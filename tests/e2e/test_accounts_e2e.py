import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_signs_up_and_lands_on_the_dashboard(page, screenshot, assert_accessible):
    page.goto("/")
    screenshot("home-anonymous")
    assert_accessible()
    page.get_by_role("link", name="Sign up").click()

    page.get_by_label("Username").fill("jane")
    page.get_by_label("E-mail address").fill("jane@example.com")
    page.get_by_label("Name on certificates").fill("Jane A. Smith, LPC")
    page.get_by_label("Profession").select_option("counsellor")
    page.locator("#id_password1").fill("a-long-unusual-passphrase-9")
    page.get_by_label("Password confirmation").fill("a-long-unusual-passphrase-9")
    screenshot("sign-up")
    assert_accessible()
    page.get_by_role("button", name="Create account").click()
    assert_accessible()

    assert page.get_by_text("Welcome, Jane A. Smith, LPC").is_visible()
    assert (
        page.get_by_role("navigation", name="Main")
        .get_by_role("link", name="Dashboard")
        .is_visible()
    )


@pytest.mark.parametrize(
    ("username", "areas", "hidden"),
    [
        ("trainee", [], ["Supervision", "Authoring"]),
        ("supervisor", ["Supervision"], ["Authoring"]),
        ("author", ["Authoring"], ["Supervision"]),
    ],
)
def test_each_demo_account_sees_its_roles_navigation(
    page, log_in, settings, username, areas, hidden
):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())

    log_in(username, "boundaries-demo")

    nav = page.get_by_role("navigation", name="Main")
    for area in areas:
        assert nav.get_by_role("link", name=area).is_visible()
    for area in hidden:
        assert nav.get_by_role("link", name=area).count() == 0


def test_the_site_works_with_the_keyboard_alone(page):
    page.goto("/")
    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to main content" in focused


def test_log_in_errors_are_accessible(page, assert_accessible):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()

    assert page.get_by_text("Please enter a correct username and password").is_visible()
    assert_accessible()
