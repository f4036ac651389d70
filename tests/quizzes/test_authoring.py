import pytest

from core.management.commands.seed_demo import BUNDLED_COURSE as BUNDLED
from modules.course_import import course_import
from quizzes.authoring import (
    QuizNotPublishable,
    quiz_version_build,
    quiz_version_draft_from,
    quiz_version_publish,
    version_data,
)
from quizzes.models import Choice, Quiz, VersionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    course_import(folder=BUNDLED)
    return Quiz.objects.get(module__slug="dual-relationships")


def test_a_draft_copies_the_published_version_exactly(quiz):
    published = quiz.versions.get(status=VersionStatus.PUBLISHED)

    draft = quiz_version_draft_from(version=published)

    assert draft.status == VersionStatus.DRAFT
    assert draft.number == published.number + 1
    assert version_data(draft) == version_data(published)
    assert quiz_version_draft_from(version=published) == draft, "one draft at a time"


def test_publishing_a_draft_retires_the_old_version(quiz):
    published = quiz.versions.get(status=VersionStatus.PUBLISHED)
    draft = quiz_version_draft_from(version=published)

    quiz_version_publish(version=draft)

    published.refresh_from_db()
    draft.refresh_from_db()
    assert (published.status, draft.status) == (VersionStatus.RETIRED, VersionStatus.PUBLISHED)
    assert published.retired_at is not None


def test_a_draft_that_breaks_a_rule_is_not_published(quiz):
    published = quiz.versions.get(status=VersionStatus.PUBLISHED)
    draft = quiz_version_draft_from(version=published)
    Choice.objects.filter(question__version=draft).update(rationale="")

    with pytest.raises(QuizNotPublishable, match="a choice needs a rationale"):
        quiz_version_publish(version=draft)

    published.refresh_from_db()
    assert published.status == VersionStatus.PUBLISHED


def test_a_published_version_cannot_be_published_again(quiz):
    published = quiz.versions.get(status=VersionStatus.PUBLISHED)

    with pytest.raises(QuizNotPublishable, match="is not a draft"):
        quiz_version_publish(version=published)


def test_building_replaces_the_previous_draft(quiz):
    published = quiz.versions.get(status=VersionStatus.PUBLISHED)
    first = quiz_version_draft_from(version=published)
    data = version_data(published)

    second = quiz_version_build(quiz=quiz, data={**data, "pass_mark": 90})

    assert not quiz.versions.filter(pk=first.pk).exists()
    assert second.pass_mark == 90


def test_an_optional_question_stays_optional_through_copies(quiz):
    published = quiz.versions.get(status=VersionStatus.PUBLISHED)
    data = version_data(published)
    data["questions"][0]["required"] = False

    draft = quiz_version_build(quiz=quiz, data=data)

    assert version_data(quiz_version_draft_from(version=draft))["questions"][0]["required"] is False
    assert draft.questions.get(position=1).required is False
