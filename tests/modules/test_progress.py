"""The progress rules: pure functions, so no database."""

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from modules.progress import (
    NO_QUIZ_FACTS,
    ModuleOutline,
    ModuleState,
    QuizFacts,
    Reading,
    Step,
    StepKind,
    course_progress,
    course_seat_time,
    course_steps,
    is_overdue,
    lesson_seat_time,
    module_state,
    next_step,
    percent_complete,
    step_done,
)

# Two modules of lessons 11, 12 and 21, 22, 23; both have quizzes in the quiz facts below.
OUTLINE = [ModuleOutline(1, (11, 12)), ModuleOutline(2, (21, 22, 23))]
QUIZZES = QuizFacts(quiz_module_ids=frozenset({1, 2}), has_post_test=True)


def lesson(module_id, lesson_id):
    return Step(StepKind.LESSON, module_id=module_id, lesson_id=lesson_id)


def quiz(module_id):
    return Step(StepKind.QUIZ, module_id=module_id)


POST_TEST = Step(StepKind.POST_TEST)


@pytest.mark.parametrize(
    ("done", "total", "percent"),
    [
        (0, 0, 0),
        (0, 9, 0),
        (1, 3, 33),
        (2, 3, 66),
        (3, 3, 100),
        (299, 300, 99),  # rounds down: 100 only when everything is done
        (4, 3, 100),
        (-1, 3, 0),
    ],
)
def test_percent_complete(done, total, percent):
    assert percent_complete(done=done, total=total) == percent


@pytest.mark.parametrize(
    ("lessons_total", "completed", "opened", "has_quiz", "passed", "state"),
    [
        (3, 0, 0, False, False, ModuleState.NOT_STARTED),
        (3, 0, 1, False, False, ModuleState.IN_PROGRESS),
        (3, 1, 1, False, False, ModuleState.IN_PROGRESS),
        (3, 3, 3, False, False, ModuleState.COMPLETE),
        (3, 3, 3, True, False, ModuleState.IN_PROGRESS),  # every lesson done, quiz not passed
        (3, 3, 3, True, True, ModuleState.COMPLETE),
        (3, 0, 0, True, True, ModuleState.IN_PROGRESS),  # quiz passed before reading
        (3, 2, 3, True, True, ModuleState.IN_PROGRESS),
        (0, 0, 0, True, False, ModuleState.NOT_STARTED),
        (0, 0, 0, True, True, ModuleState.COMPLETE),  # a quiz-only module
        (0, 0, 0, False, False, ModuleState.NOT_STARTED),  # an empty module never completes
        (3, 0, 0, False, True, ModuleState.NOT_STARTED),  # a pass without a quiz counts nothing
    ],
)
def test_module_state(lessons_total, completed, opened, has_quiz, passed, state):
    assert (
        module_state(
            lessons_total=lessons_total,
            lessons_completed=completed,
            lessons_opened=opened,
            has_quiz=has_quiz,
            quiz_passed=passed,
        )
        is state
    )


def test_module_state_over_every_small_combination():
    """Complete exactly when there is something to do and all of it is done; started once
    anything at all is begun."""
    for total, has_quiz, passed in itertools.product(range(4), (False, True), (False, True)):
        for completed, opened in itertools.product(range(total + 1), range(total + 1)):
            state = module_state(
                lessons_total=total,
                lessons_completed=completed,
                lessons_opened=opened,
                has_quiz=has_quiz,
                quiz_passed=passed,
            )
            everything_done = completed == total and (passed or not has_quiz)
            anything_begun = completed or opened or (has_quiz and passed)
            if (total or has_quiz) and everything_done:
                assert state is ModuleState.COMPLETE
            elif anything_begun:
                assert state is ModuleState.IN_PROGRESS
            else:
                assert state is ModuleState.NOT_STARTED


def test_module_state_labels():
    assert [state.label for state in ModuleState] == ["Not started", "In progress", "Complete"]


def test_course_steps_are_lessons_then_each_modules_quiz_then_the_post_test():
    assert course_steps(outline=OUTLINE, quiz_facts=QUIZZES) == [
        lesson(1, 11),
        lesson(1, 12),
        quiz(1),
        lesson(2, 21),
        lesson(2, 22),
        lesson(2, 23),
        quiz(2),
        POST_TEST,
    ]


