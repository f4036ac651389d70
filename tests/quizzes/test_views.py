"""The quiz pages: who may see them, what they show, and what they never show."""

import random
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profession
from quizzes.models import Attempt, AttemptStatus, FeedbackMode, ReviewOption
from quizzes.services import (
    attempt_branch_choose,
    attempt_slot_save,
    attempt_start,
    attempt_submit,
)
from tests.factories import CohortFactory, SupervisorFactory, TraineeFactory
from tests.quizzes.assertions import assert_no_correctness
from tests.quizzes.factories import (
    QuizVersionFactory,
    branching_question,
    choice_key,
    enrol,
    free_text_question,
    published_quiz,
    single_question,
)

pytestmark = pytest.mark.django_db


def begin(user, quiz, **kwargs):
    return attempt_start(user=user, quiz=quiz, rng=random.Random(7), **kwargs)


def question_url(attempt, position):
    return reverse(
        "quizzes:attempt_question", kwargs={"attempt_id": attempt.pk, "position": position}
    )


def finish_url(attempt):
    return reverse("quizzes:attempt_finish", kwargs={"attempt_id": attempt.pk})


def review_url(attempt):
    return reverse("quizzes:attempt_review", kwargs={"attempt_id": attempt.pk})


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def submitted(user, quiz, answer="Decline warmly"):
    attempt = begin(user, quiz)
    slot = attempt.slots.get(position=1)
    attempt_slot_save(
        user=user, attempt_id=attempt.pk, position=1, response={"choice": choice_key(slot, answer)}
    )
    return attempt_submit(user=user, attempt_id=attempt.pk)


@pytest.fixture
def trainee_quiz(trainee):
    quiz = published_quiz(
        questions=("single", "multiple", "free_text", "branching"), max_attempts=3
    )
    enrol(trainee, quiz)
    return quiz


# The quiz page -----------------------------------------------------------------------------


