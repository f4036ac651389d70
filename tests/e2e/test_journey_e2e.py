"""The demo trainee's first sitting on the bundled course, as `make run` serves it."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

COURSE = "Therapeutic Boundaries"
FIRST_LESSON = "What counts as a multiple relationship"


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_trainee_studies_a_lesson_and_lives_through_the_dinner_invitation(
    demo, page, log_in, screenshot, assert_accessible
):
    log_in("trainee", "boundaries-demo")

    # The supervisor's assignment waits on the dashboard, with its due date.
    assigned = page.get_by_role("region", name="Assigned to you")
    expect(assigned.get_by_text(re.compile(COURSE)).first).to_be_visible()
    expect(assigned.get_by_text(re.compile(r"due \d+ \w+ \d{4}"))).to_be_visible()
    assert_accessible("dashboard")
    assigned.get_by_role("link", name=re.compile(COURSE)).first.click()

    page.get_by_role("button", name="Enrol in this course").click()
    expect(page.get_by_text(re.compile(r"^0% complete"))).to_be_visible()
    screenshot("journey-course")
    assert_accessible("course page")
    page.get_by_role("link", name=re.compile(FIRST_LESSON)).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST_LESSON)
    expect(page.get_by_role("heading", name="Key points")).to_be_visible()
    assert_accessible("lesson")
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text(re.compile(r"^[1-9]\d?% of the course complete"))).to_be_visible()

    # Module 1's quiz opens with the dinner and wine-tasting invitation, one decision at a time.
    page.get_by_role("link", name=re.compile(COURSE)).first.click()
    page.get_by_role("link", name=re.compile(r"Module quiz\W+Dual and multiple")).click()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text(re.compile(r"wine", re.IGNORECASE)).first).to_be_visible()
    assert "correct" not in page.content().lower()
    assert_accessible("quiz question")
    decisions = 0
    while not page.get_by_text("The scenario ends here").is_visible():
        page.get_by_role("radio").first.check()
        page.get_by_role("button", name="Decide").click()
        decisions += 1
        assert decisions <= 6, "every path of the scenario ends"
    expect(page.get_by_text("What happened").first).to_be_visible()
    screenshot("journey-dinner-invitation-ending")
    assert_accessible("scenario ending")

    # With questions unanswered, finishing is refused kindly, pointing at each one.
    page.get_by_role("link", name=re.compile(r"^Finish attempt")).first.click()
    expect(page.get_by_text("Some questions still need an answer.")).to_be_visible()
    expect(page.get_by_role("link", name="question 2", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Submit and see results")).to_have_count(0)
    assert_accessible("finish refused")
