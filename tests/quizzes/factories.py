"""Quiz content for tests, built row by row as ``quizzes.authoring`` would build it.

``QuizVersionFactory(published=True)`` makes a published version; the ``*_question`` helpers add
a question of each kind to a version; ``branching_question`` takes a small graph (see
``SCENARIO``). ``choice_key`` finds the opaque key an attempt gave a choice, by its text.
"""

from decimal import Decimal

import factory
from django.utils import timezone

from core.markdown import render_markdown
from quizzes.models import (
    BranchChoice,
    BranchStep,
    Choice,
    Principle,
    Question,
    QuestionKind,
    Quiz,
    QuizVersion,
    VersionStatus,
)
from tests.factories import CourseFactory, EnrolmentFactory, ModuleFactory


class PrincipleFactory(factory.django.DjangoModelFactory):
    """The migration creates the managed list; this finds a principle in it by slug."""

    class Meta:
        model = Principle
        django_get_or_create = ("slug",)

    slug = "objectivity"
    name = factory.LazyAttribute(lambda principle: principle.slug.replace("-", " ").capitalize())


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    module = factory.SubFactory(ModuleFactory, course__published=True)
    course = None
    title = factory.Sequence(lambda n: f"Scenario quiz {n}")

    class Params:
        post_test = factory.Trait(
            module=None, course=factory.SubFactory(CourseFactory, published=True)
        )


class QuizVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizVersion

    quiz = factory.SubFactory(QuizFactory)
    number = factory.LazyAttribute(lambda version: version.quiz.versions.count() + 1)
    status = VersionStatus.DRAFT
    shuffle_choices = False

    class Params:
        published = factory.Trait(
            status=VersionStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )
        retired = factory.Trait(
            status=VersionStatus.RETIRED,
            published_at=factory.LazyFunction(timezone.now),
            retired_at=factory.LazyFunction(timezone.now),
        )


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    version = factory.SubFactory(QuizVersionFactory, published=True)
    position = factory.LazyAttribute(lambda question: question.version.questions.count() + 1)
    kind = QuestionKind.SINGLE
    title = factory.Sequence(lambda n: f"The dinner invitation {n}")
    vignette = "A client invites you to a dinner party at their home to meet their new partner."
    vignette_html = factory.LazyAttribute(lambda question: render_markdown(question.vignette))
    prompt = "What do you do?"
    marks = Decimal(1)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    position = factory.LazyAttribute(lambda choice: choice.question.choices.count() + 1)
    text = factory.Sequence(lambda n: f"Option {n}")
    is_correct = False
    rationale = factory.Sequence(lambda n: f"Rationale {n}: objectivity is at risk (APA 3.05).")
    principle = factory.SubFactory(PrincipleFactory)
    references = factory.LazyFunction(lambda: ["APA 3.05(a)"])


def single_question(version, *, texts=("Decline warmly", "Accept", "Say maybe"), correct=0, **kw):
    """A single-choice question; ``texts[correct]`` is the correct choice."""
    question = QuestionFactory(version=version, kind=QuestionKind.SINGLE, **kw)
    for index, text in enumerate(texts):
        ChoiceFactory(
            question=question,
            text=text,
            is_correct=index == correct,
            rationale=f"Why “{text}”: {'right' if index == correct else 'wrong'}, see APA 3.05.",
        )
    return question


def multiple_question(version, *, right=("A", "B"), wrong=("C", "D"), **kw):
    question = QuestionFactory(version=version, kind=QuestionKind.MULTIPLE, **kw)
    for text in (*right, *wrong):
        ChoiceFactory(
            question=question, text=text, is_correct=text in right, rationale=f"About {text}."
        )
    return question


def true_false_question(version, *, answer=True, **kw):
    question = QuestionFactory(version=version, kind=QuestionKind.TRUE_FALSE, **kw)
    ChoiceFactory(question=question, text="True", is_correct=answer, rationale="True because.")
    ChoiceFactory(question=question, text="False", is_correct=not answer, rationale="False as.")
    return question


def free_text_question(version, **kw):
    kw.setdefault("prompt", "Explain your reasoning.")
    kw.setdefault("rubric", "Names objectivity and exploitation risk; cites APA 3.05.")
    kw.setdefault("marks", Decimal(2))
    return QuestionFactory(version=version, kind=QuestionKind.FREE_TEXT, **kw)


# A decision graph: a step's list of (choice text, next step key), or an ending's score.
SCENARIO = {
    "invitation": [("Decline warmly", "next-session"), ("Accept the invitation", "party")],
    "next-session": [("Explore the hurt", "best-ending"), ("Move straight on", "missed-ending")],
    "party": [("Own the mistake", "repair-ending"), ("Give your opinion", "entangled-ending")],
    "best-ending": 100,
    "missed-ending": 50,
    "repair-ending": 40,
    "entangled-ending": 0,
}


def branching_question(version, *, graph=SCENARIO, start="invitation", **kw):
    kw.setdefault("marks", Decimal(3))
    kw.setdefault("prompt", "Work through the situation, one decision at a time.")
    question = QuestionFactory(
        version=version, kind=QuestionKind.BRANCHING, start_step_key=start, **kw
    )
    steps = {}
    for position, (key, spec) in enumerate(graph.items(), start=1):
        ending = isinstance(spec, int)
        steps[key] = BranchStep.objects.create(
            question=question,
            position=position,
            key=key,
            text="" if ending else f"The situation at {key}.",
            text_html="" if ending else render_markdown(f"The situation at *{key}*."),
            is_ending=ending,
            ending_score=spec if ending else None,
            debrief=f"Debrief of {key}." if ending else "",
        )
    principle = PrincipleFactory(slug="boundary-responsibility")
    for key, spec in graph.items():
        if isinstance(spec, int):
            continue
        for position, (text, next_key) in enumerate(spec, start=1):
            BranchChoice.objects.create(
                step=steps[key],
                position=position,
                text=text,
                consequence=f"What happens after “{text}”.",
                rationale=f"Why “{text}” matters.",
                principle=principle,
                references=["ACA A.6.b", "APA 3.05(a)"],
                next_step=steps[next_key],
            )
    return question


def published_quiz(*, questions=("single",), **settings):
    """A module quiz with a published version holding one question of each kind listed."""
    version = QuizVersionFactory(published=True, **settings)
    makers = {
        "single": single_question,
        "multiple": multiple_question,
        "true_false": true_false_question,
        "free_text": free_text_question,
        "branching": branching_question,
    }
    for kind in questions:
        makers[kind](version)
    return version.quiz


def enrol(user, quiz):
    return EnrolmentFactory(user=user, course=quiz.parent_course)


def choice_key(slot, text, *, step=None):
    """The opaque key the attempt gave the choice with ``text`` (at ``step``, for a scenario)."""
    choices = slot.snapshot["steps"][step]["choices"] if step else slot.snapshot["choices"]
    return next(choice["key"] for choice in choices if choice["text"] == text)
