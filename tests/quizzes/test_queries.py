"""Every page runs a constant number of queries: the data below has three of everything, so an
N+1 would show as extra queries. The budgets include the session, user and role look-ups."""

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt
from quizzes.services import attempt_slot_save, attempt_start, attempt_submit
from tests.factories import CohortFactory, SupervisorFactory
from tests.quizzes.factories import (
    QuizVersionFactory,
    branching_question,
    choice_key,
    enrol,
    free_text_question,
    multiple_question,
    single_question,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_trainee(trainee):
    """Three submitted attempts and one open one, on a quiz of twelve questions."""
    version = QuizVersionFactory(published=True, max_attempts=0)
    for _ in range(3):
        single_question(version)
        multiple_question(version)
        free_text_question(version)
        branching_question(version)
    enrol(trainee, version.quiz)
    submitted = []
    for _ in range(3):
        attempt = attempt_start(user=trainee, quiz=version.quiz, rng=random.Random(1))
        for slot in attempt.slots.all():
            kind = slot.snapshot["kind"]
            if kind == "single":
                response = {"choice": choice_key(slot, "Accept")}
            elif kind == "free_text":
                response = {"text": "My reasoning."}
            else:
                continue
            attempt_slot_save(
                user=trainee, attempt_id=attempt.pk, position=slot.position, response=response
            )
        # Ended by its time limit, so the unanswered scenarios do not block submission.
        Attempt.objects.filter(pk=attempt.pk).update(
            started_at=timezone.now() - timedelta(hours=2),
            deadline=timezone.now() - timedelta(hours=1),
        )
        submitted.append(attempt_submit(user=trainee, attempt_id=attempt.pk))
    open_attempt = attempt_start(user=trainee, quiz=version.quiz, rng=random.Random(1))
    supervisor = SupervisorFactory()
    CohortFactory(supervisors=[supervisor], trainees=[trainee])
    return {
        "quiz": version.quiz,
        "submitted": submitted,
        "open": open_attempt,
        "supervisor": supervisor,
    }


@pytest.mark.parametrize("position", [1, 2, 3, 4])  # single, multiple, free text, scenario
def test_attempt_question_page(
    client, trainee, busy_trainee, django_assert_max_num_queries, position
):
    client.force_login(trainee)
    url = reverse(
        "quizzes:attempt_question",
        kwargs={"attempt_id": busy_trainee["open"].pk, "position": position},
    )

    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("name", "budget"),
    [("quiz", 7), ("finish", 5), ("review", 5)],
)
def test_trainee_pages(client, trainee, busy_trainee, django_assert_max_num_queries, name, budget):
    client.force_login(trainee)
    url = {
        "quiz": busy_trainee["quiz"].get_absolute_url(),
        "finish": reverse("quizzes:attempt_finish", kwargs={"attempt_id": busy_trainee["open"].pk}),
        "review": reverse(
            "quizzes:attempt_review", kwargs={"attempt_id": busy_trainee["submitted"][0].pk}
        ),
    }[name]

    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("name", "budget"), [("supervision", 7), ("grade", 7), ("review", 8)])
def test_supervisor_pages(client, busy_trainee, django_assert_max_num_queries, name, budget):
    client.force_login(busy_trainee["supervisor"])
    attempt = busy_trainee["submitted"][0]
    url = {
        "supervision": reverse("quizzes:supervision"),
        "grade": reverse(
            "quizzes:slot_grade",
            kwargs={"slot_id": attempt.slots.filter(needs_manual_grading=True).first().pk},
        ),
        "review": reverse("quizzes:attempt_review", kwargs={"attempt_id": attempt.pk}),
    }[name]

    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    if name == "supervision":
        # three free-text answers in each of three attempts
        assert response.content.decode().count("Grade<span") == 9
