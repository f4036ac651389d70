from datetime import UTC, datetime

import pytest

from tests.factories import CohortFactory, SupervisorFactory, TraineeFactory
from tests.quizzes.factories import enrol, published_quiz

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def learner(db):
    return TraineeFactory(username="learner")


@pytest.fixture
def mixed_quiz(learner):
    """A published module quiz with one question of each kind, the learner enrolled."""
    quiz = published_quiz(questions=("single", "multiple", "true_false", "free_text", "branching"))
    enrol(learner, quiz)
    return quiz


@pytest.fixture
def cohort_supervisor(learner):
    supervisor = SupervisorFactory(username="sam")
    CohortFactory(supervisors=[supervisor], trainees=[learner])
    return supervisor


@pytest.fixture
def outsider(db):
    return TraineeFactory(username="outsider")
