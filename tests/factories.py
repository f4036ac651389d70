from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Cohort, Profession, User
from accounts.roles import CONTENT_ADMIN, SUPERVISOR, TRAINEE
from core.markdown import render_markdown
from modules.models import (
    ContentStatus,
    Course,
    CourseAssignment,
    Enrolment,
    Lesson,
    LessonProgress,
    Level,
    Module,
)

PASSWORD = "correct-horse-battery-staple"


def grant(user, create, roles):
    """Puts the user in the groups of ``roles``; everyone is a trainee."""
    if create:
        for role in {TRAINEE, *(roles or [])}:
            user.groups.add(Group.objects.get(name=role.group_name))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    certificate_name = factory.Faker("name")
    profession = Profession.COUNSELLOR
    password = factory.django.Password(PASSWORD)

    roles = factory.PostGeneration(lambda user, create, extracted: grant(user, create, extracted))


class TraineeFactory(UserFactory):
    pass


class SupervisorFactory(UserFactory):
    roles = factory.PostGeneration(
        lambda user, create, extracted: grant(user, create, extracted or [SUPERVISOR])
    )


class ContentAdminFactory(UserFactory):
    is_staff = True
    roles = factory.PostGeneration(
        lambda user, create, extracted: grant(user, create, extracted or [CONTENT_ADMIN])
    )


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cohort {n}")

    @factory.post_generation
    def trainees(cohort, create, extracted, **kwargs):
        if create and extracted:
            cohort.trainees.add(*extracted)

    @factory.post_generation
    def supervisors(cohort, create, extracted, **kwargs):
        if create and extracted:
            cohort.supervisors.add(*extracted)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    slug = factory.Sequence(lambda n: f"course-{n}")
    title = factory.Sequence(lambda n: f"Boundaries in practice {n}")
    summary = "Dual relationships, self-disclosure and contact outside the session."
    objectives = factory.LazyFunction(lambda: ["Define a multiple relationship."])
    level = Level.INTERMEDIATE
    professions = factory.LazyFunction(lambda: ["psychologist", "counsellor"])
    ce_hours = Decimal("3.0")
    status = ContentStatus.DRAFT

    class Params:
        published = factory.Trait(status=ContentStatus.PUBLISHED)
        archived = factory.Trait(status=ContentStatus.ARCHIVED)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    course = factory.SubFactory(CourseFactory)
    position = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"module-{n}")
    title = factory.Sequence(lambda n: f"Module {n}")
    summary = "What a multiple relationship is and when it harms."


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    position = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = "## A second role\n\nA *multiple relationship* exists when ..."
    body_html = factory.LazyAttribute(lambda lesson: render_markdown(lesson.body))
    key_points = factory.LazyFunction(lambda: ["A second role can impair objectivity."])
    references = factory.LazyFunction(lambda: ["APA Ethics Code 3.05"])
    estimated_minutes = 10


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    user = factory.SubFactory(TraineeFactory)
    course = factory.SubFactory(CourseFactory, published=True)
    enrolled_at = factory.LazyFunction(timezone.now)


class LessonProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonProgress

    user = factory.SubFactory(TraineeFactory)
    lesson = factory.SubFactory(LessonFactory)
    first_opened_at = factory.LazyFunction(timezone.now)
    last_opened_at = factory.LazyAttribute(lambda progress: progress.first_opened_at)

    class Params:
        completed = factory.Trait(
            completed_at=factory.LazyAttribute(
                lambda progress: progress.first_opened_at + timedelta(minutes=10)
            )
        )


class CourseAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseAssignment

    cohort = factory.SubFactory(CohortFactory)
    course = factory.SubFactory(CourseFactory, published=True)


def course_with_lessons(*, modules=3, lessons=3, **course_fields):
    """A course of ``modules`` by ``lessons``, in order: ``(course, [[lesson, ...], ...])``."""
    course = CourseFactory(**course_fields)
    outline = []
    for module_number in range(1, modules + 1):
        module = ModuleFactory(
            course=course, position=module_number, slug=f"module-{module_number}"
        )
        outline.append(
            [
                LessonFactory(module=module, position=number, slug=f"lesson-{number}")
                for number in range(1, lessons + 1)
            ]
        )
    return course, outline
