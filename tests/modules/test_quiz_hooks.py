"""The seams the quizzes app plugs into: quiz facts in, quiz steps and post-test out."""

import pytest
from django.urls import reverse

from modules.progress import QuizFacts
from modules.selectors import quiz_facts_for_courses
from modules.services import enrolment_create, lesson_complete
from tests.factories import course_with_lessons

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_and_outline(trainee):
    course, outline = course_with_lessons(modules=2, lessons=2, published=True)
    enrolment_create(user=trainee, course=course)
    for lesson in outline[0]:
        lesson_complete(user=trainee, lesson=lesson)
    return course, outline


def report(monkeypatch, course, facts):
    """Answers as the quizzes app will: ``facts`` for ``course``."""
    monkeypatch.setattr(
        "modules.selectors.quiz_facts_for_courses",
        lambda *, user, courses: {c.pk: facts for c in courses if c.pk == course.pk},
    )


def test_until_the_quizzes_app_answers_no_course_has_a_quiz(trainee, course_and_outline):
    course, _ = course_and_outline

    assert quiz_facts_for_courses(user=trainee, courses=[course]) == {}


def test_a_module_with_a_quiz_completes_only_once_it_is_passed(
    monkeypatch, trainee_client, course_and_outline
):
    course, outline = course_and_outline
    first, second = (lessons[0].module for lessons in outline)
    report(monkeypatch, course, QuizFacts(quiz_module_ids=frozenset({first.pk, second.pk})))

    html = trainee_client.get(course.get_absolute_url()).content.decode()

    assert "2 of 6 steps" in html
    assert html.count("Module quiz") == 2
    assert "In progress" in html
    assert "Quiz: " + first.title in html  # the next step
    assert f'href="{course.get_absolute_url()}#module-{first.slug}"' in html


def test_a_passed_quiz_completes_its_module_and_moves_the_bar(
    monkeypatch, trainee_client, course_and_outline
):
    course, outline = course_and_outline
    first, second = (lessons[0].module for lessons in outline)
    report(
        monkeypatch,
        course,
        QuizFacts(
            quiz_module_ids=frozenset({first.pk, second.pk}),
            passed_module_ids=frozenset({first.pk}),
        ),
    )

    html = trainee_client.get(course.get_absolute_url()).content.decode()

    assert "50% complete · 3 of 6 steps" in html
    assert "✓ Complete" in html
    assert "Passed" in html


def test_the_post_test_shows_after_the_modules(
    monkeypatch, trainee, trainee_client, course_and_outline
):
    course, outline = course_and_outline
    report(monkeypatch, course, QuizFacts(has_post_test=True))
    for lesson in outline[1]:
        lesson_complete(user=trainee, lesson=lesson)

    html = trainee_client.get(course.get_absolute_url()).content.decode()

    assert 'id="post-test"' in html
    assert f"Pass mark {course.pass_mark}%" in html
    assert "80% complete · 4 of 5 steps" in html
    assert f'href="{course.get_absolute_url()}#post-test"' in html


def test_the_dashboard_and_catalogue_ask_about_all_their_courses_at_once(
    monkeypatch, trainee, trainee_client, course_and_outline
):
    other, _ = course_with_lessons(modules=1, lessons=1, published=True)
    enrolment_create(user=trainee, course=other)
    asked = []

    def answer(*, user, courses):
        asked.append(sorted(course.pk for course in courses))
        return {}

    monkeypatch.setattr("modules.selectors.quiz_facts_for_courses", answer)

    trainee_client.get(reverse("home"))
    trainee_client.get(reverse("modules:course_list"))

    both = sorted([course_and_outline[0].pk, other.pk])
    assert asked == [both, both]


def test_visitors_see_the_quizzes_in_the_outline_without_progress(
    monkeypatch, client, course_and_outline
):
    course, outline = course_and_outline
    report(monkeypatch, course, QuizFacts(quiz_module_ids=frozenset({outline[0][0].module_id})))

    html = client.get(course.get_absolute_url()).content.decode()

    assert "Module quiz" in html, "the quiz is part of the course for visitors too"
    assert "% complete" not in html
