"""Reads the pages need, each in a fixed number of queries whatever the size of a course.

Selectors load rows, hand plain ids and timestamps to the rules in ``progress.py`` and return
small read-only structures for templates.
"""

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse

from accounts.models import User
from quizzes.selectors import QuizOutcome, quiz_outcomes_for_courses

from .models import (
    ContentStatus,
    Course,
    CourseAssignment,
    Enrolment,
    Lesson,
    LessonProgress,
    Module,
)
from .progress import (
    NO_QUIZ_FACTS,
    CourseProgress,
    ModuleOutline,
    ModuleProgress,
    QuizFacts,
    Reading,
    Step,
    StepKind,
    course_progress,
    course_seat_time,
    is_overdue,
)

AnyUser = User | AnonymousUser


def quiz_facts_for_courses(*, user: AnyUser, courses: Sequence[Course]) -> dict[int, QuizFacts]:
    """The quizzes app's answer for ``user`` and ``courses``, keyed by course id.

    This is the one place quiz results enter the progress rules, and the quizzes app supplies
    it (from ``quizzes.selectors.quiz_outcomes_for_courses``): which modules have a quiz, which
    of those ``user`` passed (by the quiz's grading method), whether each course has a
    post-test and whether ``user`` passed it. ``user`` may be anonymous (a visitor still sees
    which modules have quizzes). Three queries for all ``courses``, because the dashboard and
    the catalogue ask about every course at once. A course missing from the mapping has no
    published quizzes.
    """
    return {
        course_id: QuizFacts(
            quiz_module_ids=frozenset(key for key in outcomes if key is not None),
            passed_module_ids=frozenset(
                key for key, outcome in outcomes.items() if key is not None and outcome.passed
            ),
            has_post_test=None in outcomes,
            post_test_passed=None in outcomes and outcomes[None].passed,
            outcomes=outcomes,
        )
        for course_id, outcomes in quiz_outcomes_for_courses(user=user, courses=courses).items()
    }


def user_can_preview_drafts(*, user: AnyUser) -> bool:
    """Content admins (and superusers) see draft and archived courses, bannered as previews."""
    return user.is_authenticated and user.has_perm("accounts.author_content")


def course_access(*, user: AnyUser, slug: str) -> Course:
    """The course with ``slug`` if ``user`` may see it; 404 otherwise."""
    courses = Course.objects.all()
    if not user_can_preview_drafts(user=user):
        courses = courses.published()
    return get_object_or_404(courses, slug=slug)


def lesson_access(*, user: AnyUser, slug: str, module_slug: str, lesson_slug: str) -> Lesson:
    """The lesson at these slugs, with its module and course, if ``user`` may see the course.

    404 otherwise. Whether ``user`` may also *read* it is :func:`lesson_readable`'s question.
    """
    lessons = Lesson.objects.select_related("module__course").filter(
        module__course__slug=slug, module__slug=module_slug, slug=lesson_slug
    )
    if not user_can_preview_drafts(user=user):
        lessons = lessons.filter(module__course__status=ContentStatus.PUBLISHED)
    return get_object_or_404(lessons)


def enrolment_get(*, user: AnyUser, course: Course) -> Enrolment | None:
    """``user``'s enrolment in ``course``, active or ended, if there is one."""
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def lesson_readable(*, user: AnyUser, course: Course, enrolment: Enrolment | None) -> bool:
    """Lessons are for trainees enrolled in the published course, and for content admins."""
    if user_can_preview_drafts(user=user):
        return True
    return course.is_published and enrolment is not None and enrolment.is_active


@dataclass(frozen=True)
class StepLink:
    title: str
    url: str