def test_quiz_page_summarises_the_settings_and_offers_to_start(trainee_client, trainee_quiz):
    response = trainee_client.get(trainee_quiz.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "4 questions" in html
    assert "3 allowed; 0 used" in html
    assert "Start the quiz" in html
    assert "No graded attempt yet" in html


def test_quiz_page_asks_a_trainee_not_enrolled_to_enrol(client, trainee_quiz):
    client.force_login(TraineeFactory())

    html = client.get(trainee_quiz.get_absolute_url()).content.decode()

    assert "Enrol on" in html
    assert "Start the quiz" not in html


def test_quiz_page_shows_history_with_the_grading_methods_grade(trainee_client, trainee):
    quiz = published_quiz(grading_method="highest", max_attempts=3, pass_mark=70)
    enrol(trainee, quiz)
    submitted(trainee, quiz, answer="Accept")
    submitted(trainee, quiz, answer="Decline warmly")

    html = trainee_client.get(quiz.get_absolute_url()).content.decode()

    assert "Your attempts" in html
    assert html.count("Results<span") == 2
    assert re.search(r"100%\s*<span class=\"badge badge-passed\">Passed</span>", html)
    assert "Highest grade of your graded attempts" in html
    assert "1 attempt left" in html


def test_quiz_page_offers_to_resume_the_attempt_in_progress(trainee_client, trainee, trainee_quiz):
    attempt = begin(trainee, trainee_quiz)

    html = trainee_client.get(trainee_quiz.get_absolute_url()).content.decode()

    assert "Resume attempt 1" in html
    assert reverse("quizzes:attempt_resume", kwargs={"attempt_id": attempt.pk}) in html


def test_a_quiz_with_no_published_version_is_not_found(trainee_client):
    draft = QuizVersionFactory()
    single_question(draft)

    assert trainee_client.get(draft.quiz.get_absolute_url()).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, trainee_quiz):
    response = client.get(trainee_quiz.get_absolute_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# Starting and answering ----------------------------------------------------------------------


def test_starting_goes_to_the_first_question(trainee_client, trainee, trainee_quiz):
    response = trainee_client.post(
        reverse("quizzes:attempt_start", kwargs={"quiz_id": trainee_quiz.pk}), follow=True
    )

    attempt = Attempt.objects.get(user=trainee)
    assert response.redirect_chain[-1][0] == question_url(attempt, 1)
    assert "Question 1 of 4" in response.content.decode()


def test_starting_beyond_the_maximum_shows_the_reason(trainee_client, trainee):
    quiz = published_quiz(max_attempts=1)
    enrol(trainee, quiz)
    submitted(trainee, quiz)

    response = trainee_client.post(
        reverse("quizzes:attempt_start", kwargs={"quiz_id": quiz.pk}), follow=True
    )

    assert "You have used all 1 attempts allowed on this quiz." in messages_of(response)
    assert Attempt.objects.count() == 1


def test_saving_an_answer_moves_on_and_keeps_it(trainee_client, trainee, trainee_quiz):
    attempt = begin(trainee, trainee_quiz)
    slot = attempt.slots.get(position=1)

    response = trainee_client.post(
        question_url(attempt, 1), {"choice": choice_key(slot, "Accept"), "go": "2"}
    )

    assert response.status_code == 302
    assert response.url == question_url(attempt, 2)
    slot.refresh_from_db()
    assert slot.response == {"choice": choice_key(slot, "Accept")}
    html = trainee_client.get(question_url(attempt, 1)).content.decode()
    assert (
        f'value="{choice_key(slot, "Accept")}" class="form-check-input" id="id_choice_1" checked'
        in html
    )


def test_the_choice_order_is_the_same_on_every_load(trainee_client, trainee):
    version = QuizVersionFactory(published=True, shuffle_choices=True)
    single_question(version, texts=("A1", "B2", "C3", "D4", "E5"))
    enrol(trainee, version.quiz)
    attempt = begin(trainee, version.quiz)

    def order():
        html = trainee_client.get(question_url(attempt, 1)).content.decode()
        return re.findall(r'class="choice-label"[^>]*>([A-E]\d)<', html)

    first = order()
    assert first == [c["text"] for c in attempt.slots.get().snapshot["choices"]]
    assert order() == first


# The answer-leak rule ----------------------------------------------------------------------


@pytest.mark.parametrize("feedback_mode", [FeedbackMode.IMMEDIATE, FeedbackMode.DEFERRED])
def test_an_open_question_page_contains_no_correctness_marker(
    trainee_client, trainee, feedback_mode
):
    version = QuizVersionFactory(published=True, feedback_mode=feedback_mode, shuffle_choices=False)
    single_question(version, texts=("Decline warmly", "Accept", "Say maybe"), correct=0)
    branching_question(version)
    enrol(trainee, version.quiz)
    attempt = begin(trainee, version.quiz)
    single, scenario = attempt.slots.all()
    attempt_slot_save(
        user=trainee,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(single, "Decline warmly")},
    )

    assert_no_correctness(trainee_client.get(question_url(attempt, 1)).content.decode(), single)
    assert_no_correctness(trainee_client.get(question_url(attempt, 2)).content.decode(), scenario)


def test_a_deferred_scenario_shows_consequences_but_no_rationale_while_open(
    trainee_client, trainee
):
    version = QuizVersionFactory(published=True, feedback_mode=FeedbackMode.DEFERRED)
    branching_question(version)
    enrol(trainee, version.quiz)
    attempt = begin(trainee, version.quiz)
    scenario = attempt.slots.get()
    attempt_branch_choose(
        user=trainee,
        attempt_id=attempt.pk,
        position=1,
        choice_key=choice_key(scenario, "Decline warmly", step="invitation"),
        step=0,
    )

    html = trainee_client.get(question_url(attempt, 1)).content.decode()

    assert "What happens after “Decline warmly”." in html
    assert "The situation at <em>next-session</em>." in html
    assert_no_correctness(html, scenario)


def test_checking_an_answer_shows_kind_specific_feedback(trainee_client, trainee):
    version = QuizVersionFactory(published=True, feedback_mode=FeedbackMode.IMMEDIATE)
    single_question(version, code_rules={"psychologist": "APA says.", "counsellor": "ACA says."})
    single_question(version)
    enrol(trainee, version.quiz)
    attempt = begin(trainee, version.quiz)
    slot = attempt.slots.get(position=1)

    response = trainee_client.post(
        question_url(attempt, 1), {"choice": choice_key(slot, "Accept"), "check": "1"}, follow=True
    )

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == question_url(attempt, 1)
    assert "0 of 1</strong> mark" in html
    assert "Not this time" in html
    assert "Correct</span>" in html
    assert "Why “Accept”: wrong, see APA 3.05." in html
    assert "Principle: Objectivity and clinical judgement" in html
    assert html.index("ACA says.") < html.index("APA says."), (
        "the trainee (a counsellor) sees ACA first"
    )
    assert 'name="choice"' not in html, "a final answer has no form"
    # The next question is still open: its page shows nothing of its own answer.
    assert_no_correctness(
        trainee_client.get(question_url(attempt, 2)).content.decode(), attempt.slots.get(position=2)
    )


