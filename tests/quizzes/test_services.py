"""Attempts: start, answer, decide, submit, expire and hand-grade, with the time fixed."""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from quizzes.errors import (
    AnswerLocked,
    AttemptClosed,
    AttemptExpired,
    AttemptLimitReached,
    GradingRefused,
    InvalidAnswer,
    MissingAnswers,
    NotFound,
    QuizUnavailable,
)
from quizzes.grading import branch_walk
from quizzes.models import Attempt, AttemptSlot, AttemptStatus, FeedbackMode
from quizzes.services import (
    attempt_branch_choose,
    attempt_slot_finalise,
    attempt_slot_save,
    attempt_start,
    attempt_submit,
    attempts_submit_expired,
    slot_grade_manually,
)
from tests.factories import SupervisorFactory
from tests.quizzes.factories import (
    QuizVersionFactory,
    branching_question,
    choice_key,
    enrol,
    free_text_question,
    published_quiz,
    single_question,
    true_false_question,
)

pytestmark = pytest.mark.django_db


def start(user, quiz, now, seed=1):
    return attempt_start(user=user, quiz=quiz, now=now, rng=random.Random(seed))


def slot(attempt, kind):
    return next(slot for slot in attempt.slots.all() if slot.snapshot["kind"] == kind)


def answer_all(attempt, user, now):
    """Answers every question of a mixed quiz: all correct, the scenario to its best ending."""
    for each in attempt.slots.all():
        kind = each.snapshot["kind"]
        arguments = {"user": user, "attempt_id": attempt.pk, "position": each.position, "now": now}
        if kind == "single":
            attempt_slot_save(**arguments, response={"choice": choice_key(each, "Decline warmly")})
        elif kind == "multiple":
            keys = [choice_key(each, "A"), choice_key(each, "B")]
            attempt_slot_save(**arguments, response={"choices": keys})
        elif kind == "true_false":
            attempt_slot_save(**arguments, response={"choice": choice_key(each, "True")})
        elif kind == "free_text":
            attempt_slot_save(**arguments, response={"text": "Objectivity is at risk."})
        else:
            decide(each, user, ["Decline warmly", "Explore the hurt"], now)


def decide(scenario_slot, user, texts, now):
    step = scenario_slot.snapshot["start"]
    for number, text in enumerate(texts):
        key = choice_key(scenario_slot, text, step=step)
        scenario_slot = attempt_branch_choose(
            user=user,
            attempt_id=scenario_slot.attempt_id,
            position=scenario_slot.position,
            choice_key=key,
            step=number,
            now=now,
        )
        step = next(
            c["next"] for c in scenario_slot.snapshot["steps"][step]["choices"] if c["key"] == key
        )
    return scenario_slot


# Starting -------------------------------------------------------------------------------------


def test_start_builds_slots_with_snapshots_and_keeps_the_versions_settings(
    learner, mixed_quiz, now
):
    attempt = start(learner, mixed_quiz, now)

    version = mixed_quiz.versions.get()
    assert attempt.version == version
    assert attempt.number == 1
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert attempt.pass_mark == version.pass_mark
    assert attempt.max_score == Decimal("8.00")  # 1 + 1 + 1 + 2 + 3
    assert attempt.deadline is None
    slots = list(attempt.slots.all())
    assert [s.snapshot["kind"] for s in slots] == [
        "single",
        "multiple",
        "true_false",
        "free_text",
        "branching",
    ]
    single = slots[0]
    assert single.snapshot["title"] == single.question.title
    assert [c["text"] for c in single.snapshot["choices"]] == [
        "Decline warmly",
        "Accept",
        "Say maybe",
    ]
    assert single.snapshot["choices"][0]["correct"] is True
    assert single.snapshot["choices"][0]["principle"]["slug"] == "objectivity"
    assert slots[4].snapshot["steps"]["invitation"]["choices"][0]["next"] == "next-session"


