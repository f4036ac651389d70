"""Two tabs, two connections: the attempt row lock makes racing writes run one after the other.

Each thread has its own database connection (Django's are per thread), so these are real
concurrent transactions on PostgreSQL. SQLite has no row locks and serialises every write, so
there is nothing to race there.
"""

import random
import threading
import time
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction

from quizzes import services
from quizzes.errors import AttemptClosed
from quizzes.models import Attempt, AttemptStatus
from quizzes.services import attempt_slot_save, attempt_start, attempt_submit
from tests.quizzes.factories import choice_key, enrol, published_quiz

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migrated_data")]

HOLD = 0.5  # seconds the first transaction keeps the lock, long enough for the other to arrive


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks (SELECT FOR UPDATE) need PostgreSQL; SQLite serialises writes")


@pytest.fixture
def answered_attempt(learner, now):
    quiz = published_quiz(questions=("single", "true_false"))
    enrol(learner, quiz)
    attempt = attempt_start(user=learner, quiz=quiz, now=now, rng=random.Random(1))
    for slot in attempt.slots.all():
        text = "True" if slot.snapshot["kind"] == "true_false" else "Decline warmly"
        attempt_slot_save(
            user=learner,
            attempt_id=attempt.pk,
            position=slot.position,
            response={"choice": choice_key(slot, text)},
            now=now,
        )
    return attempt


def run_together(*targets):
    """Runs each callable in its own thread (and connection), released at the same moment."""
    barrier = threading.Barrier(len(targets))
    results, errors = [None] * len(targets), []

    def run(index, target):
        try:
            barrier.wait()
            results[index] = target()
        except Exception as error:  # reported to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def slow_grading(monkeypatch):
    """Counts gradings, each holding the lock a while as a slow server would."""
    calls = []
    real = services.attempt_grade

    def grade(**kwargs):
        calls.append(threading.get_ident())
        time.sleep(HOLD)
        return real(**kwargs)

    monkeypatch.setattr(services, "attempt_grade", grade)
    return calls


def test_double_submission_from_two_connections_grades_once(
    answered_attempt, learner, now, monkeypatch
):
    gradings = slow_grading(monkeypatch)

    def submit(offset):
        return lambda: attempt_submit(
            user=learner, attempt_id=answered_attempt.pk, now=now + timedelta(seconds=offset)
        )

    results, errors = run_together(submit(1), submit(2))

    assert errors == []
    assert len(gradings) == 1, "the second submission waited for the lock and found it graded"
    answered_attempt.refresh_from_db()
    assert answered_attempt.status == AttemptStatus.GRADED
    assert {result.submitted_at for result in results} == {answered_attempt.submitted_at}


def test_a_second_connection_cannot_lock_an_attempt_being_submitted(
    answered_attempt, learner, now, monkeypatch
):
    slow_grading(monkeypatch)
    submitting = threading.Thread(
        target=lambda: (
            attempt_submit(user=learner, attempt_id=answered_attempt.pk, now=now),
            connection.close(),
        )
    )
    submitting.start()
    time.sleep(HOLD / 2)  # the submission now holds the row lock

    with pytest.raises(DatabaseError, match="could not obtain lock"), transaction.atomic():
        Attempt.objects.select_for_update(nowait=True).get(pk=answered_attempt.pk)
    submitting.join(timeout=30)


def test_an_answer_racing_the_submission_is_refused_not_lost(
    answered_attempt, learner, now, monkeypatch
):
    slow_grading(monkeypatch)
    slot = answered_attempt.slots.get(position=1)
    before = slot.response

    def late_save():
        time.sleep(HOLD / 2)  # arrives while the submission holds the lock
        return attempt_slot_save(
            user=learner,
            attempt_id=answered_attempt.pk,
            position=1,
            response={"choice": choice_key(slot, "Accept")},
            now=now,
        )

    _, errors = run_together(
        lambda: attempt_submit(user=learner, attempt_id=answered_attempt.pk, now=now), late_save
    )

    assert [type(error) for error in errors] == [AttemptClosed]
    slot.refresh_from_db()
    assert slot.response == before
    assert slot.mark is not None


def test_two_tabs_starting_at_once_share_one_attempt(learner, now, monkeypatch):
    quiz = published_quiz()
    enrol(learner, quiz)
    real_draw = services._draw

    def slow_draw(version, rng):
        time.sleep(HOLD)  # both tabs have checked for an attempt in progress by now
        return real_draw(version, rng)

    monkeypatch.setattr(services, "_draw", slow_draw)

    def begin():
        return attempt_start(user=learner, quiz=quiz, now=now, rng=random.Random(1))

    results, errors = run_together(begin, begin)

    assert errors == []
    assert results[0].pk == results[1].pk
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 1