def test_an_immediate_scenario_shows_each_decisions_rationale_and_the_ending(
    trainee_client, trainee
):
    version = QuizVersionFactory(published=True, feedback_mode=FeedbackMode.IMMEDIATE)
    branching_question(version)
    enrol(trainee, version.quiz)
    attempt = begin(trainee, version.quiz)
    scenario = attempt.slots.get()
    url = question_url(attempt, 1)

    trainee_client.post(
        url,
        {"choice": choice_key(scenario, "Accept the invitation", step="invitation"), "step": "0"},
    )
    middle = trainee_client.get(url).content.decode()
    trainee_client.post(
        url, {"choice": choice_key(scenario, "Own the mistake", step="party"), "step": "1"}
    )
    end = trainee_client.get(url).content.decode()

    assert "Why “Accept the invitation” matters." in middle
    assert "Debrief of" not in middle
    assert "The scenario ends here" in end
    assert "1.2 of 3</strong> marks" in end
    assert "Debrief of repair-ending." in end


def test_a_double_clicked_decision_is_not_applied_twice(trainee_client, trainee):
    version = QuizVersionFactory(published=True)
    branching_question(version)
    enrol(trainee, version.quiz)
    attempt = begin(trainee, version.quiz)
    scenario = attempt.slots.get()
    decision = {"choice": choice_key(scenario, "Decline warmly", step="invitation"), "step": "0"}

    trainee_client.post(question_url(attempt, 1), decision)
    response = trainee_client.post(question_url(attempt, 1), decision, follow=True)

    assert "That decision was already made; here is where the scenario stands." in messages_of(
        response
    )
    scenario.refresh_from_db()
    assert len(scenario.response["path"]) == 1


# Bad input ---------------------------------------------------------------------------------


def test_a_choice_of_another_question_is_refused_with_a_message(
    trainee_client, trainee, trainee_quiz
):
    attempt = begin(trainee, trainee_quiz)
    other = attempt.slots.get(position=2)

    response = trainee_client.post(
        question_url(attempt, 1), {"choice": other.snapshot["choices"][0]["key"], "go": "2"}
    )

    assert response.status_code == 200
    assert "That choice is not part of this question." in response.content.decode()
    assert attempt.slots.get(position=1).response is None


@pytest.mark.parametrize("position", [0, 5, 99])
def test_a_question_not_in_the_attempt_is_a_404(trainee_client, trainee, trainee_quiz, position):
    attempt = begin(trainee, trainee_quiz)

    assert trainee_client.get(question_url(attempt, position)).status_code == 404
    assert trainee_client.post(question_url(attempt, position), {"choice": "x"}).status_code == 404


def test_another_trainees_attempt_is_a_404_and_untouched(client, trainee, trainee_quiz):
    attempt = begin(trainee, trainee_quiz)
    slot = attempt.slots.get(position=1)
    intruder = TraineeFactory()
    enrol(intruder, trainee_quiz)
    client.force_login(intruder)

    for url in (
        question_url(attempt, 1),
        finish_url(attempt),
        review_url(attempt),
        reverse("quizzes:attempt_resume", kwargs={"attempt_id": attempt.pk}),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(question_url(attempt, 1), {"choice": choice_key(slot, "Accept")}).status_code
        == 404
    )
    assert client.post(finish_url(attempt)).status_code == 404
    slot.refresh_from_db()
    attempt.refresh_from_db()
    assert slot.response is None and attempt.is_in_progress


def test_an_attempt_that_does_not_exist_is_a_404(trainee_client):
    assert trainee_client.get(question_url(Attempt(pk=999_999), 1)).status_code == 404


def test_answers_after_submission_go_to_the_results_unsaved(trainee_client, trainee):
    quiz = published_quiz()
    enrol(trainee, quiz)
    attempt = submitted(trainee, quiz, answer="Decline warmly")
    slot = attempt.slots.get()

    response = trainee_client.post(question_url(attempt, 1), {"choice": choice_key(slot, "Accept")})

    assert response.url == review_url(attempt)
    slot.refresh_from_db()
    assert slot.response == {"choice": choice_key(slot, "Decline warmly")}


