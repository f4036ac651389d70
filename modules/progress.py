"""The progress rules, as pure functions over plain data: no ORM, no clock.

A course is a sequence of *steps*: each module's lessons in order, then the module's quiz if it
has one; after the last module, the post-test if the course has one. The course percentage
counts steps, so lessons and quizzes weigh the same. The quizzes app owns quizzes, so what is
known about them arrives here as :class:`QuizFacts`; selectors gather the rest from the
database and call :func:`course_progress`.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any


class ModuleState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class StepKind(StrEnum):
    LESSON = "lesson"
    QUIZ = "quiz"
    POST_TEST = "post_test"


@dataclass(frozen=True)
class Step:
    kind: StepKind
    module_id: int | None = None  # None for the post-test
    lesson_id: int | None = None  # set for lessons only


@dataclass(frozen=True)
class ModuleOutline:
    """A module's id and its lessons' ids, in course order."""

    id: int
    lesson_ids: tuple[int, ...]


@dataclass(frozen=True)
class QuizFacts:
    """What the quizzes app knows about one course's quizzes and one trainee.

    The default says "no quizzes", which is the truth until the quizzes app supplies facts.
    """

    quiz_module_ids: frozenset[int] = frozenset()
    passed_module_ids: frozenset[int] = frozenset()
    has_post_test: bool = False
    post_test_passed: bool = False
    # The quizzes app's detail for its hooks on the course page (a QuizOutcome by module id,
    # the post-test under None: link, grade, attempts). The progress rules never read it.
    outcomes: Mapping[int | None, Any] = field(default_factory=dict, compare=False)

    def module_has_quiz(self, module_id: int) -> bool:
        return module_id in self.quiz_module_ids

    def module_quiz_passed(self, module_id: int) -> bool:
        # A pass only counts for a quiz that exists: facts about a removed quiz are ignored.
        return module_id in self.quiz_module_ids and module_id in self.passed_module_ids


NO_QUIZ_FACTS = QuizFacts()


@dataclass(frozen=True)
class ModuleProgress:
    state: ModuleState
    done: int  # steps done: lessons completed, plus the quiz if passed
    total: int

    @property
    def percent(self) -> int:
        return percent_complete(done=self.done, total=self.total)


@dataclass(frozen=True)
class CourseProgress:
    modules: dict[int, ModuleProgress]
    completed_lesson_ids: frozenset[int]
    opened_lesson_ids: frozenset[int]
    done: int
    total: int
    next_step: Step | None
    post_test_passed: bool

    @property
    def percent(self) -> int:
        return percent_complete(done=self.done, total=self.total)

    @property
    def started(self) -> bool:
        return self.post_test_passed or any(
            module.state is not ModuleState.NOT_STARTED for module in self.modules.values()
        )

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total


def percent_complete(*, done: int, total: int) -> int:
    """Whole percent, rounded down so that 100 means everything is done; 0 when nothing to do."""
    if total <= 0:
        return 0
    return min(100, max(0, done) * 100 // total)


def module_state(
    *,
    lessons_total: int,
    lessons_completed: int,
    lessons_opened: int,
    has_quiz: bool,
    quiz_passed: bool,
) -> ModuleState:
    """Complete: every lesson done and, if the module has a quiz, the quiz passed.

    In progress: anything begun (a lesson opened or completed, or the quiz passed first). A module
    with nothing in it is never complete, so an empty module cannot complete a course by itself.
    """
    quiz_passed = has_quiz and quiz_passed
    if lessons_total == 0 and not has_quiz:
        return ModuleState.NOT_STARTED
    if lessons_completed >= lessons_total and (quiz_passed or not has_quiz):
        return ModuleState.COMPLETE
    if lessons_opened or lessons_completed or quiz_passed:
        return ModuleState.IN_PROGRESS
    return ModuleState.NOT_STARTED


def course_steps(*, outline: Sequence[ModuleOutline], quiz_facts: QuizFacts) -> list[Step]:
    """Every step of the course in the order a trainee is meant to take them."""
    steps = []
    for module in outline:
        steps.extend(
            Step(StepKind.LESSON, module_id=module.id, lesson_id=lesson_id)
            for lesson_id in module.lesson_ids
        )
        if quiz_facts.module_has_quiz(module.id):
            steps.append(Step(StepKind.QUIZ, module_id=module.id))
    if quiz_facts.has_post_test:
        steps.append(Step(StepKind.POST_TEST))
    return steps


def step_done(*, step: Step, completed_lesson_ids: Collection[int], quiz_facts: QuizFacts) -> bool:
    if step.kind is StepKind.LESSON:
        return step.lesson_id in completed_lesson_ids
    if step.kind is StepKind.QUIZ:
        return quiz_facts.module_quiz_passed(step.module_id)
    return quiz_facts.has_post_test and quiz_facts.post_test_passed


def next_step(
    *, steps: Sequence[Step], done: Collection[Step], last_lesson_id: int | None
) -> Step | None:
    """Where "continue where you left off" goes.

    The last lesson opened, if it is not complete yet; otherwise the first step not done after
    it, and failing that the first step not done from the start (a step skipped earlier). None
    once everything is done.
    """
    last = next(
        (
            index
            for index, step in enumerate(steps)
            if step.kind is StepKind.LESSON and step.lesson_id == last_lesson_id
        ),
        None,
    )
    if last is not None and steps[last] not in done:
        return steps[last]
    start = 0 if last is None else last + 1
    for step in (*steps[start:], *steps[:start]):
        if step not in done:
            return step
    return None


def course_progress(
    *,
    outline: Sequence[ModuleOutline],
    completed_lesson_ids: Collection[int],
    opened_lesson_ids: Collection[int],
    quiz_facts: QuizFacts,
    last_lesson_id: int | None,
) -> CourseProgress:
    """One trainee's progress through one course.

    Lesson ids from other courses are ignored, so callers may pass a trainee's whole record.
    """
    steps = course_steps(outline=outline, quiz_facts=quiz_facts)
    done = {
        step
        for step in steps
        if step_done(step=step, completed_lesson_ids=completed_lesson_ids, quiz_facts=quiz_facts)
    }
    course_lessons = {lesson_id for module in outline for lesson_id in module.lesson_ids}
    completed = frozenset(course_lessons.intersection(completed_lesson_ids))
    # A completed lesson was opened, even when it was completed without a recorded visit.
    opened = frozenset(course_lessons.intersection(opened_lesson_ids)) | completed
    modules = {}
    for module in outline:
        has_quiz = quiz_facts.module_has_quiz(module.id)
        quiz_passed = quiz_facts.module_quiz_passed(module.id)
        lessons_completed = len(completed.intersection(module.lesson_ids))
        modules[module.id] = ModuleProgress(
            state=module_state(
                lessons_total=len(module.lesson_ids),
                lessons_completed=lessons_completed,
                lessons_opened=len(opened.intersection(module.lesson_ids)),
                has_quiz=has_quiz,
                quiz_passed=quiz_passed,
            ),
            done=lessons_completed + int(quiz_passed),
            total=len(module.lesson_ids) + int(has_quiz),
        )
    return CourseProgress(
        modules=modules,
        completed_lesson_ids=completed,
        opened_lesson_ids=opened,
        done=len(done),
        total=len(steps),
        next_step=next_step(steps=steps, done=done, last_lesson_id=last_lesson_id),
        post_test_passed=quiz_facts.has_post_test and quiz_facts.post_test_passed,
    )


# A lesson left open overnight is not a night of study: each lesson's measured time counts up to
# this many times its estimated reading time, and never less than the floor below.
SEAT_TIME_CAP_FACTOR = 3
SEAT_TIME_CAP_FLOOR = timedelta(minutes=15)


def lesson_seat_time(
    *, first_opened_at: datetime, completed_at: datetime | None, estimated_minutes: int
) -> timedelta:
    """Time spent on one lesson, measured from first opening it to marking it complete.

    An incomplete lesson counts nothing yet; the measure is capped (see above).
    """
    if completed_at is None or completed_at <= first_opened_at:
        return timedelta(0)
    cap = max(timedelta(minutes=estimated_minutes * SEAT_TIME_CAP_FACTOR), SEAT_TIME_CAP_FLOOR)
    return min(completed_at - first_opened_at, cap)


@dataclass(frozen=True)
class Reading:
    """One lesson as a trainee read it."""

    first_opened_at: datetime
    completed_at: datetime | None
    estimated_minutes: int


def course_seat_time(*, readings: Iterable[Reading]) -> timedelta:
    """A trainee's seat time on a course: the sum of her lessons' measured times."""
    return sum(
        (
            lesson_seat_time(
                first_opened_at=reading.first_opened_at,
                completed_at=reading.completed_at,
                estimated_minutes=reading.estimated_minutes,
            )
            for reading in readings
        ),
        timedelta(0),
    )


def is_overdue(*, due_on: date | None, today: date, complete: bool) -> bool:
    """Past its due date and not complete; the due date itself is still on time."""
    return due_on is not None and not complete and today > due_on