@dataclass(frozen=True)
class LessonEntry:
    lesson: Lesson
    url: str
    opened: bool
    completed_at: datetime | None

    @property
    def completed(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class ModuleEntry:
    module: Module
    progress: ModuleProgress
    lessons: list[LessonEntry]
    has_quiz: bool
    quiz_passed: bool
    quiz: QuizOutcome | None  # the quizzes app's detail for the step (link, grade, attempts)

    @property
    def reading_minutes(self) -> int:
        return sum(entry.lesson.estimated_minutes for entry in self.lessons)


@dataclass(frozen=True)
class CourseOverview:
    """A course as one reader sees it: the course page, and the outline beside a lesson."""

    course: Course
    enrolment: Enrolment | None  # active or ended; progress counts for an active one only
    can_read: bool
    modules: list[ModuleEntry]
    progress: CourseProgress
    next_step: StepLink | None
    seat_time: timedelta
    has_post_test: bool
    post_test: QuizOutcome | None

    @property
    def is_enrolled(self) -> bool:
        return self.enrolment is not None and self.enrolment.is_active

    @property
    def is_preview(self) -> bool:
        return not self.course.is_published

    @property
    def lessons(self) -> list[LessonEntry]:
        return [entry for module in self.modules for entry in module.lessons]

    @property
    def reading_minutes(self) -> int:
        return sum(module.reading_minutes for module in self.modules)


@dataclass(frozen=True)
class CourseCard:
    """A course in a list (catalogue, dashboard), with the reader's progress if enrolled."""

    course: Course
    modules: list[Module]
    enrolment: Enrolment | None  # active enrolments only
    progress: CourseProgress
    next_step: StepLink | None
    last_studied_at: datetime | None
    due_on: date | None = None
    overdue: bool = False

    @property
    def lesson_count(self) -> int:
        return sum(len(module.lessons.all()) for module in self.modules)

    @property
    def reading_minutes(self) -> int:
        return sum(
            lesson.estimated_minutes for module in self.modules for lesson in module.lessons.all()
        )


def _modules_by_course(course_ids: Collection[int]) -> dict[int, list[Module]]:
    """Every module of these courses, in order, with its lessons' outline fields: two queries."""
    lessons = Lesson.objects.only(
        "id", "module_id", "position", "slug", "title", "estimated_minutes"
    ).order_by("position")
    modules = (
        Module.objects.filter(course_id__in=course_ids)
        .order_by("course_id", "position")
        .prefetch_related(Prefetch("lessons", queryset=lessons))
    )
    by_course = defaultdict(list)
    for module in modules:
        by_course[module.course_id].append(module)
    return by_course


def _progress_rows(*, user: AnyUser, course_ids: Collection[int]) -> list[LessonProgress]:
    if not user.is_authenticated or not course_ids:
        return []
    return list(LessonProgress.objects.filter(user=user, lesson__module__course_id__in=course_ids))


def _lesson_url(course: Course, module: Module, lesson: Lesson) -> str:
    return reverse(
        "modules:lesson_detail",
        kwargs={"slug": course.slug, "module_slug": module.slug, "lesson_slug": lesson.slug},
    )


def _step_link(step: Step | None, *, course: Course, modules: Sequence[Module]) -> StepLink | None:
    """Quizzes are reached from the course page (the quizzes app's hooks), so link there."""
    if step is None:
        return None
    course_url = course.get_absolute_url()
    if step.kind is StepKind.POST_TEST:
        return StepLink("Post-test", f"{course_url}#post-test")
    module = next(module for module in modules if module.pk == step.module_id)
    if step.kind is StepKind.QUIZ:
        return StepLink(f"Quiz: {module.title}", f"{course_url}#module-{module.slug}")
    lesson = next(lesson for lesson in module.lessons.all() if lesson.pk == step.lesson_id)
    return StepLink(lesson.title, _lesson_url(course, module, lesson))


def _progress(
    *,
    modules: Sequence[Module],
    rows: Sequence[LessonProgress],
    facts: QuizFacts,
    enrolment: Enrolment | None,
) -> CourseProgress:
    """Progress counts while enrolled. After leaving, the rows stay but the course reads as new.

    Precondition: ``rows`` are the reader's own, and empty unless ``enrolment`` is active.
    """
    active = enrolment is not None and enrolment.is_active
    return course_progress(
        outline=[
            ModuleOutline(module.pk, tuple(lesson.pk for lesson in module.lessons.all()))
            for module in modules
        ],
        completed_lesson_ids={row.lesson_id for row in rows if row.completed_at is not None},
        opened_lesson_ids={row.lesson_id for row in rows},
        quiz_facts=facts if active else NO_QUIZ_FACTS,
        last_lesson_id=enrolment.last_lesson_id if active else None,
    )


def course_overview(*, user: AnyUser, course: Course) -> CourseOverview:
    """Everything the course page shows ``user``: four queries however big the course."""
    enrolment = enrolment_get(user=user, course=course)
    modules = _modules_by_course([course.pk])[course.pk]
    is_active = enrolment is not None and enrolment.is_active
    rows = _progress_rows(user=user, course_ids=[course.pk]) if is_active else []
    facts = quiz_facts_for_courses(user=user, courses=[course]).get(course.pk, NO_QUIZ_FACTS)
    progress = _progress(modules=modules, rows=rows, facts=facts, enrolment=enrolment)
    row_by_lesson = {row.lesson_id: row for row in rows}
    minutes_by_lesson = {}
    entries = []
    for module in modules:
        lessons = []
        for lesson in module.lessons.all():
            row = row_by_lesson.get(lesson.pk)
            minutes_by_lesson[lesson.pk] = lesson.estimated_minutes
            lessons.append(
                LessonEntry(
                    lesson=lesson,
                    url=_lesson_url(course, module, lesson),
                    opened=lesson.pk in progress.opened_lesson_ids,
                    completed_at=row.completed_at if row else None,
                )
            )
        entries.append(
            ModuleEntry(
                module=module,
                progress=progress.modules[module.pk],
                lessons=lessons,
                has_quiz=facts.module_has_quiz(module.pk),
                quiz_passed=facts.module_quiz_passed(module.pk),
                quiz=facts.outcomes.get(module.pk),
            )
        )
    seat_time = course_seat_time(
        readings=[
            Reading(row.first_opened_at, row.completed_at, minutes_by_lesson[row.lesson_id])
            for row in rows
        ]
    )
    return CourseOverview(
        course=course,
        enrolment=enrolment,
        can_read=lesson_readable(user=user, course=course, enrolment=enrolment),
        modules=entries,
        progress=progress,
        next_step=_step_link(progress.next_step, course=course, modules=modules),
        seat_time=seat_time,
        has_post_test=facts.has_post_test,
        post_test=facts.outcomes.get(None),
    )


@dataclass(frozen=True)
class LessonPage:
    lesson: Lesson
    overview: CourseOverview
    entry: LessonEntry
    module_entry: ModuleEntry
    previous: LessonEntry | None
    next: LessonEntry | None

    @property
    def number(self) -> int:
        """The lesson's place in its module, from 1."""
        return self.module_entry.lessons.index(self.entry) + 1

    @property
    def module(self) -> Module:
        return self.lesson.module

    @property
    def course(self) -> Course:
        return self.lesson.module.course

    @property
    def module_number(self) -> int:
        """The module's place in the course, from 1 (positions need not be consecutive)."""
        return self.overview.modules.index(self.module_entry) + 1


def lesson_page(*, user: AnyUser, lesson: Lesson) -> LessonPage:
    """A lesson with its course outline and its neighbours, across module boundaries.

    Precondition: ``lesson`` came from :func:`lesson_access`, with its module and course.
    """
    overview = course_overview(user=user, course=lesson.module.course)
    sequence = overview.lessons
    index = next(i for i, entry in enumerate(sequence) if entry.lesson.pk == lesson.pk)
    return LessonPage(
        lesson=lesson,
        overview=overview,
        entry=sequence[index],
        module_entry=next(m for m in overview.modules if m.module.pk == lesson.module_id),
        previous=sequence[index - 1] if index > 0 else None,
        next=sequence[index + 1] if index + 1 < len(sequence) else None,
    )


def _course_cards(
    *,
    user: AnyUser,
    courses: Sequence[Course],
    enrolments: dict[int, Enrolment],
    due_dates: dict[int, date | None],
    today: date | None,
) -> list[CourseCard]:
    """Cards for ``courses`` in four queries at most, however many courses and lessons."""
    modules_by_course = _modules_by_course([course.pk for course in courses])
    rows_by_course = defaultdict(list)
    lesson_course = {
        lesson.pk: course_id
        for course_id, modules in modules_by_course.items()
        for module in modules
        for lesson in module.lessons.all()
    }
    for row in _progress_rows(user=user, course_ids=list(enrolments)):
        rows_by_course[lesson_course[row.lesson_id]].append(row)
    enrolled = [course for course in courses if course.pk in enrolments]
    facts = quiz_facts_for_courses(user=user, courses=enrolled) if enrolled else {}
    cards = []
    for course in courses:
        modules = modules_by_course[course.pk]
        rows = rows_by_course[course.pk]
        enrolment = enrolments.get(course.pk)
        progress = _progress(
            modules=modules,
            rows=rows,
            facts=facts.get(course.pk, NO_QUIZ_FACTS),
            enrolment=enrolment,
        )
        due_on = due_dates.get(course.pk)
        cards.append(
            CourseCard(
                course=course,
                modules=modules,
                enrolment=enrolment,
                progress=progress,
                next_step=_step_link(progress.next_step, course=course, modules=modules),
                last_studied_at=max((row.last_opened_at for row in rows), default=None),
                due_on=due_on,
                overdue=today is not None
                and is_overdue(due_on=due_on, today=today, complete=progress.complete),
            )
        )
    return cards


@dataclass(frozen=True)
class Catalogue:
    published: list[CourseCard]
    unpublished: list[CourseCard]  # drafts and archived courses, for content admins only


def catalogue(*, user: AnyUser) -> Catalogue:
    """Published courses with the reader's progress; for content admins, the rest as well."""
    courses = Course.objects.all()
    if not user_can_preview_drafts(user=user):
        courses = courses.published()
    courses = list(courses)
    enrolments = {}
    if user.is_authenticated:
        enrolments = {
            enrolment.course_id: enrolment
            for enrolment in Enrolment.objects.filter(
                user=user,
                unenrolled_at__isnull=True,
                course__status=ContentStatus.PUBLISHED,
            )
        }
    cards = _course_cards(
        user=user, courses=courses, enrolments=enrolments, due_dates={}, today=None
    )
    return Catalogue(
        published=[card for card in cards if card.course.is_published],
        unpublished=[card for card in cards if not card.course.is_published],
    )


@dataclass(frozen=True)
class Dashboard:
    courses: list[CourseCard]  # enrolled, the most recently studied first
    assigned: list[CourseCard]  # assigned to one of the trainee's cohorts, not yet enrolled in
    resume: CourseCard | None  # where "continue where you left off" goes


def dashboard(*, user: User, today: date) -> Dashboard:
    """A trainee's published courses: enrolled, and assigned to her cohorts; ``today`` local."""
    enrolments = {
        enrolment.course_id: enrolment
        for enrolment in Enrolment.objects.filter(
            user=user, unenrolled_at__isnull=True, course__status=ContentStatus.PUBLISHED
        ).select_related("course")
    }
    due_dates: dict[int, date | None] = {}
    courses = {enrolment.course_id: enrolment.course for enrolment in enrolments.values()}
    assignments = CourseAssignment.objects.filter(
        cohort__trainees=user, course__status=ContentStatus.PUBLISHED
    ).select_related("course")
    for assignment in assignments:
        courses.setdefault(assignment.course_id, assignment.course)
        # In two cohorts with the same course, the earlier date is the one to keep.
        dates = [d for d in (due_dates.get(assignment.course_id), assignment.due_on) if d]
        due_dates[assignment.course_id] = min(dates, default=None)
    cards = _course_cards(
        user=user,
        courses=sorted(courses.values(), key=lambda course: course.title),
        enrolments=enrolments,
        due_dates=due_dates,
        today=today,
    )
    enrolled = sorted(
        (card for card in cards if card.enrolment is not None),
        key=lambda card: card.last_studied_at or card.enrolment.enrolled_at,
        reverse=True,
    )
    return Dashboard(
        courses=enrolled,
        assigned=sorted(
            (card for card in cards if card.enrolment is None),
            key=lambda card: (card.due_on is None, card.due_on or date.max, card.course.title),
        ),
        resume=next((card for card in enrolled if card.progress.started and card.next_step), None),
    )
