"""Reads for quizzes: what each page needs, in a constant number of queries.

``access_*`` fetches check permission and raise ``NotFound`` for anything not the viewer's to
see, so a trainee probing another trainee's attempt gets the same 404 as for one that does
not exist. ``check_*`` validates and raises a ``QuizError`` with its reason.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from accounts.models import Cohort, User
from modules.models import ContentStatus, Course, Enrolment

from .errors import NotFound, QuizUnavailable
from .grading import Grade, quiz_grade, response_is_answered
from .models import (
    Attempt,
    AttemptSlot,
    AttemptStatus,
    FeedbackMode,
    Quiz,
    QuizVersion,
    ReviewOption,
    VersionStatus,
)
from .review import SlotView, feedback_during_attempt, review_after_submission, slot_view

SUPERVISE_PERMISSION = "accounts.supervise_trainees"


def check_can_take_quiz(*, user, quiz: Quiz) -> None:
    """Refuses a quiz of a course the user is not enrolled on."""
    if not _is_enrolled(user=user, course_id=_course_id(quiz)):
        raise QuizUnavailable("Enrol on the course to take its quizzes.")


def access_attempt_for_owner(*, user, attempt_id: int) -> Attempt:
    """The user's own attempt with its version, quiz and course; ``NotFound`` for any other."""
    attempt = (
        Attempt.objects.select_related("version", "quiz__module__course", "quiz__course")
        .filter(pk=attempt_id, user=user)
        .first()
    )
    if attempt is None:
        raise NotFound("No such attempt.")
    return attempt


def access_attempt_for_update(*, user, attempt_id: int) -> Attempt:
    """The user's own attempt, its row locked until the transaction ends (call inside one)."""
    attempt = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("version")
        .filter(pk=attempt_id, user=user)
        .first()
    )
    if attempt is None:
        raise NotFound("No such attempt.")
    return attempt


def supervises(*, supervisor, trainee) -> bool:
    """True when ``supervisor`` may review ``trainee``: a supervisor of one of their cohorts."""
    return (
        supervisor.pk != trainee.pk
        and supervisor.has_perm(SUPERVISE_PERMISSION)
        and Cohort.objects.filter(supervisors=supervisor, trainees=trainee).exists()
    )


def supervised_trainees(*, supervisor):
    return User.objects.filter(cohorts__supervisors=supervisor).exclude(pk=supervisor.pk)


def access_slot_for_grader(*, grader, slot_id: int) -> AttemptSlot:
    """A slot of an attempt by one of the grader's trainees; ``NotFound`` otherwise."""
    slot = (
        AttemptSlot.objects.select_related(
            "attempt__user", "attempt__version", "attempt__quiz", "graded_by"
        )
        .filter(pk=slot_id)
        .first()
    )
    if slot is None or not supervises(supervisor=grader, trainee=slot.attempt.user):
        raise NotFound("No such answer.")
    return slot


# Pages ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizPage:
    quiz: Quiz
    version: QuizVersion
    attempts: tuple[Attempt, ...]  # oldest first
    grade: Grade | None
    enrolled: bool

    @property
    def question_count(self) -> int:
        pool = self.version.pool_size
        return min(pool, self.version.question_count) if pool else self.version.question_count

    @property
    def in_progress(self) -> Attempt | None:
        return next((attempt for attempt in self.attempts if attempt.is_in_progress), None)

    @property
    def attempts_left(self) -> int | None:
        """``None`` when attempts are unlimited."""
        if not self.version.max_attempts:
            return None
        return max(0, self.version.max_attempts - len(self.attempts))

    @property
    def can_start(self) -> bool:
        return self.enrolled and (self.in_progress is not None or self.attempts_left != 0)


def quiz_page(*, user, quiz_id: int) -> QuizPage:
    """The quiz's start page: its settings, the user's attempts and their grade."""
    version = (
        QuizVersion.objects.select_related("quiz__module__course", "quiz__course")
        .annotate(question_count=Count("questions"))
        .filter(quiz_id=quiz_id, status=VersionStatus.PUBLISHED)
        .first()
    )
    if version is None:
        raise NotFound("No such quiz.")
    attempts = tuple(Attempt.objects.filter(user=user, quiz_id=quiz_id).order_by("number"))
    return QuizPage(
        quiz=version.quiz,
        version=version,
        attempts=attempts,
        grade=_quiz_grade(version=version, attempts=attempts),
        enrolled=_is_enrolled(user=user, course_id=_course_id(version.quiz)),
    )


@dataclass(frozen=True)
class NavItem:
    position: int
    title: str
    state: str  # "answered", "unanswered" or "final"
    is_current: bool


@dataclass(frozen=True)
class AttemptQuestionPage:
    attempt: Attempt
    slot: AttemptSlot
    view: SlotView
    nav: tuple[NavItem, ...]
    time_left: timedelta | None
    immediate_feedback: bool

    @property
    def previous_position(self) -> int | None:
        return self.slot.position - 1 if self.slot.position > 1 else None

    @property
    def next_position(self) -> int | None:
        return self.slot.position + 1 if self.slot.position < len(self.nav) else None


