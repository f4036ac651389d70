"""Quiz outcomes as the modules app sees them: progress, the course page's quiz steps and
post-test, and recent scores on the dashboard."""

import random
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from modules.services import enrolment_create, lesson_complete
from quizzes.selectors import quiz_outcomes_for_course, quiz_outcomes_for_courses
from quizzes.services import attempt_slot_save, attempt_start, attempt_submit
from tests.factories import course_with_lessons
from tests.quizzes.factories import (
    QuizFactory,
    QuizVersionFactory,
    choice_key,
    free_text_question,
    single_question,
)

pytestmark = pytest.mark.django_db


def quiz_for(module=None, course=None, **settings):
    quiz = QuizFactory(module=module, course=course)
    version = QuizVersionFactory(quiz=quiz, published=True, **settings)
    single_question(version)
    return quiz


def take(user, quiz, answer):
    attempt = attempt_start(user=user, quiz=quiz, rng=random.Random(1))
    slot = attempt.slots.get(position=1)
    attempt_slot_save(
        user=user, attempt_id=attempt.pk, position=1, response={"choice": choice_key(slot, answer)}
    )
    return attempt_submit(user=user, attempt_id=attempt.pk)


@pytest.fixture
def course(trainee):
    """Two modules of one lesson each (the trainee has read them), a quiz on each, a post-test."""
    course, outline = course_with_lessons(modules=2, lessons=1, published=True)
    enrolment_create(user=trainee, course=course)
    for (lesson,) in outline:
        lesson_complete(user=trainee, lesson=lesson)
    first, second = (lessons[0].module for lessons in outline)
    quiz_for(module=first, max_attempts=3)
    quiz_for(module=second, grading_method="last")
    quiz_for(course=course)
    return course


def test_outcomes_are_keyed_by_module_with_the_post_test_under_none(trainee, course):
    first, second = course.modules.all()
    take(trainee, first.quiz, "Accept")
    take(trainee, first.quiz, "Decline warmly")

    outcomes = quiz_outcomes_for_course(user=trainee, course=course)

    assert set(outcomes) == {first.pk, second.pk, None}
    assert outcomes[first.pk].passed
    assert outcomes[first.pk].grade_percent == Decimal("100.00")
    assert (outcomes[first.pk].attempts_used, outcomes[first.pk].attempts_allowed) == (2, 3)
    assert not outcomes[second.pk].passed
    assert outcomes[second.pk].grade_percent is None
    assert outcomes[second.pk].attempts_allowed is None
    assert outcomes[None].quiz_id == course.post_test.pk


def test_the_grading_method_decides_the_pass(trainee, course):
    second = course.modules.all()[1]  # graded by the last attempt
    take(trainee, second.quiz, "Decline warmly")
    take(trainee, second.quiz, "Accept")

    outcome = quiz_outcomes_for_course(user=trainee, course=course)[second.pk]

    assert not outcome.passed
    assert outcome.grade_percent == Decimal("0.00")


def test_an_open_attempt_and_one_awaiting_grading_are_reported(trainee, course):
    first = course.modules.all()[0]
    attempt_start(user=trainee, quiz=first.quiz)
    written, _ = course_with_lessons(modules=1, lessons=1, published=True)
    enrolment_create(user=trainee, course=written)
    post_test = QuizFactory(module=None, course=written)
    free_text_question(QuizVersionFactory(quiz=post_test, published=True))
    attempt = attempt_start(user=trainee, quiz=post_test)
    attempt_slot_save(user=trainee, attempt_id=attempt.pk, position=1, response={"text": "Why."})
    attempt_submit(user=trainee, attempt_id=attempt.pk)

    assert quiz_outcomes_for_course(user=trainee, course=course)[first.pk].in_progress
    outcome = quiz_outcomes_for_course(user=trainee, course=written)[None]
    assert outcome.awaiting_grading
    assert not outcome.passed