def test_course_steps_without_quizzes_are_the_lessons():
    assert course_steps(outline=OUTLINE, quiz_facts=NO_QUIZ_FACTS) == [
        lesson(1, 11),
        lesson(1, 12),
        lesson(2, 21),
        lesson(2, 22),
        lesson(2, 23),
    ]


def test_course_steps_include_only_the_quizzes_that_exist():
    facts = QuizFacts(quiz_module_ids=frozenset({2}))

    steps = course_steps(outline=OUTLINE, quiz_facts=facts)

    assert quiz(1) not in steps
    assert steps[-1] == quiz(2)


@pytest.mark.parametrize(
    ("step", "facts", "done"),
    [
        (lesson(1, 11), NO_QUIZ_FACTS, True),
        (lesson(1, 12), NO_QUIZ_FACTS, False),
        (quiz(1), QuizFacts(quiz_module_ids=frozenset({1})), False),
        (
            quiz(1),
            QuizFacts(quiz_module_ids=frozenset({1}), passed_module_ids=frozenset({1})),
            True,
        ),
        (quiz(1), QuizFacts(passed_module_ids=frozenset({1})), False),  # no such quiz
        (POST_TEST, QuizFacts(has_post_test=True), False),
        (POST_TEST, QuizFacts(has_post_test=True, post_test_passed=True), True),
        (POST_TEST, QuizFacts(post_test_passed=True), False),  # no such post-test
    ],
)
def test_step_done(step, facts, done):
    assert step_done(step=step, completed_lesson_ids={11}, quiz_facts=facts) is done


STEPS = course_steps(outline=OUTLINE, quiz_facts=QUIZZES)


@pytest.mark.parametrize(
    ("done", "last_lesson_id", "expected"),
    [
        (set(), None, lesson(1, 11)),  # a new trainee starts at the start
        (set(), 22, lesson(2, 22)),  # back to the lesson she was reading
        ({lesson(1, 11)}, 11, lesson(1, 12)),  # finished it: the step after
        ({lesson(1, 11), lesson(1, 12)}, 12, quiz(1)),  # the module's quiz comes next
        ({lesson(2, 21), lesson(2, 22), lesson(2, 23)}, 23, quiz(2)),
        # Everything after the last lesson done: back to the first step skipped.
        (set(STEPS) - {lesson(1, 12)}, 23, lesson(1, 12)),
        (set(STEPS) - {POST_TEST}, 23, POST_TEST),
        (set(STEPS), 23, None),
        ({lesson(1, 11)}, 999, lesson(1, 12)),  # a last lesson no longer in the course
    ],
)
def test_next_step(done, last_lesson_id, expected):
    assert next_step(steps=STEPS, done=done, last_lesson_id=last_lesson_id) == expected


def test_next_step_of_an_empty_course_is_none():
    assert next_step(steps=[], done=set(), last_lesson_id=None) is None


def test_course_progress_counts_lessons_and_quizzes_alike():
    facts = QuizFacts(
        quiz_module_ids=frozenset({1, 2}), passed_module_ids=frozenset({1}), has_post_test=True
    )

    progress = course_progress(
        outline=OUTLINE,
        completed_lesson_ids={11, 12, 21},
        opened_lesson_ids={11, 12, 21, 22},
        quiz_facts=facts,
        last_lesson_id=22,
    )

    assert (progress.done, progress.total, progress.percent) == (4, 8, 50)
    assert progress.modules[1].state is ModuleState.COMPLETE
    assert (progress.modules[1].done, progress.modules[1].total) == (3, 3)
    assert progress.modules[2].state is ModuleState.IN_PROGRESS
    assert (progress.modules[2].done, progress.modules[2].total) == (1, 4)
    assert progress.modules[2].percent == 25
    assert progress.next_step == lesson(2, 22)
    assert progress.started
    assert not progress.complete


def test_course_progress_of_a_new_trainee():
    progress = course_progress(
        outline=OUTLINE,
        completed_lesson_ids=set(),
        opened_lesson_ids=set(),
        quiz_facts=NO_QUIZ_FACTS,
        last_lesson_id=None,
    )

    assert (progress.done, progress.total, progress.percent) == (0, 5, 0)
    assert {module.state for module in progress.modules.values()} == {ModuleState.NOT_STARTED}
    assert progress.next_step == lesson(1, 11)
    assert not progress.started
    assert not progress.complete