# Time limit --------------------------------------------------------------------------------


def test_an_expired_attempt_is_submitted_when_opened(trainee_client, trainee):
    quiz = published_quiz(time_limit_minutes=10)
    enrol(trainee, quiz)
    attempt = begin(trainee, quiz, now=timezone.now() - timedelta(minutes=11))
    slot = attempt.slots.get()
    attempt_slot_save(
        user=trainee,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(slot, "Decline warmly")},
        now=attempt.started_at,
    )

    response = trainee_client.get(question_url(attempt, 1), follow=True)

    assert response.redirect_chain[-1][0] == review_url(attempt)
    assert any("Time is up" in message for message in messages_of(response))
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score) == (AttemptStatus.GRADED, Decimal("1.00"))


def test_an_answer_sent_after_the_deadline_is_refused(trainee_client, trainee):
    quiz = published_quiz(time_limit_minutes=10)
    enrol(trainee, quiz)
    attempt = begin(trainee, quiz, now=timezone.now() - timedelta(minutes=11))
    slot = attempt.slots.get()

    response = trainee_client.post(
        question_url(attempt, 1), {"choice": choice_key(slot, "Decline warmly")}, follow=True
    )

    assert any("arrived too late" in message for message in messages_of(response))
    slot.refresh_from_db()
    assert slot.response is None
    assert slot.mark == Decimal("0.00")


def test_the_time_left_is_shown_on_the_server(trainee_client, trainee):
    quiz = published_quiz(time_limit_minutes=30)
    enrol(trainee, quiz)
    attempt = begin(trainee, quiz, now=timezone.now() - timedelta(minutes=10))

    html = trainee_client.get(question_url(attempt, 1)).content.decode()

    assert "Time left" in html
    assert re.search(r"(19|20)\xa0minutes", html)


# Finishing ---------------------------------------------------------------------------------


def test_finish_page_lists_the_questions_still_to_answer(trainee_client, trainee, trainee_quiz):
    attempt = begin(trainee, trainee_quiz)

    html = trainee_client.get(finish_url(attempt)).content.decode()

    assert "Some questions still need an answer." in html
    assert question_url(attempt, 3) in html
    assert "Submit and see results" not in html


def test_submitting_with_missing_answers_is_refused_with_their_numbers(
    trainee_client, trainee, trainee_quiz
):
    attempt = begin(trainee, trainee_quiz)

    response = trainee_client.post(finish_url(attempt), follow=True)

    assert "Answer questions 1, 2, 3, 4 before submitting." in messages_of(response)
    attempt.refresh_from_db()
    assert attempt.is_in_progress


def test_submitting_twice_shows_the_same_results(trainee_client, trainee):
    quiz = published_quiz()
    enrol(trainee, quiz)
    attempt = begin(trainee, quiz)
    slot = attempt.slots.get()
    attempt_slot_save(
        user=trainee,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(slot, "Decline warmly")},
    )

    first = trainee_client.post(finish_url(attempt))
    attempt.refresh_from_db()
    graded_at = attempt.graded_at
    second = trainee_client.post(finish_url(attempt))

    assert first.url == second.url == review_url(attempt)
    attempt.refresh_from_db()
    assert attempt.graded_at == graded_at


# Results -----------------------------------------------------------------------------------


def scenario_quiz(trainee, review_option=ReviewOption.ALWAYS):
    version = QuizVersionFactory(
        published=True, review_option=review_option, pass_mark=70, max_attempts=0
    )
    single_question(
        version, code_rules={"psychologist": "APA 10.08 says.", "counsellor": "ACA A.5.c says."}
    )
    branching_question(version)
    enrol(trainee, version.quiz)
    return version.quiz


def take(trainee, quiz, single="Accept", path=("Decline warmly", "Move straight on")):
    """Submits an attempt: ``single`` on question 1, the scenario's ``path`` on question 2."""
    attempt = begin(trainee, quiz)
    first, scenario = attempt.slots.all()
    attempt_slot_save(
        user=trainee,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(first, single)},
    )
    step_key = scenario.snapshot["start"]
    for step, text in enumerate(path):
        key = choice_key(scenario, text, step=step_key)
        attempt_branch_choose(
            user=trainee, attempt_id=attempt.pk, position=2, choice_key=key, step=step
        )
        step_key = next(
            c["next"] for c in scenario.snapshot["steps"][step_key]["choices"] if c["key"] == key
        )
    return attempt_submit(user=trainee, attempt_id=attempt.pk)