def attempt_question_page(
    *, attempt: Attempt, position: int, now: datetime, profession: str
) -> AttemptQuestionPage:
    """One question of an open attempt. Feedback is in ``view`` only once its answer is final."""
    slots = list(attempt.slots.all())
    slot = next((slot for slot in slots if slot.position == position), None)
    if slot is None:
        raise NotFound("That question is not part of this attempt.")
    immediate = attempt.version.feedback_mode == FeedbackMode.IMMEDIATE
    reveal = feedback_during_attempt(
        feedback_mode=attempt.version.feedback_mode,
        kind=slot.snapshot["kind"],
        is_final=slot.is_final,
    )
    return AttemptQuestionPage(
        attempt=attempt,
        slot=slot,
        view=slot_view(
            slot=slot, reveal=reveal, show_mark=reveal and slot.is_final, profession=profession
        ),
        nav=attempt_nav(slots=slots, current=position),
        time_left=attempt.deadline - now if attempt.deadline else None,
        immediate_feedback=immediate,
    )


def attempt_nav(*, slots: list[AttemptSlot], current: int | None) -> tuple[NavItem, ...]:
    return tuple(
        NavItem(
            position=slot.position,
            title=slot.snapshot["title"],
            state="final"
            if slot.is_final
            else "answered"
            if response_is_answered(snapshot=slot.snapshot, response=slot.response)
            else "unanswered",
            is_current=slot.position == current,
        )
        for slot in slots
    )


def attempt_resume_position(*, attempt: Attempt) -> int:
    """Where resuming goes: the first question not yet answered, else the first."""
    for slot in attempt.slots.only("position", "snapshot", "response", "is_final"):
        if not slot.is_final and not response_is_answered(
            snapshot=slot.snapshot, response=slot.response
        ):
            return slot.position
    return 1


@dataclass(frozen=True)
class FinishPage:
    attempt: Attempt
    nav: tuple[NavItem, ...]
    missing: tuple[int, ...]  # required questions not yet answered
    time_left: timedelta | None


def attempt_finish_page(*, attempt: Attempt, now: datetime) -> FinishPage:
    slots = list(attempt.slots.all())
    return FinishPage(
        attempt=attempt,
        nav=attempt_nav(slots=slots, current=None),
        missing=tuple(
            slot.position
            for slot in slots
            if slot.snapshot["required"]
            and not response_is_answered(snapshot=slot.snapshot, response=slot.response)
        ),
        time_left=attempt.deadline - now if attempt.deadline else None,
    )


@dataclass(frozen=True)
class AttemptReview:
    attempt: Attempt
    slots: tuple[SlotView, ...]
    revealed: bool
    viewer_is_owner: bool
    review_option: str

    @property
    def awaiting_grading(self) -> int:
        return sum(1 for slot in self.slots if slot.awaiting_grading)