def test_course_progress_ignores_lessons_of_other_courses():
    progress = course_progress(
        outline=OUTLINE,
        completed_lesson_ids={11, 700, 701},
        opened_lesson_ids={11, 702},
        quiz_facts=NO_QUIZ_FACTS,
        last_lesson_id=702,
    )

    assert progress.done == 1
    assert progress.completed_lesson_ids == {11}
    assert progress.opened_lesson_ids == {11}


def test_a_completed_lesson_counts_as_opened():
    progress = course_progress(
        outline=OUTLINE,
        completed_lesson_ids={21},
        opened_lesson_ids=set(),
        quiz_facts=NO_QUIZ_FACTS,
        last_lesson_id=None,
    )

    assert progress.opened_lesson_ids == {21}
    assert progress.modules[2].state is ModuleState.IN_PROGRESS


def test_the_course_is_complete_only_once_the_post_test_is_passed():
    every_lesson = {11, 12, 21, 22, 23}
    all_quizzes = QuizFacts(
        quiz_module_ids=frozenset({1, 2}),
        passed_module_ids=frozenset({1, 2}),
        has_post_test=True,
    )
    passed_all = replace(all_quizzes, post_test_passed=True)

    before = course_progress(
        outline=OUTLINE,
        completed_lesson_ids=every_lesson,
        opened_lesson_ids=every_lesson,
        quiz_facts=all_quizzes,
        last_lesson_id=23,
    )
    after = course_progress(
        outline=OUTLINE,
        completed_lesson_ids=every_lesson,
        opened_lesson_ids=every_lesson,
        quiz_facts=passed_all,
        last_lesson_id=23,
    )

    assert (before.percent, before.complete, before.next_step) == (87, False, POST_TEST)
    assert (after.percent, after.complete, after.next_step) == (100, True, None)
    assert after.post_test_passed


def test_a_course_with_nothing_in_it_is_neither_started_nor_complete():
    progress = course_progress(
        outline=[],
        completed_lesson_ids=set(),
        opened_lesson_ids=set(),
        quiz_facts=NO_QUIZ_FACTS,
        last_lesson_id=None,
    )

    assert (progress.percent, progress.started, progress.complete) == (0, False, False)
    assert progress.next_step is None


OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("completed_at", "estimated_minutes", "seat_time"),
    [
        (None, 10, timedelta(0)),  # not complete yet: nothing counts
        (OPENED + timedelta(minutes=12), 10, timedelta(minutes=12)),
        (OPENED + timedelta(minutes=30), 10, timedelta(minutes=30)),  # exactly at the cap
        (OPENED + timedelta(hours=20), 10, timedelta(minutes=30)),  # left open overnight
        (OPENED + timedelta(hours=2), 0, timedelta(minutes=15)),  # the cap's floor
        (OPENED + timedelta(minutes=5), 0, timedelta(minutes=5)),
        (OPENED, 10, timedelta(0)),
        (OPENED - timedelta(minutes=1), 10, timedelta(0)),  # a clock that went backwards
    ],
)
def test_lesson_seat_time(completed_at, estimated_minutes, seat_time):
    assert (
        lesson_seat_time(
            first_opened_at=OPENED, completed_at=completed_at, estimated_minutes=estimated_minutes
        )
        == seat_time
    )


def test_course_seat_time_sums_each_lessons_capped_time():
    readings = [
        Reading(OPENED, OPENED + timedelta(minutes=12), 10),
        Reading(OPENED, OPENED + timedelta(hours=9), 10),  # capped at 30 minutes
        Reading(OPENED, None, 10),  # still being read
    ]

    assert course_seat_time(readings=readings) == timedelta(minutes=42)
    assert course_seat_time(readings=[]) == timedelta(0)


TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("due_on", "complete", "overdue"),
    [
        (None, False, False),
        (date(2026, 3, 11), False, False),
        (TODAY, False, False),  # due today is still on time
        (date(2026, 3, 9), False, True),
        (date(2026, 3, 9), True, False),
    ],
)
def test_is_overdue(due_on, complete, overdue):
    assert is_overdue(due_on=due_on, today=TODAY, complete=complete) is overdue
