"""Writes: enrolment, reading and completing lessons, saving authored lessons.

Each service is one transaction and takes ``now_dt=`` so tests can fix the time.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.markdown import render_markdown

from .models import ContentStatus, Course, Enrolment, Lesson, LessonProgress


class EnrolmentError(Exception):
    """A request the rules refuse; views show the message to the trainee."""


class CourseNotOpen(EnrolmentError):
    pass


class NotEnrolled(EnrolmentError):
    pass


@transaction.atomic
def enrolment_create(*, user: User, course: Course, now_dt: datetime | None = None) -> Enrolment:
    """Enrols ``user`` in a published course. Idempotent.

    Enrolling again after leaving reopens the same enrolment, so the progress made before is
    there again; the original enrolment date is kept.
    """
    if not course.is_published:
        raise CourseNotOpen(f"“{course.title}” is not open for enrolment.")
    enrolment, created = Enrolment.objects.select_for_update().get_or_create(
        user=user, course=course, defaults={"enrolled_at": now_dt or timezone.now()}
    )
    if not created and not enrolment.is_active:
        enrolment.unenrolled_at = None
        enrolment.save(update_fields=["unenrolled_at"])
    return enrolment


@transaction.atomic
def enrolment_withdraw(
    *, user: User, course: Course, now_dt: datetime | None = None
) -> Enrolment | None:
    """Ends ``user``'s enrolment, keeping the row and every progress record. Idempotent.

    Returns the enrolment, or None if the user was never enrolled.
    """
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment is not None and enrolment.is_active:
        enrolment.unenrolled_at = now_dt or timezone.now()
        enrolment.save(update_fields=["unenrolled_at"])
    return enrolment


@transaction.atomic
def lesson_open(*, enrolment: Enrolment, lesson: Lesson, now_dt: datetime | None = None) -> None:
    """Records that the enrolled trainee opened ``lesson``: the only write a GET makes.

    The first opening starts the seat-time clock; every opening moves "continue where you left
    off" to this lesson. Precondition: ``lesson.module`` is loaded (no query is made for it).
    """
    if not enrolment.is_active or enrolment.course_id != lesson.module.course_id:
        raise NotEnrolled("Only an enrolled trainee's reading is recorded.")
    now = now_dt or timezone.now()
    progress, created = LessonProgress.objects.select_for_update().get_or_create(
        user_id=enrolment.user_id,
        lesson=lesson,
        defaults={"first_opened_at": now, "last_opened_at": now},
    )
    if not created:
        # App servers' clocks can disagree slightly: the record's times never go backwards.
        progress.last_opened_at = max(now, progress.last_opened_at)
        progress.save(update_fields=["last_opened_at"])
    if enrolment.last_lesson_id != lesson.pk:
        enrolment.last_lesson = lesson
        enrolment.save(update_fields=["last_lesson"])


@transaction.atomic
def lesson_complete(
    *, user: User, lesson: Lesson, now_dt: datetime | None = None
) -> LessonProgress:
    """Marks ``lesson`` complete for an enrolled trainee. Completing it again changes nothing."""
    enrolled = Enrolment.objects.filter(
        user=user,
        course_id=lesson.module.course_id,
        course__status=ContentStatus.PUBLISHED,
        unenrolled_at__isnull=True,
    )
    if not enrolled.exists():
        raise NotEnrolled("Enrol in this course to keep track of your progress.")
    now = now_dt or timezone.now()
    progress, created = LessonProgress.objects.select_for_update().get_or_create(
        user=user,
        lesson=lesson,
        defaults={"first_opened_at": now, "last_opened_at": now, "completed_at": now},
    )
    if not created and progress.completed_at is None:
        # App servers' clocks can disagree slightly: never record completion before opening.
        progress.completed_at = max(now, progress.first_opened_at)
        progress.save(update_fields=["completed_at"])
    return progress


@transaction.atomic
def lesson_save(*, lesson: Lesson) -> Lesson:
    """Saves an authored lesson with its body rendered and sanitised once, here, not per page."""
    lesson.body_html = render_markdown(lesson.body)
    lesson.save()
    return lesson
