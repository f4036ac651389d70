import json

import pytest
from django.urls import reverse

from modules.models import Lesson
from tests.factories import (
    CourseAssignmentFactory,
    EnrolmentFactory,
    LessonFactory,
    LessonProgressFactory,
    ModuleFactory,
    UserFactory,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db

HOSTILE = "## Why it matters\n\n<script>alert('x')</script>Objectivity *first*."


@pytest.mark.parametrize("model", ["course", "module", "lesson"])
def test_content_admins_work_on_content_in_admin(content_admin_client, model):
    course, _ = course_with_lessons(modules=1, lessons=1)
    CourseAssignmentFactory(course=course)

    changelist = content_admin_client.get(reverse(f"admin:modules_{model}_changelist"))
    add = content_admin_client.get(reverse(f"admin:modules_{model}_add"))

    assert changelist.status_code == 200
    assert add.status_code == 200


def test_the_course_form_has_its_modules_and_cohort_assignments_inline(content_admin_client):
    course, _ = course_with_lessons(modules=2, lessons=1, title="Boundaries at work")

    html = content_admin_client.get(
        reverse("admin:modules_course_change", args=[course.pk])
    ).content.decode()

    assert 'name="modules-TOTAL_FORMS" value="2"' in html
    assert 'name="assignments-TOTAL_FORMS"' in html


@pytest.mark.parametrize("model", ["enrolment", "lessonprogress"])
def test_trainee_records_are_for_superusers(content_admin_client, model):
    EnrolmentFactory()
    LessonProgressFactory()

    response = content_admin_client.get(reverse(f"admin:modules_{model}_changelist"))

    assert response.status_code == 403


@pytest.mark.parametrize("model", ["enrolment", "lessonprogress"])
def test_superusers_look_up_trainee_records(client, model):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    EnrolmentFactory()
    LessonProgressFactory()

    assert client.get(reverse(f"admin:modules_{model}_changelist")).status_code == 200


def test_trainees_have_no_admin(trainee_client):
    response = trainee_client.get(reverse("admin:modules_course_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_saving_a_lesson_in_admin_renders_its_body(content_admin_client):
    module = ModuleFactory()

    response = content_admin_client.post(
        reverse("admin:modules_lesson_add"),
        {
            "module": module.pk,
            "position": 1,
            "slug": "why",
            "estimated_minutes": 8,
            "title": "Why objectivity matters",
            "body": HOSTILE,
            "key_points": json.dumps(["Objectivity first."]),
            "references": json.dumps(["APA 3.05"]),
        },
    )

    assert response.status_code == 302
    lesson = Lesson.objects.get(slug="why")
    assert "<h2>Why it matters</h2>" in lesson.body_html
    assert "<em>first</em>" in lesson.body_html
    assert "script" not in lesson.body_html


def test_saving_lessons_inline_on_their_module_renders_their_bodies(content_admin_client):
    lesson = LessonFactory(body="Old text.")
    module = lesson.module
    prefix = "lessons"

    response = content_admin_client.post(
        reverse("admin:modules_module_change", args=[module.pk]),
        {
            "course": module.course.pk,
            "position": module.position,
            "slug": module.slug,
            "title": module.title,
            "summary": module.summary,
            "objectives": "[]",
            "estimated_minutes": 0,
            f"{prefix}-TOTAL_FORMS": 2,
            f"{prefix}-INITIAL_FORMS": 1,
            f"{prefix}-0-id": lesson.pk,
            f"{prefix}-0-module": module.pk,
            f"{prefix}-0-position": 1,
            f"{prefix}-0-slug": lesson.slug,
            f"{prefix}-0-estimated_minutes": 10,
            f"{prefix}-0-title": lesson.title,
            f"{prefix}-0-body": HOSTILE,
            f"{prefix}-0-key_points": "[]",
            f"{prefix}-0-references": "[]",
            f"{prefix}-1-module": module.pk,
            f"{prefix}-1-position": 2,
            f"{prefix}-1-slug": "added",
            f"{prefix}-1-estimated_minutes": 5,
            f"{prefix}-1-title": "Added inline",
            f"{prefix}-1-body": "A **new** lesson.",
            f"{prefix}-1-key_points": "[]",
            f"{prefix}-1-references": "[]",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    lesson.refresh_from_db()
    assert "<h2>Why it matters</h2>" in lesson.body_html
    assert "script" not in lesson.body_html
    assert Lesson.objects.get(slug="added").body_html == "<p>A <strong>new</strong> lesson.</p>"
