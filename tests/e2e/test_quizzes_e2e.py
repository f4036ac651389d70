"""A trainee takes a module's scenario quiz in a real browser: an immediate-feedback single
choice, then a branching scenario lived one decision at a time; she submits and reads her
results. Screenshots of each page at desktop and phone width go to test-artifacts/."""

import pytest
from playwright.sync_api import expect

from modules.services import enrolment_create
from quizzes.authoring import quiz_version_build, quiz_version_publish
from quizzes.models import Quiz
from quizzes.services import attempt_slot_save, attempt_start, attempt_submit
from tests.factories import (
    PASSWORD,
    CohortFactory,
    CourseFactory,
    ModuleFactory,
    SupervisorFactory,
    TraineeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

DECLINE = "Thank Jordan warmly, decline, and say you would like to talk about the invitation properly next session."
ACKNOWLEDGE = "Acknowledge the hurt, explain that the boundary protects the work you do together, and explore what the invitation and your answer meant to Jordan."


def choice(text, correct, principle, rationale, references=()):
    return {
        "text": text,
        "correct": correct,
        "principle": principle,
        "rationale": rationale,
        "references": list(references),
    }


def branch(text, consequence, principle, rationale, next_step):
    return {
        "text": text,
        "consequence": consequence,
        "principle": principle,
        "rationale": rationale,
        "next": next_step,
    }


QUIZ = {
    "title": "Scenario quiz: dual and multiple relationships",
    "pass_mark": 70,
    "feedback": "immediate",
    "review": "always",
    "shuffle_choices": True,
    "questions": [
        {
            "kind": "single",
            "title": "The business offer",
            "vignette": (
                "Tom, a client you have seen for a year, runs a successful building firm. Near "
                "the end of a session he says: “You've changed my life. I'm setting up a "
                "property venture and I'd like to let you in at the ground floor, same terms as "
                "the other investors. Think about it.”"
            ),
            "prompt": "What is the most appropriate response?",
            "code_rules": {
                "psychologist": "APA 3.05(a) and 3.06: a financial tie with a current client is a multiple relationship and a conflict of interest.",
                "counsellor": "ACA A.5.d: counsellors avoid personal or business relationships with current clients that could harm them.",
                "social_worker": "NASW 1.06(c): no dual relationships with clients where there is a risk of exploitation or harm.",
                "mft": "AAMFT 1.3: avoid multiple relationships, business ones included, that could impair judgement.",
            },
            "choices": [
                choice(
                    "Thank Tom sincerely, decline clearly, explain that a financial tie would compromise the therapy, and explore in session what making the offer means to him.",
                    True,
                    "exploitation-risk",
                    "A business relationship with a current client brings your financial interest into the room and gives Tom's gratitude a price. Declining protects him and your objectivity, while exploring the offer respects the feeling behind it.",
                    ["APA 3.05(a)", "APA 3.06", "ACA A.5.d"],
                ),
                choice(
                    "Accept, as long as the terms really are identical to those of the other investors.",
                    False,
                    "multiple-relationships",
                    "Fair terms do not remove the second role. If the venture struggles, or Tom needs to talk about it in therapy, your money is on the table; you could not be impartial about his decisions.",
                    ["APA 3.06", "ACA A.5.d"],
                ),
                choice(
                    "Tell Tom you will think about it after therapy has ended.",
                    False,
                    "multiple-relationships",
                    "Deferring the offer turns it into a promise of a future relationship, itself one of the forms of multiple relationship, and it will colour the rest of the therapy.",
                    ["APA 3.05(a)"],
                ),
            ],
        },
        {
            "kind": "branching",
            "title": "The dinner and wine-tasting invitation",
            "marks": 3,
            "vignette": (
                "Jordan has been seeing you weekly for eight months after a painful break-up. "
                "Things are much better: Jordan has a new partner and is proud of the life they "
                "are rebuilding."
            ),
            "prompt": "Work through the situation, one decision at a time.",
            "start": "invitation",
            "steps": [
                {
                    "key": "invitation",
                    "text": "At the end of a session Jordan hands you a card: a dinner with a wine tasting at Jordan's home on Saturday. “I really want you to meet my partner. It would mean so much.”",
                    "choices": [
                        branch(
                            DECLINE,
                            "Jordan's smile fades a little. “Oh. Okay, of course,” Jordan says, and leaves a little more quickly than usual.",
                            "objectivity",
                            "A warm, prompt decline keeps you out of Jordan's social life, where meeting the new partner would cloud your judgement (APA 3.05(a)).",
                            "next-session",
                        ),
                        branch(
                            "Accept. You will only stay an hour.",
                            "On Saturday Jordan introduces you to the partner and to several friends. One asks how you two know each other.",
                            "multiple-relationships",
                            "Accepting would make you a guest in your client's social life; objectivity is at risk (APA 3.05).",
                            "after-the-party",
                        ),
                    ],
                },
                {
                    "key": "next-session",
                    "text": "Jordan arrives ten minutes late and says quietly, “I nearly didn't come today. I suppose I'm just another client to you.”",
                    "choices": [
                        branch(
                            ACKNOWLEDGE,
                            "Jordan talks about wanting someone who knew the hard times to see the good ones. It becomes one of the most useful sessions you have had together.",
                            "client-welfare",
                            "Naming the hurt and exploring its meaning turns a rupture into a repair.",
                            "best-ending",
                        ),
                        branch(
                            "Move straight on to the plan for today's session.",
                            "Jordan goes along with it, but answers briefly for the rest of the hour.",
                            "client-welfare",
                            "The boundary held, but unexplored ruptures can quietly end a therapy.",
                            "missed-ending",
                        ),
                    ],
                },
                {
                    "key": "after-the-party",
                    "text": "At the next session Jordan asks, “So, what did you think of my partner? Be honest.”",
                    "choices": [
                        branch(
                            "Say that going blurred your role, that this was your responsibility, and take it to supervision.",
                            "Jordan looks confused, then a little embarrassed. You talk about what the evening meant.",
                            "boundary-responsibility",
                            "Owning the mistake is the right repair (APA 3.05(b)).",
                            "repair-ending",
                        ),
                        branch(
                            "Give your honest opinion of the partner, as a friend would.",
                            "Jordan hangs on every word.",
                            "objectivity",
                            "Your view of the partner now carries the weight of your authority.",
                            "entangled-ending",
                        ),
                    ],
                },
                {
                    "key": "best-ending",
                    "ending": True,
                    "score": 100,
                    "debrief": "You declined kindly and used the next session to explore the hurt rather than avoid it. Note the invitation, your response and the discussion in the record.",
                },
                {
                    "key": "missed-ending",
                    "ending": True,
                    "score": 50,
                    "debrief": "You held the boundary, but Jordan's comment was a rupture signal left unexplored.",
                },
                {
                    "key": "repair-ending",
                    "ending": True,
                    "score": 40,
                    "debrief": "Attending created a multiple relationship; you then took the right steps.",
                },
                {
                    "key": "entangled-ending",
                    "ending": True,
                    "score": 0,
                    "debrief": "Each step moved you further into a friendship. Seek supervision promptly.",
                },
            ],
        },
    ],
}


@pytest.fixture
def quiz_ready():
    course = CourseFactory(title="Therapeutic Boundaries in Clinical Practice", published=True)
    module = ModuleFactory(course=course, title="Dual and multiple relationships", slug="dual")
    quiz = Quiz.objects.create(module=module, title=QUIZ["title"])
    quiz_version_publish(version=quiz_version_build(quiz=quiz, data=QUIZ))
    trainee = TraineeFactory(username="alex", certificate_name="Alex Morgan, LPC")
    enrolment_create(user=trainee, course=course)
    return course


def both_widths(page, screenshot, assert_accessible, name):
    assert_accessible(name)
    screenshot(f"quiz-{name}-desktop")
    page.set_viewport_size(PHONE)
    screenshot(f"quiz-{name}-phone")
    page.set_viewport_size(DESKTOP)


def test_a_trainee_takes_a_scenario_quiz_and_reads_her_results(
    page, log_in, screenshot, assert_accessible, quiz_ready
):
    log_in("alex", PASSWORD)
    page.goto(quiz_ready.get_absolute_url())
    page.get_by_role("link", name="Module quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUIZ["title"])
    both_widths(page, screenshot, assert_accessible, "start")
    page.get_by_role("button", name="Start the quiz").click()

    # Question 1: a single choice, checked for immediate feedback.
    expect(page.get_by_text("Question 1 of 2")).to_be_visible()
    question = page.get_by_role("group", name="What is the most appropriate response?")
    expect(question.get_by_role("radio")).to_have_count(3)
    assert "correct" not in page.content().lower()
    both_widths(page, screenshot, assert_accessible, "attempt")
    question.get_by_label("Accept, as long as the terms").check()
    page.get_by_role("button", name="Check answer").click()

    feedback = page.get_by_role("region", name="Feedback")
    expect(feedback.get_by_text("Not this time")).to_be_visible()
    expect(feedback.get_by_text("Fair terms do not remove the second role.")).to_be_visible()
    expect(feedback.get_by_text("Declining protects him and your objectivity")).to_be_visible()
    # Alex is a counsellor: the ACA rule comes first.
    expect(feedback.locator(".code-rule").first).to_contain_text("ACA A.5.d")
    both_widths(page, screenshot, assert_accessible, "feedback")
    page.get_by_role("link", name="Next question").click()

    # Question 2: the branching scenario, one decision at a time.
    expect(page.get_by_text("Question 2 of 2")).to_be_visible()
    page.get_by_label(DECLINE).check()
    page.get_by_role("button", name="Decide").click()
    expect(page.get_by_text("Jordan's smile fades a little.")).to_be_visible()
    expect(page.get_by_text("just another client to you")).to_be_visible()
    both_widths(page, screenshot, assert_accessible, "branching-step")
    page.get_by_label(ACKNOWLEDGE).check()
    page.get_by_role("button", name="Decide").click()
    expect(page.get_by_text("The scenario ends here")).to_be_visible()
    expect(page.get_by_text("You declined kindly")).to_be_visible()
    both_widths(page, screenshot, assert_accessible, "branching-ending")

    page.get_by_role("link", name="Finish attempt", exact=True).click()
    page.get_by_role("button", name="Submit and see results").click()

    # Results: 3 of 4 marks, passed, with the review and the path taken.
    expect(page.get_by_text("Your attempt has been submitted.")).to_be_visible()
    expect(page.locator(".results-figure")).to_have_text("75%")
    expect(page.get_by_text("Passed", exact=True)).to_be_visible()
    path = page.get_by_role("list", name="Your decisions")
    expect(path.get_by_role("listitem")).to_have_count(2)
    expect(path.get_by_text("What happened").first).to_be_visible()
    both_widths(page, screenshot, assert_accessible, "results")

    page.get_by_role("link", name="Back to the quiz").click()
    expect(page.get_by_text("Your attempts")).to_be_visible()
    expect(page.locator(".grade-figure")).to_contain_text("75%")


FREE_TEXT_QUIZ = {
    "title": "Scenario quiz: self-disclosure",
    "feedback": "deferred",
    "questions": [
        {
            "kind": "free_text",
            "title": "Your own bereavement",
            "vignette": "Sam's father died last month, as yours did two years ago. Sam asks, “Have you ever lost a parent?”",
            "prompt": "Explain your reasoning: would you answer, and how?",
            "marks": 2,
            "rubric": "Asks whose needs the disclosure would serve; keeps any disclosure brief and returns the focus to Sam; names the purpose of self-disclosure.",
        }
    ],
}


def test_a_supervisor_grades_a_trainees_free_text_answer(
    page, log_in, screenshot, assert_accessible
):
    course = CourseFactory(title="Therapeutic Boundaries in Clinical Practice", published=True)
    module = ModuleFactory(course=course, title="Self-disclosure", slug="self-disclosure")
    quiz = Quiz.objects.create(module=module, title=FREE_TEXT_QUIZ["title"])
    quiz_version_publish(version=quiz_version_build(quiz=quiz, data=FREE_TEXT_QUIZ))
    trainee = TraineeFactory(certificate_name="Alex Morgan, LPC")
    enrolment_create(user=trainee, course=course)
    supervisor = SupervisorFactory(username="sam", certificate_name="Dr Sam Rivera")
    CohortFactory(supervisors=[supervisor], trainees=[trainee])
    attempt = attempt_start(user=trainee, quiz=quiz)
    attempt_slot_save(
        user=trainee,
        attempt_id=attempt.pk,
        position=1,
        response={"text": "I would say briefly that I have, then turn back to Sam's grief."},
    )
    attempt_submit(user=trainee, attempt_id=attempt.pk)

    log_in("sam", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Supervision").click()
    expect(page.get_by_role("heading", name="Answers to grade")).to_be_visible()
    both_widths(page, screenshot, assert_accessible, "supervision")
    page.get_by_role("link", name="Grade Alex Morgan, LPC’s answer to Your own bereavement").click()

    expect(page.get_by_text("turn back to Sam's grief")).to_be_visible()
    expect(page.get_by_text("Asks whose needs the disclosure would serve")).to_be_visible()
    page.get_by_label("Mark (out of 2)").fill("1.5")
    page.get_by_label("Comment for the trainee").fill(
        "Good instinct; name the purpose of the disclosure."
    )
    both_widths(page, screenshot, assert_accessible, "grading")
    page.get_by_role("button", name="Save mark").click()

    expect(page.get_by_text("Mark saved for Alex Morgan, LPC.")).to_be_visible()
    expect(page.get_by_text("Nothing is waiting for you.")).to_be_visible()
    page.get_by_role("link", name="Review Alex Morgan, LPC’s attempt 1").click()
    expect(page.locator(".results-figure")).to_have_text("75%")
    expect(page.get_by_text("Good instinct; name the purpose of the disclosure.")).to_be_visible()