def test_choice_keys_are_opaque_not_database_ids(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)

    single = slot(attempt, "single")
    ids = {str(pk) for pk in single.question.choices.values_list("pk", flat=True)}
    keys = [c["key"] for c in single.snapshot["choices"]]
    assert len(set(keys)) == 3
    assert not ids & set(keys)


def test_the_time_limit_sets_the_deadline(learner, now):
    quiz = published_quiz(time_limit_minutes=20)
    enrol(learner, quiz)

    assert start(learner, quiz, now).deadline == now + timedelta(minutes=20)


def test_start_resumes_the_attempt_in_progress(learner, mixed_quiz, now):
    first = start(learner, mixed_quiz, now, seed=1)
    again = start(learner, mixed_quiz, now + timedelta(hours=1), seed=2)

    assert again.pk == first.pk
    assert Attempt.objects.count() == 1


def test_the_database_allows_one_attempt_in_progress(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)

    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(
            user=learner,
            quiz=mixed_quiz,
            version=attempt.version,
            number=2,
            started_at=now,
            pass_mark=70,
            max_score=1,
        )


def test_attempts_beyond_the_maximum_are_refused_with_a_message(learner, now):
    quiz = published_quiz(max_attempts=2)
    enrol(learner, quiz)
    for _ in range(2):
        attempt = start(learner, quiz, now)
        attempt_slot_save(
            user=learner,
            attempt_id=attempt.pk,
            position=1,
            response={"choice": choice_key(attempt.slots.get(), "Accept")},
            now=now,
        )
        attempt_submit(user=learner, attempt_id=attempt.pk, now=now)

    with pytest.raises(
        AttemptLimitReached, match="You have used all 2 attempts allowed on this quiz"
    ):
        start(learner, quiz, now)
    assert Attempt.objects.count() == 2


def test_start_refuses_a_trainee_not_enrolled_on_the_course(learner, now):
    quiz = published_quiz()

    with pytest.raises(QuizUnavailable, match="Enrol on the course"):
        start(learner, quiz, now)


def test_start_refuses_a_quiz_with_no_published_version(learner, now):
    version = QuizVersionFactory()  # a draft
    single_question(version)
    enrol(learner, version.quiz)

    with pytest.raises(QuizUnavailable, match="not open"):
        start(learner, version.quiz, now)


def test_start_submits_an_expired_attempt_then_starts_the_next(learner, now):
    quiz = published_quiz(time_limit_minutes=10)
    enrol(learner, quiz)
    expired = start(learner, quiz, now)

    fresh = start(learner, quiz, now + timedelta(minutes=11))

    expired.refresh_from_db()
    assert expired.status == AttemptStatus.GRADED
    assert expired.submitted_at == expired.deadline
    assert fresh.number == 2


def test_an_expired_attempt_stays_submitted_when_the_next_start_is_refused(learner, now):
    quiz = published_quiz(time_limit_minutes=10, max_attempts=1)
    enrol(learner, quiz)
    expired = start(learner, quiz, now)

    with pytest.raises(AttemptLimitReached):
        start(learner, quiz, now + timedelta(minutes=11))

    expired.refresh_from_db()
    assert expired.status == AttemptStatus.GRADED


# Pools and shuffling --------------------------------------------------------------------------


def pool_quiz(learner, size, **settings):
    version = QuizVersionFactory(published=True, pool_size=size, **settings)
    for number in range(6):
        single_question(version, title=f"Question {number}")
    enrol(learner, version.quiz)
    return version.quiz


def finish(attempt, user, now):
    attempt_submit(user=user, attempt_id=attempt.pk, now=now + timedelta(days=365))


def test_a_pool_draws_n_of_m_questions_in_authored_order(learner, now):
    quiz = pool_quiz(learner, 3)

    attempt = start(learner, quiz, now)

    titles = [s.snapshot["title"] for s in attempt.slots.all()]
    assert len(titles) == 3
    assert titles == sorted(titles), "without question shuffling the draw keeps the authored order"
    assert attempt.max_score == Decimal("3.00")


