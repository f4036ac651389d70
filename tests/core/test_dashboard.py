"""The signed-in home page: the trainee dashboard."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from modules.services import enrolment_create, enrolment_withdraw, lesson_complete, lesson_open
from tests.factories import (
    CohortFactory,
    CourseAssignmentFactory,
    CourseFactory,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db


def dashboard_html(client):
    return client.get(reverse("home")).content.decode()


def test_a_new_trainee_is_sent_to_the_catalogue(trainee_client):
    html = dashboard_html(trainee_client)

    assert "You are not enrolled in a course yet." in html
    assert reverse("modules:course_list") in html
    assert "Continue where you left off" not in html


def test_an_enrolled_trainee_continues_where_she_left_off(trainee, trainee_client):
    course, outline = course_with_lessons(modules=2, lessons=2, published=True)
    enrolment = enrolment_create(user=trainee, course=course)
    lesson_open(enrolment=enrolment, lesson=outline[0][0])
    lesson_complete(user=trainee, lesson=outline[0][0])
    lesson_open(enrolment=enrolment, lesson=outline[0][1])

    html = dashboard_html(trainee_client)

    assert "Continue where you left off" in html
    assert f'href="{outline[0][1].get_absolute_url()}"' in html
    assert "25% complete" in html
    assert 'aria-valuenow="25"' in html


def test_a_course_not_started_offers_its_first_lesson(trainee, trainee_client):
    course, outline = course_with_lessons(modules=1, lessons=2, published=True)
    enrolment_create(user=trainee, course=course)

    html = dashboard_html(trainee_client)

    assert "Continue where you left off" not in html
    assert f"Start: {outline[0][0].title}" in html


def test_the_course_studied_most_recently_comes_first(trainee, trainee_client):
    older, older_outline = course_with_lessons(modules=1, lessons=1, published=True, title="Aa")
    newer, newer_outline = course_with_lessons(modules=1, lessons=2, published=True, title="Zz")
    now = timezone.now()
    for course, outline, when in (
        (older, older_outline, now - timedelta(days=3)),
        (newer, newer_outline, now - timedelta(hours=1)),
    ):
        enrolment = enrolment_create(user=trainee, course=course, now_dt=when)
        lesson_open(enrolment=enrolment, lesson=outline[0][0], now_dt=when)

    html = dashboard_html(trainee_client)

    assert html.index("Zz") < html.index("Aa")
    resume = html.split("Continue where you left off")[1]
    assert resume.index(newer.title) < resume.index("Your courses")


def test_a_finished_course_shows_complete_and_is_not_resumed(trainee, trainee_client):
    course, outline = course_with_lessons(modules=1, lessons=1, published=True)
    enrolment_create(user=trainee, course=course)
    lesson_complete(user=trainee, lesson=outline[0][0])

    html = dashboard_html(trainee_client)

    assert "✓ Complete" in html
    assert "100% complete" in html
    assert "Continue where you left off" not in html


def test_courses_left_or_unpublished_are_not_on_the_dashboard(trainee, trainee_client):
    left, _ = course_with_lessons(modules=1, lessons=1, published=True, title="Left behind")
    archived, _ = course_with_lessons(modules=1, lessons=1, published=True, title="Withdrawn")
    enrolment_create(user=trainee, course=left)
    enrolment_withdraw(user=trainee, course=left)
    enrolment_create(user=trainee, course=archived)
    archived.status = "archived"
    archived.save()
    cohort = CohortFactory(trainees=[trainee])
    CourseAssignmentFactory(cohort=cohort, course=CourseFactory(title="Still a draft"))

    html = dashboard_html(trainee_client)

    assert "Left behind" not in html
    assert "Withdrawn" not in html
    assert "Still a draft" not in html
    assert "You are not enrolled in a course yet." in html


def test_an_assigned_course_is_offered_with_its_due_date(trainee, trainee_client):
    course, _ = course_with_lessons(modules=1, lessons=1, published=True)
    due = timezone.localdate() + timedelta(days=10)
    CourseAssignmentFactory(cohort=CohortFactory(trainees=[trainee]), course=course, due_on=due)

    html = dashboard_html(trainee_client)

    assigned = html.split("Assigned to you")[1]
    assert course.title in assigned
    assert f"due {due:%-d %b %Y}" in assigned
    assert reverse("modules:course_enrol", args=[course.slug]) in assigned
    assert "Overdue" not in html


def test_an_assigned_course_past_its_date_is_overdue(trainee, trainee_client):
    course, _ = course_with_lessons(modules=1, lessons=1, published=True)
    yesterday = timezone.localdate() - timedelta(days=1)
    CourseAssignmentFactory(
        cohort=CohortFactory(trainees=[trainee]), course=course, due_on=yesterday
    )

    html = dashboard_html(trainee_client)

    assert '<span class="badge badge-overdue">Overdue</span>' in html


def test_an_enrolled_assigned_course_keeps_its_due_date_on_its_card(trainee, trainee_client):
    course, _ = course_with_lessons(modules=1, lessons=1, published=True)
    due = timezone.localdate()
    CourseAssignmentFactory(cohort=CohortFactory(trainees=[trainee]), course=course, due_on=due)
    enrolment_create(user=trainee, course=course)

    html = dashboard_html(trainee_client)

    assert "Assigned to you" not in html
    assert f"due {due:%-d %b %Y}" in html.split("Your courses")[1]
    assert "Overdue" not in html, "due today is still on time"


def test_the_earliest_due_date_wins_across_cohorts(trainee, trainee_client):
    course, _ = course_with_lessons(modules=1, lessons=1, published=True)
    soon = timezone.localdate() + timedelta(days=2)
    for due_on in (soon + timedelta(days=30), soon, None):
        CourseAssignmentFactory(
            cohort=CohortFactory(trainees=[trainee]), course=course, due_on=due_on
        )

    html = dashboard_html(trainee_client)

    assert f"due {soon:%-d %b %Y}" in html
    assert html.count('class="card course-card') == 1


def test_supervisors_keep_their_section_below_their_own_courses(supervisor_client):
    html = dashboard_html(supervisor_client)

    assert html.index("Your courses") < html.index('id="supervision"')


def test_content_admins_keep_their_section_below_their_own_courses(content_admin_client):
    html = dashboard_html(content_admin_client)

    assert html.index("Your courses") < html.index("Write and publish content")
