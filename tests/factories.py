import factory
from django.contrib.auth.models import Group

from accounts.models import Cohort, Profession, User
from accounts.roles import CONTENT_ADMIN, SUPERVISOR, TRAINEE

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