def attempt_review(*, viewer, attempt_id: int) -> AttemptReview:
    """The results of a submitted attempt, for its owner or a supervisor of their cohort.

    The owner sees correct answers and rationales as the version's review option allows;
    a supervisor always does, to discuss them. Feedback puts the trainee's own code first.
    """
    attempt = (
        Attempt.objects.select_related("user", "version", "quiz__module__course", "quiz__course")
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None:
        raise NotFound("No such attempt.")
    is_owner = attempt.user_id == viewer.pk
    if is_owner:
        review_option = attempt.version.review_option
        reveal = review_after_submission(
            review_option=review_option,
            has_passed=review_option == ReviewOption.AFTER_PASSING
            and Attempt.objects.filter(user=viewer, quiz_id=attempt.quiz_id, passed=True).exists(),
        )
    elif attempt.is_in_progress or not supervises(supervisor=viewer, trainee=attempt.user):
        raise NotFound("No such attempt.")
    else:
        reveal = True
    return AttemptReview(
        attempt=attempt,
        slots=tuple(
            slot_view(slot=slot, reveal=reveal, show_mark=True, profession=attempt.user.profession)
            for slot in attempt.slots.all()
        ),
        revealed=reveal,
        viewer_is_owner=is_owner,
        review_option=attempt.version.review_option,
    )


@dataclass(frozen=True)
class GradingPage:
    slot: AttemptSlot
    view: SlotView


def slot_grading_page(*, grader, slot_id: int) -> GradingPage:
    slot = access_slot_for_grader(grader=grader, slot_id=slot_id)
    return GradingPage(
        slot=slot,
        view=slot_view(
            slot=slot, reveal=True, show_mark=True, profession=slot.attempt.user.profession
        ),
    )


@dataclass(frozen=True)
class SupervisionPage:
    to_grade: tuple[AttemptSlot, ...]
    recent_attempts: tuple[Attempt, ...]


RECENT_ATTEMPTS = 25


def supervision_page(*, supervisor) -> SupervisionPage:
    """Free-text answers awaiting the supervisor's mark, oldest first, and the latest attempts
    of their cohorts' trainees."""
    trainees = supervised_trainees(supervisor=supervisor)
    return SupervisionPage(
        to_grade=tuple(
            AttemptSlot.objects.filter(needs_manual_grading=True, attempt__user__in=trainees)
            .select_related("attempt__user", "attempt__quiz")
            .order_by("attempt__submitted_at", "attempt_id", "position")
        ),
        recent_attempts=tuple(
            Attempt.objects.filter(user__in=trainees)
            .exclude(status=AttemptStatus.IN_PROGRESS)
            .select_related("user", "quiz")
            .order_by("-submitted_at")[:RECENT_ATTEMPTS]
        ),
    )


RECENT_SCORES = 5


def recent_scores(*, user) -> tuple[Attempt, ...]:
    """The user's latest submitted attempts, newest first, with their quiz and course."""
    return tuple(
        Attempt.objects.filter(user=user)
        .exclude(status=AttemptStatus.IN_PROGRESS)
        .select_related("quiz__module__course", "quiz__course")
        .order_by("-submitted_at")[:RECENT_SCORES]
    )


# For other apps ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizOutcome:
    """Where a trainee stands on one quiz, for progress tracking and course pages."""

    quiz_id: int
    module_id: int | None  # None for the course's post-test
    title: str
    url: str
    passed: bool
    grade_percent: Decimal | None  # per the grading method; None before a graded attempt
    pass_mark: int
    attempts_used: int
    attempts_allowed: int | None  # None when unlimited
    in_progress: bool
    awaiting_grading: bool


def quiz_outcomes_for_courses(
    *, user, courses: Sequence[Course]
) -> dict[int, dict[int | None, QuizOutcome]]:
    """The user's outcome on each published quiz of these courses: by course id, then by module
    id (the post-test under ``None``). Courses without a published quiz are left out.

    Three queries however many courses, modules and attempts; two for a visitor, who has no
    attempts but still sees which modules have quizzes.
    """
    quizzes = list(
        Quiz.objects.filter(
            Q(module__course__in=courses) | Q(course__in=courses),
            versions__status=VersionStatus.PUBLISHED,
        )
        .select_related("module")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=QuizVersion.objects.filter(status=VersionStatus.PUBLISHED),
                to_attr="published",
            )
        )
    )
    attempts_by_quiz: dict[int, list[Attempt]] = defaultdict(list)
    if user.is_authenticated and quizzes:
        for attempt in Attempt.objects.filter(user=user, quiz__in=quizzes).order_by("number"):
            attempts_by_quiz[attempt.quiz_id].append(attempt)
    outcomes: dict[int, dict[int | None, QuizOutcome]] = defaultdict(dict)
    for quiz in quizzes:
        version = quiz.published[0]
        attempts = attempts_by_quiz[quiz.pk]
        grade = _quiz_grade(version=version, attempts=attempts)
        outcomes[_course_id(quiz)][quiz.module_id] = QuizOutcome(
            quiz_id=quiz.pk,
            module_id=quiz.module_id,
            title=quiz.title,
            url=quiz.get_absolute_url(),
            passed=grade is not None and grade.passed,
            grade_percent=grade.percent if grade else None,
            pass_mark=version.pass_mark,
            attempts_used=len(attempts),
            attempts_allowed=version.max_attempts or None,
            in_progress=any(attempt.is_in_progress for attempt in attempts),
            awaiting_grading=any(attempt.status == AttemptStatus.SUBMITTED for attempt in attempts),
        )
    return dict(outcomes)


def quiz_outcomes_for_course(*, user, course: Course) -> dict[int | None, QuizOutcome]:
    """One course's outcomes, by module id (the post-test under ``None``): three queries."""
    return quiz_outcomes_for_courses(user=user, courses=[course]).get(course.pk, {})


def _quiz_grade(*, version: QuizVersion, attempts) -> Grade | None:
    """The grade the quiz's current settings give these attempts (oldest first)."""
    return quiz_grade(
        method=version.grading_method,
        attempts=[
            Grade(percent=attempt.percent, passed=attempt.passed)
            for attempt in attempts
            if attempt.status == AttemptStatus.GRADED
        ],
        pass_mark=version.pass_mark,
    )


def _course_id(quiz: Quiz) -> int:
    return quiz.course_id if quiz.is_post_test else quiz.module.course_id


def _is_enrolled(*, user, course_id: int) -> bool:
    """Enrolled, and still, on the course, which is published (not a draft or archived)."""
    return Enrolment.objects.filter(
        user=user,
        course_id=course_id,
        unenrolled_at__isnull=True,
        course__status=ContentStatus.PUBLISHED,
    ).exists()