def test_different_attempts_can_draw_different_questions(learner, now):
    quiz = pool_quiz(learner, 3, time_limit_minutes=1)
    draws = set()
    for seed in range(6):
        attempt = start(learner, quiz, now, seed=seed)
        draws.add(tuple(s.question_id for s in attempt.slots.all()))
        attempts_submit_expired(now=now + timedelta(minutes=2))

    assert len(draws) > 1


def test_the_draw_is_fixed_within_an_attempt(learner, now):
    quiz = pool_quiz(learner, 3, shuffle_questions=True, shuffle_choices=True)
    attempt = start(learner, quiz, now, seed=3)
    before = [(s.question_id, s.snapshot) for s in attempt.slots.all()]

    resumed = start(learner, quiz, now + timedelta(minutes=5), seed=99)

    assert [(s.question_id, s.snapshot) for s in resumed.slots.all()] == before


def test_shuffling_changes_question_and_choice_order_once(learner, now):
    version = QuizVersionFactory(published=True, shuffle_questions=True, shuffle_choices=True)
    for number in range(5):
        single_question(version, title=f"Question {number}", texts=("A", "B", "C", "D", "E"))
    enrol(learner, version.quiz)

    orders = set()
    choice_orders = set()
    for seed in range(5):
        attempt = start(learner, version.quiz, now, seed=seed)
        orders.add(tuple(s.snapshot["title"] for s in attempt.slots.all()))
        choice_orders.add(tuple(c["text"] for c in attempt.slots.first().snapshot["choices"]))
        Attempt.objects.filter(pk=attempt.pk).delete()

    assert len(orders) > 1
    assert len(choice_orders) > 1


def test_true_false_choices_are_never_shuffled(learner, now):
    version = QuizVersionFactory(published=True, shuffle_choices=True)
    true_false_question(version)
    enrol(learner, version.quiz)

    for seed in range(6):
        attempt = start(learner, version.quiz, now, seed=seed)
        assert [c["text"] for c in attempt.slots.get().snapshot["choices"]] == ["True", "False"]
        Attempt.objects.filter(pk=attempt.pk).delete()


# Answering ------------------------------------------------------------------------------------


