"""Published versions are immutable and attempts keep theirs: editing, republishing or even
changing an old version's rows never changes a past score or review."""

import copy
import random

import pytest
from django.urls import reverse

from quizzes.authoring import quiz_version_build, quiz_version_publish, version_data
from quizzes.models import AttemptStatus, Choice, VersionStatus
from quizzes.services import attempt_slot_save, attempt_start, attempt_submit
from tests.quizzes.factories import QuizFactory, choice_key, enrol

pytestmark = pytest.mark.django_db

QUIZ = {
    "title": "Scenario quiz: dual relationships",
    "pass_mark": 70,
    "shuffle_choices": False,
    "review": "always",
    "questions": [
        {
            "kind": "single",
            "title": "The dinner invitation",
            "vignette": "Jordan invites you to a dinner party to meet their new partner.",
            "prompt": "What do you do?",
            "choices": [
                {
                    "text": "Decline warmly and explore the invitation next session.",
                    "correct": True,
                    "principle": "objectivity",
                    "rationale": "Declining keeps you out of Jordan's social life (APA 3.05).",
                },
                {
                    "text": "Accept for an hour.",
                    "correct": False,
                    "principle": "multiple-relationships",
                    "rationale": "Accepting would make you a guest in your client's social life.",
                },
            ],
        }
    ],
}


@pytest.fixture
def quiz(trainee):
    quiz = QuizFactory(title=QUIZ["title"])
    quiz_version_publish(version=quiz_version_build(quiz=quiz, data=QUIZ))
    enrol(trainee, quiz)
    return quiz


def main_of(response):
    """The page's main content (the header's log-out form carries a fresh CSRF token)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def take(user, quiz, text):
    attempt = attempt_start(user=user, quiz=quiz, rng=random.Random(1))
    slot = attempt.slots.get()
    attempt_slot_save(
        user=user, attempt_id=attempt.pk, position=1, response={"choice": choice_key(slot, text)}
    )
    return attempt_submit(user=user, attempt_id=attempt.pk)


def test_an_old_attempt_keeps_its_score_and_review_after_a_new_version(
    trainee, trainee_client, quiz
):
    old = take(trainee, quiz, "Accept for an hour.")
    review_url = reverse("quizzes:attempt_review", kwargs={"attempt_id": old.pk})
    before = main_of(trainee_client.get(review_url))

    # The author rewrites the question and, in the new version, accepting becomes correct.
    edited = copy.deepcopy(QUIZ)
    question = edited["questions"][0]
    question["title"] = "The dinner and wine-tasting invitation"
    question["choices"][0]["correct"], question["choices"][1]["correct"] = False, True
    question["choices"][1]["rationale"] = "A rewritten rationale."
    new_version = quiz_version_publish(version=quiz_version_build(quiz=quiz, data=edited))

    old.refresh_from_db()
    assert old.version.status == VersionStatus.RETIRED
    assert (old.status, old.score, old.percent, old.passed) == (
        AttemptStatus.GRADED,
        0,
        0,
        False,
    )
    assert main_of(trainee_client.get(review_url)) == before
    assert "Accepting would make you a guest in your client" in before
    assert "A rewritten rationale." not in before

    new = take(trainee, quiz, "Accept for an hour.")
    assert new.version == new_version
    assert new.passed
    assert new.slots.get().snapshot["title"] == "The dinner and wine-tasting invitation"


def test_the_review_reads_the_snapshot_not_todays_rows(trainee, trainee_client, quiz):
    attempt = take(trainee, quiz, "Decline warmly and explore the invitation next session.")
    url = reverse("quizzes:attempt_review", kwargs={"attempt_id": attempt.pk})
    before = main_of(trainee_client.get(url))

    # Even a change written straight to the rows (no published version should ever see one).
    Choice.objects.filter(question__version=attempt.version).update(
        text="Changed", rationale="Changed"
    )

    assert main_of(trainee_client.get(url)) == before
    assert "Changed" not in before


def test_an_attempt_in_progress_finishes_on_the_version_it_started(trainee, quiz):
    attempt = attempt_start(user=trainee, quiz=quiz, rng=random.Random(1))
    edited = version_data(attempt.version) | {"pass_mark": 100}
    quiz_version_publish(version=quiz_version_build(quiz=quiz, data=edited))

    slot = attempt.slots.get()
    attempt_slot_save(
        user=trainee,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(slot, "Accept for an hour.")},
    )
    attempt = attempt_submit(user=trainee, attempt_id=attempt.pk)

    assert attempt.version.status == VersionStatus.RETIRED
    assert attempt.pass_mark == 70
