from datetime import UTC, datetime, timedelta

import pytest

from modules.models import Enrolment, LessonProgress
from modules.services import (
    CourseNotOpen,
    NotEnrolled,
    enrolment_create,
    enrolment_withdraw,
    lesson_complete,
    lesson_open,
    lesson_save,
)
from tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    LessonFactory,
    LessonProgressFactory,
    ModuleFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def lesson():
    return LessonFactory(module__course=CourseFactory(published=True))


@pytest.fixture
def enrolment(trainee, lesson):
    return enrolment_create(user=trainee, course=lesson.module.course, now_dt=MONDAY)


def test_enrolment_create_enrols_once(trainee):
    course = CourseFactory(published=True)

    first = enrolment_create(user=trainee, course=course, now_dt=MONDAY)
    again = enrolment_create(user=trainee, course=course, now_dt=MONDAY + timedelta(days=1))

    assert again.pk == first.pk
    assert Enrolment.objects.get().enrolled_at == MONDAY
    assert again.is_active


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_enrolment_create_refuses_an_unpublished_course(trainee, status):
    course = CourseFactory(status=status)

    with pytest.raises(CourseNotOpen):
        enrolment_create(user=trainee, course=course)

    assert not Enrolment.objects.exists()


def test_enrolment_withdraw_keeps_the_enrolment_and_the_progress(trainee, lesson, enrolment):
    lesson_complete(user=trainee, lesson=lesson, now_dt=MONDAY)

    withdrawn = enrolment_withdraw(
        user=trainee, course=lesson.module.course, now_dt=MONDAY + timedelta(days=2)
    )

    withdrawn.refresh_from_db()
    assert withdrawn.unenrolled_at == MONDAY + timedelta(days=2)
    assert not withdrawn.is_active
    assert LessonProgress.objects.filter(user=trainee, completed_at=MONDAY).exists()


def test_enrolment_withdraw_twice_keeps_the_first_date(trainee, lesson, enrolment):
    course = lesson.module.course
    enrolment_withdraw(user=trainee, course=course, now_dt=MONDAY + timedelta(days=1))

    enrolment_withdraw(user=trainee, course=course, now_dt=MONDAY + timedelta(days=5))

    enrolment.refresh_from_db()
    assert enrolment.unenrolled_at == MONDAY + timedelta(days=1)


def test_enrolment_withdraw_without_an_enrolment_does_nothing(trainee):
    assert enrolment_withdraw(user=trainee, course=CourseFactory(published=True)) is None
    assert not Enrolment.objects.exists()


def test_enrolling_again_after_leaving_reopens_the_same_enrolment(trainee, lesson, enrolment):
    course = lesson.module.course
    enrolment_withdraw(user=trainee, course=course, now_dt=MONDAY + timedelta(days=1))

    again = enrolment_create(user=trainee, course=course, now_dt=MONDAY + timedelta(days=3))

    assert again.pk == enrolment.pk
    assert again.is_active
    assert again.enrolled_at == MONDAY
    assert Enrolment.objects.count() == 1


def test_lesson_open_starts_the_clock_once_and_moves_the_bookmark(trainee, lesson, enrolment):
    lesson_open(enrolment=enrolment, lesson=lesson, now_dt=MONDAY)
    lesson_open(enrolment=enrolment, lesson=lesson, now_dt=MONDAY + timedelta(hours=3))

    progress = LessonProgress.objects.get(user=trainee, lesson=lesson)
    assert progress.first_opened_at == MONDAY
    assert progress.last_opened_at == MONDAY + timedelta(hours=3)
    assert progress.completed_at is None
    enrolment.refresh_from_db()
    assert enrolment.last_lesson == lesson


def test_lesson_open_after_completing_keeps_the_completion(trainee, lesson, enrolment):
    lesson_open(enrolment=enrolment, lesson=lesson, now_dt=MONDAY)
    lesson_complete(user=trainee, lesson=lesson, now_dt=MONDAY + timedelta(minutes=9))

    lesson_open(enrolment=enrolment, lesson=lesson, now_dt=MONDAY + timedelta(days=1))

    progress = LessonProgress.objects.get()
    assert progress.completed_at == MONDAY + timedelta(minutes=9)
    assert progress.last_opened_at == MONDAY + timedelta(days=1)