def scenario_attempt(trainee, review_option=ReviewOption.ALWAYS):
    return take(trainee, scenario_quiz(trainee, review_option))


def test_results_show_score_pass_feedback_and_the_path_taken(trainee_client, trainee):
    attempt = scenario_attempt(trainee)

    html = trainee_client.get(review_url(attempt)).content.decode()

    assert "37.5%" in html  # 1.5 of 4
    assert "Not passed" in html
    assert "1.5 of 4 marks" in html
    assert "Why “Accept”: wrong, see APA 3.05." in html
    assert "Why “Decline warmly”: right, see APA 3.05." in html
    assert html.index("ACA A.5.c says.") < html.index("APA 10.08 says.")
    # The path, in order, with consequences, rationales and the ending's debrief.
    path = [
        html.index(text)
        for text in (
            "You chose</span> Decline warmly",
            "What happens after “Decline warmly”.",
            "Why “Decline warmly” matters.",
            "You chose</span> Move straight on",
            "Debrief of missed-ending.",
        )
    ]
    assert path == sorted(path)


def test_after_passing_answers_appear_on_every_attempt_once_the_trainee_passes(
    trainee_client, trainee
):
    quiz = scenario_quiz(trainee, review_option=ReviewOption.AFTER_PASSING)
    failed = take(trainee, quiz)
    assert "Why “Accept”" not in trainee_client.get(review_url(failed)).content.decode()

    passed = take(
        trainee, quiz, single="Decline warmly", path=("Decline warmly", "Explore the hurt")
    )

    assert passed.passed
    assert "Why “Accept”" in trainee_client.get(review_url(failed)).content.decode()
    assert "Debrief of best-ending." in trainee_client.get(review_url(passed)).content.decode()


def test_after_passing_a_failed_attempt_shows_marks_but_not_answers(trainee_client, trainee):
    attempt = scenario_attempt(trainee, review_option=ReviewOption.AFTER_PASSING)

    html = trainee_client.get(review_url(attempt)).content.decode()

    assert not attempt.passed
    assert "Correct answers and rationales are shown once you pass this quiz." in html
    assert "0 of 1</strong> mark" in html
    assert "Your answer" in html
    assert "You chose</span> Decline warmly" in html, "the path is the trainee's own"
    assert "correct" not in html.lower().replace("correct answers and rationales are shown", "")
    assert "Why “" not in html
    assert "Debrief of" not in html


def test_never_review_shows_marks_only(trainee_client, trainee):
    attempt = scenario_attempt(trainee, review_option=ReviewOption.NEVER)

    html = trainee_client.get(review_url(attempt)).content.decode()

    assert "This quiz shows your marks but not its answers and rationales." in html
    assert "Why “" not in html


def test_an_attempt_in_progress_has_no_results_yet(trainee_client, trainee, trainee_quiz):
    attempt = begin(trainee, trainee_quiz)

    response = trainee_client.get(review_url(attempt))

    assert response.url == reverse("quizzes:attempt_resume", kwargs={"attempt_id": attempt.pk})


# Supervision -------------------------------------------------------------------------------


@pytest.fixture
def awaiting_grading(trainee):
    version = QuizVersionFactory(published=True)
    single_question(version)
    free_text_question(version, rubric="Names objectivity.")
    enrol(trainee, version.quiz)
    attempt = begin(trainee, version.quiz)
    first = attempt.slots.get(position=1)
    attempt_slot_save(
        user=trainee,
        attempt_id=attempt.pk,
        position=1,
        response={"choice": choice_key(first, "Decline warmly")},
    )
    attempt_slot_save(
        user=trainee,
        attempt_id=attempt.pk,
        position=2,
        response={"text": "It would cloud my judgement."},
    )
    return attempt_submit(user=trainee, attempt_id=attempt.pk)


@pytest.fixture
def supervises_trainee(supervisor, trainee):
    CohortFactory(supervisors=[supervisor], trainees=[trainee])


def grade_url(slot):
    return reverse("quizzes:slot_grade", kwargs={"slot_id": slot.pk})


