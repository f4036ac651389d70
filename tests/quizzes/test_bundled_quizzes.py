"""The bundled course's quizzes, loaded as in production, taken through the pages."""

import pytest
from django.urls import reverse

from core.management.commands.seed_demo import BUNDLED_COURSE
from modules.course_import import course_import
from modules.models import Course
from modules.services import enrolment_create
from quizzes.models import Attempt, Quiz
from tests.quizzes.assertions import assert_no_correctness

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(trainee):
    course_import(folder=BUNDLED_COURSE)
    course = Course.objects.get()
    enrolment_create(user=trainee, course=course)
    return course


def test_every_bundled_quiz_starts_and_each_question_page_keeps_its_answers_hidden(
    trainee_client, course
):
    quizzes = Quiz.objects.order_by("pk")
    assert quizzes.count() == 6  # five module quizzes and the post-test

    for quiz in quizzes:
        assert trainee_client.get(quiz.get_absolute_url()).status_code == 200
        trainee_client.post(reverse("quizzes:attempt_start", kwargs={"quiz_id": quiz.pk}))
        attempt = Attempt.objects.get(quiz=quiz)
        slots = list(attempt.slots.all())
        assert len(slots) == (10 if quiz.is_post_test else quiz.versions.get().questions.count())
        for slot in slots:
            url = reverse(
                "quizzes:attempt_question",
                kwargs={"attempt_id": attempt.pk, "position": slot.position},
            )
            response = trainee_client.get(url)
            assert response.status_code == 200, (quiz, slot.position)
            assert_no_correctness(response.content.decode(), slot)
