import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from modules.services import lesson_save
from tests.factories import (
    PASSWORD,
    CohortFactory,
    ContentAdminFactory,
    CourseAssignmentFactory,
    CourseFactory,
    LessonFactory,
    ModuleFactory,
    TraineeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

LESSONS = {
    "dual-relationships": (
        "Dual and multiple relationships",
        "What a multiple relationship is, why objectivity and exploitation risk are the tests "
        "that matter, and how to handle the overlaps small communities make unavoidable.",
        [
            (
                "What counts as a multiple relationship",
                "## A second role alongside the professional one\n\n"
                "A multiple relationship exists whenever you hold a professional role with "
                "someone and something else connects you at the same time. APA 3.05(a) "
                "describes three forms:\n\n"
                "- **A second role with the client**: landlord, tutor, customer or friend.\n"
                "- **A relationship with someone close to the client.**\n"
                "- **A promise of a future relationship**, even in passing.\n\n"
                "## Not every overlap is a violation\n\n"
                "A multiple relationship is a problem when it could reasonably be expected to "
                "impair your objectivity, competence or effectiveness, or risks exploiting or "
                "harming the client.",
                ["A second role can impair objectivity.", "The third form is the easiest to miss."],
                ["APA Ethics Code 3.05, Multiple Relationships", "ACA Code of Ethics A.6"],
            ),
            (
                "Small communities and unavoidable overlaps",
                "## When you cannot avoid the overlap\n\n"
                "In a rural town your client may coach your child's team. Minimise the overlap, "
                "discuss it with the client, and document your reasoning.",
                ["Minimise, discuss, document."],
                ["NASW Code of Ethics 1.06(c)"],
            ),
        ],
    ),
    "self-disclosure": (
        "Self-disclosure",
        "When telling a client something about yourself serves the client, and when it serves you.",
        [
            (
                "Whose needs does it serve?",
                "## The one question to ask\n\nBefore you disclose, ask whose needs it serves. "
                "If the honest answer is *mine*, take it to supervision instead.",
                ["Disclose for the client's benefit, never your own."],
                ["AAMFT Code of Ethics 3.3"],
            ),
        ],
    ),
}


def build_course():
    course = CourseFactory(
        slug="therapeutic-boundaries",
        title="Therapeutic Boundaries in Clinical Practice",
        summary=(
            "A scenario-based ethics course on dual relationships, self-disclosure and contact "
            "outside the session, with the APA, ACA, NASW and AAMFT codes side by side."
        ),
        objectives=[
            "Define a multiple relationship and assess whether it could impair objectivity.",
            "Decide whether a self-disclosure would serve the client's needs or yours.",
        ],
        professions=["psychologist", "counsellor", "social_worker", "mft"],
        published=True,
    )
    for position, (slug, (title, summary, lessons)) in enumerate(LESSONS.items(), 1):
        module = ModuleFactory(
            course=course, position=position, slug=slug, title=title, summary=summary
        )
        for number, (lesson_title, body, key_points, references) in enumerate(lessons, 1):
            lesson_save(
                lesson=LessonFactory.build(
                    module=module,
                    position=number,
                    slug=f"lesson-{number}",
                    title=lesson_title,
                    body=body,
                    key_points=key_points,
                    references=references,
                    estimated_minutes=12,
                )
            )
    CourseFactory(title="Confidentiality and Contact Between Sessions", published=True)
    return course


def course_progress(page):
    bar = page.get_by_role("progressbar", name="Course progress")
    return int(bar.get_attribute("aria-valuenow"))


def test_a_trainee_studies_a_course_and_resumes_from_the_dashboard(page, log_in, screenshot):
    course = build_course()
    TraineeFactory(username="alex", certificate_name="Alex Morgan, LPC")
    log_in("alex", PASSWORD)

    # Browse the catalogue and open the course.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    expect(page.get_by_role("heading", name="Courses", level=1)).to_be_visible()
    screenshot("catalogue-desktop")
    page.get_by_role("link", name=course.title).click()
    expect(page.get_by_role("heading", name=course.title, level=1)).to_be_visible()
    screenshot("course-not-enrolled-desktop")

    # Enrol, then start with the first lesson.
    page.get_by_role("button", name="Enrol in this course").click()
    expect(page.get_by_text(f"You’re enrolled in “{course.title}”.")).to_be_visible()
    assert course_progress(page) == 0
    page.get_by_role("link", name="What counts as a multiple relationship").first.click()

    # Read every lesson in order with "next", marking each complete.
    titles = [lesson[0] for _, _, lessons in LESSONS.values() for lesson in lessons]
    seen = []
    for number, title in enumerate(titles):
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        if number == 0:
            assert page.get_by_role("link", name=re.compile("Previous")).count() == 0
            screenshot("lesson-desktop")
        else:
            previous = page.get_by_role("navigation", name="Lessons").get_by_role(
                "link", name=re.compile("Previous")
            )
            expect(previous).to_contain_text(titles[number - 1])
        before = course_progress(page)
        page.get_by_role("button", name="Mark as complete").click()
        expect(page.get_by_text("You completed this lesson on")).to_be_visible()
        seen.append(course_progress(page))
        assert seen[-1] > before, "the progress bar moves"
        if number == 1:
            break  # leave the rest for tomorrow
        page.get_by_role("navigation", name="Lessons").get_by_role(
            "link", name=re.compile("Next")
        ).click()

    assert seen == [33, 66]

    # The course page shows the first module complete, with check marks.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=course.title).click()
    expect(page.get_by_text("66% complete · 2 of 3 steps")).to_be_visible()
    first_module = page.locator("#module-dual-relationships")
    expect(first_module.get_by_text("✓ Complete")).to_be_visible()
    assert first_module.locator(".step-mark.is-done").count() == 2
    screenshot("course-enrolled-desktop")

    # Next day: the dashboard takes her straight back.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_text("Continue where you left off")).to_be_visible()
    screenshot("dashboard-desktop")
    page.get_by_role("link", name=re.compile("Continue: Whose needs does it serve")).click()
    expect(page.get_by_role("heading", name="Whose needs does it serve?", level=1)).to_be_visible()

    # The same pages on a phone.
    page.set_viewport_size(PHONE)
    screenshot("lesson-phone")
    page.goto("/")
    screenshot("dashboard-phone")
    page.goto("/courses/")
    screenshot("catalogue-phone")
    page.goto(course.get_absolute_url())
    screenshot("course-enrolled-phone")
    page.set_viewport_size(DESKTOP)


def test_a_content_admin_previews_a_draft(page, log_in, screenshot):
    course = build_course()
    course.status = "draft"
    course.save()
    ContentAdminFactory(username="jordan")
    log_in("jordan", PASSWORD)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    expect(page.get_by_role("heading", name="Drafts and archived courses")).to_be_visible()
    screenshot("catalogue-content-admin-desktop")
    page.get_by_role("link", name=course.title).click()
    expect(page.get_by_role("note")).to_contain_text("Draft preview")
    page.get_by_role("link", name="Read the first lesson").click()
    expect(page.get_by_role("note")).to_contain_text("Draft preview")
    assert page.get_by_role("button", name="Mark as complete").count() == 0
    screenshot("lesson-draft-preview-desktop")


def test_an_assigned_course_waits_on_the_dashboard_with_its_due_date(page, log_in, screenshot):
    course = build_course()
    overdue = CourseFactory(title="Confidentiality Refresher", published=True)
    alex = TraineeFactory(username="alex")
    cohort = CohortFactory(name="Associates", trainees=[alex])
    CourseAssignmentFactory(cohort=cohort, course=course, due_on=timezone.localdate())
    CourseAssignmentFactory(
        cohort=cohort, course=overdue, due_on=timezone.localdate() - timedelta(days=3)
    )
    log_in("alex", PASSWORD)

    assigned = page.get_by_role("region", name="Assigned to you")
    expect(assigned.get_by_text("Overdue")).to_have_count(1)
    screenshot("dashboard-assigned-desktop")
    assigned.get_by_role("button", name=f"Enrol in {course.title}").click()

    expect(page.get_by_text(f"You’re enrolled in “{course.title}”.")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    your_courses = page.get_by_role("region", name="Your courses")
    expect(your_courses.get_by_role("link", name=course.title)).to_be_visible()
    expect(
        your_courses.get_by_text("Start: What counts as a multiple relationship")
    ).to_be_visible()