def test_supervision_lists_only_the_cohorts_answers_to_grade(
    supervisor_client, supervises_trainee, awaiting_grading
):
    stranger = TraineeFactory(certificate_name="Not In Your Cohort")
    quiz = published_quiz(questions=("free_text",))
    enrol(stranger, quiz)
    attempt = begin(stranger, quiz)
    attempt_slot_save(user=stranger, attempt_id=attempt.pk, position=1, response={"text": "Mine."})
    attempt_submit(user=stranger, attempt_id=attempt.pk)

    html = supervisor_client.get(reverse("quizzes:supervision")).content.decode()

    assert grade_url(awaiting_grading.slots.get(position=2)) in html
    assert awaiting_grading.user.display_name in html
    assert "Not In Your Cohort" not in html


def test_a_supervisor_grades_a_free_text_answer_and_the_attempt_is_regraded(
    supervisor_client, supervises_trainee, awaiting_grading
):
    answer = awaiting_grading.slots.get(position=2)
    page = supervisor_client.get(grade_url(answer)).content.decode()
    assert "It would cloud my judgement." in page
    assert "Names objectivity." in page

    response = supervisor_client.post(
        grade_url(answer), {"mark": "1.5", "comment": "Name the code section too."}
    )

    assert response.url == reverse("quizzes:supervision")
    awaiting_grading.refresh_from_db()
    assert (awaiting_grading.status, awaiting_grading.score, awaiting_grading.passed) == (
        AttemptStatus.GRADED,
        Decimal("2.50"),
        True,
    )


def test_a_mark_above_the_maximum_is_refused_on_the_form(
    supervisor_client, supervises_trainee, awaiting_grading
):
    answer = awaiting_grading.slots.get(position=2)

    response = supervisor_client.post(grade_url(answer), {"mark": "5", "comment": ""})

    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 2" in response.content.decode()
    answer.refresh_from_db()
    assert answer.mark is None


def test_the_trainee_sees_the_supervisors_mark_and_comment(
    trainee_client, supervisor_client, supervises_trainee, awaiting_grading
):
    answer = awaiting_grading.slots.get(position=2)
    html = trainee_client.get(review_url(awaiting_grading)).content.decode()
    assert "Awaiting grading" in html

    supervisor_client.post(grade_url(answer), {"mark": "2", "comment": "Clear and specific."})
    trainee_client.force_login(awaiting_grading.user)
    html = trainee_client.get(review_url(awaiting_grading)).content.decode()

    assert "Clear and specific." in html
    assert "Passed" in html


@pytest.mark.parametrize(
    ("who", "supervision", "grade", "review"),
    [
        ("owner", 403, 403, 200),
        ("other_trainee", 403, 403, 404),
        ("cohort_supervisor", 200, 200, 200),
        ("other_supervisor", 200, 404, 404),
        ("anonymous", 302, 302, 302),
    ],
)
def test_each_role_against_each_page(
    client, trainee, awaiting_grading, who, supervision, grade, review
):
    cohort_supervisor = SupervisorFactory(username="cohort-supervisor")
    CohortFactory(supervisors=[cohort_supervisor], trainees=[trainee])
    users = {
        "owner": trainee,
        "other_trainee": TraineeFactory(),
        "cohort_supervisor": cohort_supervisor,
        "other_supervisor": SupervisorFactory(),
    }
    if who in users:
        client.force_login(users[who])
    answer = awaiting_grading.slots.get(position=2)

    assert client.get(reverse("quizzes:supervision")).status_code == supervision
    assert client.get(grade_url(answer)).status_code == grade
    assert client.get(review_url(awaiting_grading)).status_code == review
    assert client.get(question_url(awaiting_grading, 1)).status_code == {
        "owner": 302,
        "anonymous": 302,
    }.get(who, 404)


def test_supervisor_review_shows_everything_with_the_trainees_code_first(client, trainee):
    trainee.profession = Profession.PSYCHOLOGIST
    trainee.save()
    attempt = scenario_attempt(trainee, review_option=ReviewOption.NEVER)
    supervisor = SupervisorFactory()
    CohortFactory(supervisors=[supervisor], trainees=[trainee])
    client.force_login(supervisor)

    html = client.get(review_url(attempt)).content.decode()

    assert f"by {trainee.display_name}" in html
    assert "Why “Accept”" in html
    assert html.index("APA 10.08 says.") < html.index("ACA A.5.c says.")