def test_lesson_open_never_moves_the_record_backwards(trainee, lesson, enrolment):
    lesson_open(enrolment=enrolment, lesson=lesson, now_dt=MONDAY)

    lesson_open(enrolment=enrolment, lesson=lesson, now_dt=MONDAY - timedelta(seconds=2))

    progress = LessonProgress.objects.get()
    assert progress.first_opened_at == progress.last_opened_at == MONDAY


def test_lesson_open_refuses_an_ended_enrolment(trainee, lesson, enrolment):
    enrolment_withdraw(user=trainee, course=lesson.module.course, now_dt=MONDAY)
    enrolment.refresh_from_db()

    with pytest.raises(NotEnrolled):
        lesson_open(enrolment=enrolment, lesson=lesson)

    assert not LessonProgress.objects.exists()


def test_lesson_open_refuses_a_lesson_of_another_course(trainee, enrolment):
    other = LessonFactory(module__course=CourseFactory(published=True))

    with pytest.raises(NotEnrolled):
        lesson_open(enrolment=enrolment, lesson=other)


def test_lesson_complete_twice_changes_nothing(trainee, lesson, enrolment):
    lesson_open(enrolment=enrolment, lesson=lesson, now_dt=MONDAY)
    first = lesson_complete(user=trainee, lesson=lesson, now_dt=MONDAY + timedelta(minutes=11))

    again = lesson_complete(user=trainee, lesson=lesson, now_dt=MONDAY + timedelta(days=2))

    assert again.pk == first.pk
    assert LessonProgress.objects.get().completed_at == MONDAY + timedelta(minutes=11)
    assert LessonProgress.objects.count() == 1


def test_lesson_complete_without_opening_records_no_seat_time(trainee, lesson, enrolment):
    progress = lesson_complete(user=trainee, lesson=lesson, now_dt=MONDAY)

    assert progress.first_opened_at == progress.completed_at == MONDAY


def test_lesson_complete_never_records_completion_before_opening(trainee, lesson, enrolment):
    lesson_open(enrolment=enrolment, lesson=lesson, now_dt=MONDAY)

    progress = lesson_complete(user=trainee, lesson=lesson, now_dt=MONDAY - timedelta(seconds=2))

    assert progress.completed_at == MONDAY


def test_lesson_complete_needs_an_enrolment(trainee, lesson):
    with pytest.raises(NotEnrolled):
        lesson_complete(user=trainee, lesson=lesson)

    assert not LessonProgress.objects.exists()


def test_lesson_complete_needs_an_active_enrolment(trainee, lesson, enrolment):
    enrolment_withdraw(user=trainee, course=lesson.module.course)

    with pytest.raises(NotEnrolled):
        lesson_complete(user=trainee, lesson=lesson)


def test_lesson_complete_refuses_a_course_no_longer_published(trainee):
    course = CourseFactory(archived=True)
    EnrolmentFactory(user=trainee, course=course)
    lesson = LessonFactory(module=ModuleFactory(course=course))

    with pytest.raises(NotEnrolled):
        lesson_complete(user=trainee, lesson=lesson)


def test_lesson_progress_of_others_is_untouched(trainee, lesson, enrolment):
    other = LessonProgressFactory(lesson=lesson)

    lesson_complete(user=trainee, lesson=lesson, now_dt=MONDAY)

    other.refresh_from_db()
    assert other.completed_at is None


def test_lesson_save_renders_and_sanitises_the_body():
    lesson = LessonFactory.build(
        module=ModuleFactory(),
        body="## Why\n\nObjectivity <script>alert('x')</script> *matters*.",
        body_html="",
    )

    lesson_save(lesson=lesson)

    lesson.refresh_from_db()
    assert "<h2>Why</h2>" in lesson.body_html
    assert "<em>matters</em>" in lesson.body_html
    assert "<script" not in lesson.body_html