def test_answers_are_saved_as_you_go_and_can_change(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    single = slot(attempt, "single")

    attempt_slot_save(
        user=learner,
        attempt_id=attempt.pk,
        position=single.position,
        response={"choice": choice_key(single, "Accept")},
        now=now,
    )
    attempt_slot_save(
        user=learner,
        attempt_id=attempt.pk,
        position=single.position,
        response={"choice": choice_key(single, "Say maybe")},
        now=now,
    )

    single.refresh_from_db()
    assert single.response == {"choice": choice_key(single, "Say maybe")}
    assert single.answered_at == now
    assert single.mark is None and not single.is_final


def test_a_choice_of_another_question_is_refused_and_nothing_saved(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    single, true_false = slot(attempt, "single"), slot(attempt, "true_false")

    with pytest.raises(InvalidAnswer, match="not part of this question"):
        attempt_slot_save(
            user=learner,
            attempt_id=attempt.pk,
            position=single.position,
            response={"choice": choice_key(true_false, "True")},
            now=now,
        )
    single.refresh_from_db()
    assert single.response is None


def test_a_database_id_in_place_of_a_key_is_refused(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    single = slot(attempt, "single")
    correct_id = single.question.choices.get(is_correct=True).pk

    with pytest.raises(InvalidAnswer):
        attempt_slot_save(
            user=learner,
            attempt_id=attempt.pk,
            position=single.position,
            response={"choice": str(correct_id)},
            now=now,
        )


def test_a_question_not_in_the_attempt_is_not_found(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)

    with pytest.raises(NotFound):
        attempt_slot_save(user=learner, attempt_id=attempt.pk, position=99, response=None, now=now)


def test_another_users_attempt_is_not_found_and_untouched(learner, outsider, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    single = slot(attempt, "single")

    with pytest.raises(NotFound):
        attempt_slot_save(
            user=outsider,
            attempt_id=attempt.pk,
            position=single.position,
            response={"choice": choice_key(single, "Accept")},
            now=now,
        )
    with pytest.raises(NotFound):
        attempt_submit(user=outsider, attempt_id=attempt.pk, now=now)

    single.refresh_from_db()
    attempt.refresh_from_db()
    assert single.response is None
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_answers_after_submission_are_refused(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    answer_all(attempt, learner, now)
    attempt_submit(user=learner, attempt_id=attempt.pk, now=now)
    single = slot(attempt, "single")

    with pytest.raises(AttemptClosed, match="submitted"):
        attempt_slot_save(
            user=learner,
            attempt_id=attempt.pk,
            position=single.position,
            response={"choice": choice_key(single, "Accept")},
            now=now,
        )
    single.refresh_from_db()
    assert single.response == {"choice": choice_key(single, "Decline warmly")}


def test_answers_after_the_deadline_are_refused_and_nothing_saved(learner, now):
    quiz = published_quiz(time_limit_minutes=15)
    enrol(learner, quiz)
    attempt = start(learner, quiz, now)
    single = attempt.slots.get()

    with pytest.raises(AttemptExpired, match="too late"):
        attempt_slot_save(
            user=learner,
            attempt_id=attempt.pk,
            position=1,
            response={"choice": choice_key(single, "Decline warmly")},
            now=now + timedelta(minutes=15),
        )
    single.refresh_from_db()
    assert single.response is None


# Immediate feedback ---------------------------------------------------------------------------


def test_finalising_an_answer_locks_and_marks_it(learner, now):
    quiz = published_quiz(feedback_mode=FeedbackMode.IMMEDIATE)
    enrol(learner, quiz)
    attempt = start(learner, quiz, now)
    single = attempt.slots.get()

    finalised = attempt_slot_finalise(
        user=learner,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(single, "Accept")},
        now=now,
    )

    assert finalised.is_final
    assert finalised.mark == Decimal("0.00")
    with pytest.raises(AnswerLocked):
        attempt_slot_save(
            user=learner,
            attempt_id=attempt.pk,
            position=1,
            response={"choice": choice_key(single, "Decline warmly")},
            now=now,
        )
    with pytest.raises(AnswerLocked):
        attempt_slot_finalise(
            user=learner,
            attempt_id=attempt.pk,
            position=1,
            response={"choice": choice_key(single, "Decline warmly")},
            now=now,
        )


def test_finalising_needs_an_answer(learner, now):
    quiz = published_quiz(feedback_mode=FeedbackMode.IMMEDIATE)
    enrol(learner, quiz)
    attempt = start(learner, quiz, now)

    with pytest.raises(InvalidAnswer, match="Choose an answer before checking it"):
        attempt_slot_finalise(
            user=learner, attempt_id=attempt.pk, position=1, response=None, now=now
        )
    assert not attempt.slots.get().is_final


def test_a_deferred_feedback_quiz_cannot_finalise_single_answers(learner, now):
    quiz = published_quiz(feedback_mode=FeedbackMode.DEFERRED)
    enrol(learner, quiz)
    attempt = start(learner, quiz, now)
    single = attempt.slots.get()

    with pytest.raises(InvalidAnswer, match="after you submit"):
        attempt_slot_finalise(
            user=learner,
            attempt_id=attempt.pk,
            position=1,
            response={"choice": choice_key(single, "Accept")},
            now=now,
        )


# Branching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "ending", "mark"),
    [
        (["Decline warmly", "Explore the hurt"], "best-ending", "3.00"),
        (["Decline warmly", "Move straight on"], "missed-ending", "1.50"),
        (["Accept the invitation", "Own the mistake"], "repair-ending", "1.20"),
        (["Accept the invitation", "Give your opinion"], "entangled-ending", "0.00"),
    ],
)
def test_each_path_reaches_its_ending_and_score(learner, mixed_quiz, now, texts, ending, mark):
    attempt = start(learner, mixed_quiz, now)

    scenario = decide(slot(attempt, "branching"), learner, texts, now)

    assert scenario.is_final
    assert scenario.mark == Decimal(mark)
    assert (
        branch_walk(snapshot=scenario.snapshot, path=scenario.response["path"]).current_key
        == ending
    )


def test_a_choice_not_offered_at_the_current_step_is_refused(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    scenario = slot(attempt, "branching")
    later = choice_key(scenario, "Explore the hurt", step="next-session")

    with pytest.raises(InvalidAnswer, match="not offered at this step"):
        attempt_branch_choose(
            user=learner,
            attempt_id=attempt.pk,
            position=scenario.position,
            choice_key=later,
            step=0,
            now=now,
        )
    scenario.refresh_from_db()
    assert scenario.response is None


def test_a_repeated_decision_is_not_applied_to_the_next_step(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    scenario = slot(attempt, "branching")
    key = choice_key(scenario, "Decline warmly", step="invitation")
    attempt_branch_choose(
        user=learner,
        attempt_id=attempt.pk,
        position=scenario.position,
        choice_key=key,
        step=0,
        now=now,
    )

    with pytest.raises(AnswerLocked, match="already made"):
        attempt_branch_choose(
            user=learner,
            attempt_id=attempt.pk,
            position=scenario.position,
            choice_key=key,
            step=0,
            now=now,
        )
    scenario.refresh_from_db()
    assert scenario.response == {"path": [key]}


def test_a_finished_scenario_takes_no_more_decisions(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    scenario = decide(
        slot(attempt, "branching"), learner, ["Decline warmly", "Explore the hurt"], now
    )

    with pytest.raises(AnswerLocked):
        attempt_branch_choose(
            user=learner,
            attempt_id=attempt.pk,
            position=scenario.position,
            choice_key="x",
            step=2,
            now=now,
        )


def test_a_scenario_is_not_saved_as_a_whole_answer(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    scenario = slot(attempt, "branching")

    with pytest.raises(InvalidAnswer):
        attempt_slot_save(
            user=learner,
            attempt_id=attempt.pk,
            position=scenario.position,
            response={"path": []},
            now=now,
        )


# Submitting -----------------------------------------------------------------------------------


def test_submit_refuses_missing_required_answers_with_their_numbers(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    single = slot(attempt, "single")
    attempt_slot_save(
        user=learner,
        attempt_id=attempt.pk,
        position=single.position,
        response={"choice": choice_key(single, "Accept")},
        now=now,
    )

    with pytest.raises(MissingAnswers, match="Answer questions 2, 3, 4, 5 before submitting"):
        attempt_submit(user=learner, attempt_id=attempt.pk, now=now)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert not AttemptSlot.objects.filter(attempt=attempt, is_final=True).exists()


def test_an_optional_question_may_be_left_blank(learner, now):
    version = QuizVersionFactory(published=True)
    single_question(version)
    free_text_question(version, required=False)
    enrol(learner, version.quiz)
    attempt = start(learner, version.quiz, now)
    first = attempt.slots.get(position=1)
    attempt_slot_save(
        user=learner,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(first, "Decline warmly")},
        now=now,
    )

    attempt = attempt_submit(user=learner, attempt_id=attempt.pk, now=now)

    assert attempt.status == AttemptStatus.GRADED
    assert attempt.score == Decimal("1.00")  # a blank free-text answer earns 0, no grading needed
    assert attempt.percent == Decimal("33.33")


def test_submit_grades_once_and_submitting_again_changes_nothing(learner, mixed_quiz, now):
    attempt = start(learner, mixed_quiz, now)
    answer_all(attempt, learner, now)

    first = attempt_submit(user=learner, attempt_id=attempt.pk, now=now)
    again = attempt_submit(user=learner, attempt_id=attempt.pk, now=now + timedelta(minutes=5))

    assert first.status == AttemptStatus.SUBMITTED  # the free-text answer awaits a supervisor
    assert again.submitted_at == now
    assert [s.mark for s in attempt.slots.all()] == [
        Decimal("1.00"),
        Decimal("1.00"),
        Decimal("1.00"),
        None,
        Decimal("3.00"),
    ]
    assert attempt.slots.get(position=4).needs_manual_grading


def test_a_fully_automatic_attempt_is_graded_on_submit(learner, now):
    version = QuizVersionFactory(published=True, pass_mark=50)
    single_question(version)
    true_false_question(version)
    enrol(learner, version.quiz)
    attempt = start(learner, version.quiz, now)
    first, second = attempt.slots.all()
    attempt_slot_save(
        user=learner,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(first, "Decline warmly")},
        now=now,
    )
    attempt_slot_save(
        user=learner,
        attempt_id=attempt.pk,
        position=2,
        response={"choice": choice_key(second, "False")},
        now=now,
    )

    attempt = attempt_submit(user=learner, attempt_id=attempt.pk, now=now)

    assert (attempt.status, attempt.score, attempt.percent, attempt.passed) == (
        AttemptStatus.GRADED,
        Decimal("1.00"),
        Decimal("50.00"),
        True,
    )
    assert attempt.graded_at == now


def test_an_expired_attempt_is_submitted_with_what_was_saved(learner, now):
    version = QuizVersionFactory(published=True, time_limit_minutes=30)
    single_question(version)
    true_false_question(version)
    branching_question(version)
    enrol(learner, version.quiz)
    attempt = start(learner, version.quiz, now)
    first = attempt.slots.get(position=1)
    attempt_slot_save(
        user=learner,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(first, "Decline warmly")},
        now=now + timedelta(minutes=10),
    )
    decide(attempt.slots.get(position=3), learner, ["Decline warmly"], now + timedelta(minutes=12))

    attempt = attempt_submit(user=learner, attempt_id=attempt.pk, now=now + timedelta(minutes=45))

    assert attempt.status == AttemptStatus.GRADED
    assert attempt.submitted_at == now + timedelta(minutes=30), "it ended at its deadline"
    assert [s.mark for s in attempt.slots.all()] == [
        Decimal("1.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    ]
    assert attempt.score == Decimal("1.00")


def test_the_sweep_submits_expired_attempts_and_leaves_open_ones(learner, outsider, now):
    timed = published_quiz(time_limit_minutes=5)
    untimed = published_quiz()
    for quiz in (timed, untimed):
        enrol(learner, quiz)
    enrol(outsider, timed)
    expired = start(learner, timed, now)
    open_ = start(learner, untimed, now)
    still_running = start(outsider, timed, now + timedelta(minutes=4))

    assert attempts_submit_expired(now=now + timedelta(minutes=6)) == 1

    expired.refresh_from_db()
    open_.refresh_from_db()
    still_running.refresh_from_db()
    assert expired.status == AttemptStatus.GRADED
    assert open_.is_in_progress and still_running.is_in_progress


def test_the_management_command_submits_expired_attempts(learner, now, capsys):
    quiz = published_quiz(time_limit_minutes=5)
    enrol(learner, quiz)
    attempt = start(learner, quiz, now - timedelta(hours=1))

    call_command("submit_expired_attempts")

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert "Submitted 1 expired attempt." in capsys.readouterr().out


# Hand grading ---------------------------------------------------------------------------------


def submitted_free_text(learner, now, pass_mark=70):
    version = QuizVersionFactory(published=True, pass_mark=pass_mark)
    single_question(version)
    free_text_question(version)
    enrol(learner, version.quiz)
    attempt = start(learner, version.quiz, now)
    first = attempt.slots.get(position=1)
    attempt_slot_save(
        user=learner,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(first, "Decline warmly")},
        now=now,
    )
    attempt_slot_save(
        user=learner, attempt_id=attempt.pk, position=2, response={"text": "Objectivity."}, now=now
    )
    return attempt_submit(user=learner, attempt_id=attempt.pk, now=now)


def test_a_free_text_answer_counts_once_a_supervisor_grades_it(learner, cohort_supervisor, now):
    attempt = submitted_free_text(learner, now)
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score is None
    answer = attempt.slots.get(position=2)

    slot_grade_manually(
        grader=cohort_supervisor,
        slot_id=answer.pk,
        mark=Decimal("1.5"),
        comment=" Good start. ",
        now=now + timedelta(days=1),
    )

    attempt.refresh_from_db()
    answer.refresh_from_db()
    assert (answer.mark, answer.graded_by, answer.grader_comment) == (
        Decimal("1.50"),
        cohort_supervisor,
        "Good start.",
    )
    assert not answer.needs_manual_grading
    assert (attempt.status, attempt.score, attempt.percent, attempt.passed) == (
        AttemptStatus.GRADED,
        Decimal("2.50"),
        Decimal("83.33"),
        True,
    )


def test_revising_a_mark_regrades_the_attempt(learner, cohort_supervisor, now):
    attempt = submitted_free_text(learner, now)
    answer = attempt.slots.get(position=2)
    slot_grade_manually(
        grader=cohort_supervisor, slot_id=answer.pk, mark=Decimal(2), comment="", now=now
    )

    slot_grade_manually(
        grader=cohort_supervisor,
        slot_id=answer.pk,
        mark=Decimal(0),
        comment="On reflection, no.",
        now=now,
    )

    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (Decimal("1.00"), False)


def test_only_a_supervisor_of_the_trainees_cohort_may_grade(learner, now):
    attempt = submitted_free_text(learner, now)
    answer = attempt.slots.get(position=2)
    stranger = SupervisorFactory(username="another-practice")

    for grader in (stranger, learner):
        with pytest.raises(NotFound):
            slot_grade_manually(
                grader=grader, slot_id=answer.pk, mark=Decimal(1), comment="", now=now
            )
    answer.refresh_from_db()
    assert answer.mark is None


@pytest.mark.parametrize("mark", [Decimal("-0.5"), Decimal("2.01")])
def test_a_mark_out_of_range_is_refused(learner, cohort_supervisor, now, mark):
    answer = submitted_free_text(learner, now).slots.get(position=2)

    with pytest.raises(GradingRefused, match="from 0 to 2"):
        slot_grade_manually(
            grader=cohort_supervisor, slot_id=answer.pk, mark=mark, comment="", now=now
        )


def test_only_submitted_free_text_answers_are_graded_by_hand(learner, cohort_supervisor, now):
    attempt = submitted_free_text(learner, now)
    with pytest.raises(GradingRefused, match="Only free-text"):
        slot_grade_manually(
            grader=cohort_supervisor,
            slot_id=attempt.slots.get(position=1).pk,
            mark=Decimal(1),
            comment="",
            now=now,
        )


def test_an_attempt_in_progress_cannot_be_graded(learner, cohort_supervisor, now):
    quiz = published_quiz(questions=("free_text",))
    enrol(learner, quiz)
    attempt = start(learner, quiz, now)
    attempt_slot_save(
        user=learner, attempt_id=attempt.pk, position=1, response={"text": "Draft"}, now=now
    )

    with pytest.raises(GradingRefused, match="not been submitted"):
        slot_grade_manually(
            grader=cohort_supervisor,
            slot_id=attempt.slots.get().pk,
            mark=Decimal(1),
            comment="",
            now=now,
        )