def test_drafts_are_not_outcomes_and_visitors_have_no_attempts(trainee, course):
    draft_only, _ = course_with_lessons(modules=1, lessons=1, published=True)
    version = QuizVersionFactory(quiz=QuizFactory(module=draft_only.modules.get()))
    single_question(version)
    take(trainee, course.modules.all()[0].quiz, "Decline warmly")

    outcomes = quiz_outcomes_for_courses(user=AnonymousUser(), courses=[course, draft_only])

    assert set(outcomes) == {course.pk}
    assert all(outcome.attempts_used == 0 for outcome in outcomes[course.pk].values())


def test_outcomes_for_many_courses_take_three_queries(trainee, django_assert_num_queries):
    courses = []
    for _ in range(3):
        course, outline = course_with_lessons(modules=3, lessons=1, published=True)
        enrolment_create(user=trainee, course=course)
        for (lesson,) in outline:
            quiz = quiz_for(module=lesson.module)
            take(trainee, quiz, "Decline warmly")
        courses.append(course)

    with django_assert_num_queries(3):
        outcomes = quiz_outcomes_for_courses(user=trainee, courses=courses)

    assert sum(len(by_module) for by_module in outcomes.values()) == 9


def test_passing_a_module_quiz_completes_the_module(trainee, trainee_client, course):
    first = course.modules.all()[0]
    before = trainee_client.get(course.get_absolute_url()).content.decode()
    assert "2 of 5 steps" in before  # two lessons read; two quizzes and the post-test to go

    take(trainee, first.quiz, "Decline warmly")
    html = trainee_client.get(course.get_absolute_url()).content.decode()

    assert "3 of 5 steps" in html
    assert f'href="{first.quiz.get_absolute_url()}"' in html
    assert "Passed" in html


def test_the_course_page_shows_each_quizs_state_and_the_post_test(trainee, trainee_client, course):
    first, second = course.modules.all()
    take(trainee, first.quiz, "Accept")
    attempt_start(user=trainee, quiz=second.quiz)

    html = trainee_client.get(course.get_absolute_url()).content.decode()

    assert "0% · pass 70%" in html
    assert "In progress" in html
    assert 'id="post-test"' in html
    assert f'href="{course.post_test.get_absolute_url()}"' in html
    assert "Go to the post-test" in html


def test_the_dashboard_shows_recent_scores(trainee, trainee_client, course):
    first = course.modules.all()[0]
    attempt = take(trainee, first.quiz, "Decline warmly")

    html = trainee_client.get(reverse("home")).content.decode()

    assert "Recent scores" in html
    assert reverse("quizzes:attempt_review", kwargs={"attempt_id": attempt.pk}) in html
    assert "100%" in html


def test_a_trainee_without_attempts_sees_no_recent_scores(trainee_client, course):
    assert "Recent scores" not in trainee_client.get(reverse("home")).content.decode()


@pytest.fixture
def busy_courses(trainee):
    """Three courses of three modules, each with a quiz the trainee has taken three times."""
    courses = []
    for _ in range(3):
        course, outline = course_with_lessons(modules=3, lessons=2, published=True)
        enrolment_create(user=trainee, course=course)
        for lessons in outline:
            quiz = quiz_for(module=lessons[0].module)
            for answer in ("Accept", "Say maybe", "Decline warmly"):
                take(trainee, quiz, answer)
        quiz_for(course=course)
        courses.append(course)
    return courses


def test_course_page_queries_with_quizzes(
    trainee_client, busy_courses, django_assert_max_num_queries
):
    with django_assert_max_num_queries(13):
        response = trainee_client.get(busy_courses[0].get_absolute_url())

    assert response.content.decode().count("badge-passed") == 3


def test_dashboard_queries_with_quizzes(
    trainee_client, busy_courses, django_assert_max_num_queries
):
    # modules' eight, three for the quiz facts, one for the recent scores
    with django_assert_max_num_queries(12):
        response = trainee_client.get(reverse("home"))

    assert response.content.decode().count('class="score-item"') == 5
