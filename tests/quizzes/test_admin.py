"""Quiz content in admin: readable, drafts editable, published versions read-only."""

import pytest
from django.urls import reverse

from quizzes.models import VersionStatus
from quizzes.services import attempt_start
from tests.factories import UserFactory
from tests.quizzes.factories import (
    QuizVersionFactory,
    branching_question,
    enrol,
    published_quiz,
    single_question,
)

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:quizzes_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def published():
    version = QuizVersionFactory(published=True)
    single_question(version)
    branching_question(version)
    return version


@pytest.mark.parametrize("model", ["quiz", "quizversion", "question", "principle"])
def test_content_admins_read_quiz_content(content_admin_client, published, model):
    assert content_admin_client.get(reverse(f"admin:quizzes_{model}_changelist")).status_code == 200


def test_a_published_version_and_its_content_are_read_only(content_admin_client, published):
    question, scenario = published.questions.all()
    step = scenario.steps.exclude(is_ending=True).first()

    for obj in (published, question, scenario, step):
        html = content_admin_client.get(change_url(obj)).content.decode()
        assert 'name="_save"' not in html, obj

    response = content_admin_client.post(change_url(question), {"title": "Changed"})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.title != "Changed"


def test_a_draft_is_edited_and_its_vignette_rendered_safely(content_admin_client):
    draft = QuizVersionFactory()
    question = single_question(draft)
    data = {
        "version": draft.pk,
        "position": 1,
        "kind": "single",
        "marks": "2",
        "required": "on",
        "title": "The gift",
        "vignette": "A client brings *a gift*.<script>alert(1)</script>",
        "prompt": "What do you do?",
        "rubric": "",
        "code_rules": "{}",
        "start_step_key": "",
        "choices-TOTAL_FORMS": "0",
        "choices-INITIAL_FORMS": "0",
        "steps-TOTAL_FORMS": "0",
        "steps-INITIAL_FORMS": "0",
    }
    for index, choice in enumerate(question.choices.all()):
        data |= {
            f"choices-{index}-id": choice.pk,
            f"choices-{index}-question": question.pk,
            f"choices-{index}-position": choice.position,
            f"choices-{index}-text": choice.text,
            f"choices-{index}-is_correct": "on" if choice.is_correct else "",
            f"choices-{index}-principle": choice.principle_id,
            f"choices-{index}-rationale": choice.rationale,
            f"choices-{index}-references": "[]",
        }
    data["choices-TOTAL_FORMS"] = data["choices-INITIAL_FORMS"] = str(question.choices.count())

    response = content_admin_client.post(change_url(question), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    question.refresh_from_db()
    assert question.title == "The gift"
    assert "<em>a gift</em>" in question.vignette_html
    assert "<script>" not in question.vignette_html


def test_editing_starts_with_a_draft_and_publishing_retires_the_old_version(
    content_admin_client, published
):
    changelist = reverse("admin:quizzes_quizversion_changelist")

    content_admin_client.post(
        changelist, {"action": "make_draft", "_selected_action": [published.pk]}
    )
    draft = published.quiz.versions.get(status=VersionStatus.DRAFT)
    assert draft.questions.count() == 2
    content_admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})

    published.refresh_from_db()
    draft.refresh_from_db()
    assert (published.status, draft.status) == (VersionStatus.RETIRED, VersionStatus.PUBLISHED)


def test_a_draft_that_breaks_a_rule_is_not_published_and_says_why(content_admin_client):
    draft = QuizVersionFactory()
    single_question(draft).choices.update(rationale="")

    response = content_admin_client.post(
        reverse("admin:quizzes_quizversion_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )

    assert "a choice needs a rationale" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_attempts_are_for_superusers_and_read_only(client, content_admin_client, trainee):
    quiz = published_quiz()
    enrol(trainee, quiz)
    attempt = attempt_start(user=trainee, quiz=quiz)

    assert content_admin_client.get(reverse("admin:quizzes_attempt_changelist")).status_code == 403

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:quizzes_attempt_changelist")).status_code == 200
    html = client.get(change_url(attempt)).content.decode()
    assert 'name="_save"' not in html
    assert attempt.slots.get().snapshot["title"] in html
