"""Writing quizzes: versions are built from plain data, copied into drafts and published.

The plain data is the shape of a quiz in the course files (docs/content-format.md): settings
and a list of questions, each with choices or branching steps. ``quiz_data`` fills every
default, so two quizzes with the same content compare equal whether they come from a file or
from the database (``version_data``).
"""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone

from core.markdown import render_markdown

from .models import (
    BranchChoice,
    BranchStep,
    Choice,
    Principle,
    Question,
    Quiz,
    QuizVersion,
    VersionStatus,
)
from .validation import Problem, check_quiz

# Setting in the files: (field of QuizVersion, default)
SETTINGS = {
    "pass_mark": ("pass_mark", 70),
    "max_attempts": ("max_attempts", 0),
    "grading_method": ("grading_method", "highest"),
    "shuffle_questions": ("shuffle_questions", False),
    "shuffle_choices": ("shuffle_choices", True),
    "time_limit_minutes": ("time_limit_minutes", 0),
    "feedback": ("feedback_mode", "immediate"),
    "review": ("review_option", "always"),
    "pool_size": ("pool_size", 0),
    "estimated_minutes": ("estimated_minutes", 10),
}


class QuizNotPublishable(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(problem.message for problem in problems))


def _number(value) -> int | float:
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def _choice_data(choice: dict, *, branching: bool) -> dict:
    data = {
        "text": choice.get("text", ""),
        "principle": choice.get("principle"),
        "rationale": choice.get("rationale", ""),
        "references": list(choice.get("references") or []),
    }
    if branching:
        data |= {"consequence": choice.get("consequence", ""), "next": choice.get("next")}
    else:
        data["correct"] = choice.get("correct", False)
    return data


def _question_data(question: dict) -> dict:
    data = {
        "kind": question.get("kind"),
        "title": question.get("title", ""),
        "vignette": question.get("vignette") or "",
        "prompt": question.get("prompt", ""),
        "marks": _number(question.get("marks", 1)),
        "required": question.get("required", True),
        "rubric": question.get("rubric") or "",
        "code_rules": dict(question.get("code_rules") or {}),
        "choices": [_choice_data(c, branching=False) for c in question.get("choices") or []],
    }
    if question.get("kind") == "branching":
        data["start"] = question.get("start")
        data["steps"] = [
            {
                "key": step.get("key"),
                "text": step.get("text") or "",
                "ending": bool(step.get("ending", False)),
                "score": step.get("score"),
                "debrief": step.get("debrief") or "",
                "choices": [_choice_data(c, branching=True) for c in step.get("choices") or []],
            }
            for step in question.get("steps") or []
        ]
    return data


def quiz_data(quiz: dict) -> dict:
    """A quiz's plain data with every default filled in and nothing else."""
    settings = {name: quiz.get(name, default) for name, (_, default) in SETTINGS.items()}
    return {
        "title": quiz.get("title", ""),
        **settings,
        "questions": [_question_data(question) for question in quiz.get("questions") or []],
    }


def version_data(version: QuizVersion) -> dict:
    """A stored version as plain data, in the shape ``quiz_data`` gives (constant queries)."""
    version = (
        QuizVersion.objects.select_related("quiz")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.prefetch_related(
                    Prefetch("choices", queryset=Choice.objects.select_related("principle")),
                    Prefetch(
                        "steps",
                        queryset=BranchStep.objects.prefetch_related(
                            Prefetch(
                                "choices",
                                queryset=BranchChoice.objects.select_related(
                                    "principle", "next_step"
                                ),
                            )
                        ),
                    ),
                ),
            )
        )
        .get(pk=version.pk)
    )
    questions = []
    for question in version.questions.all():
        data = {
            "kind": question.kind,
            "title": question.title,
            "vignette": question.vignette,
            "prompt": question.prompt,
            "marks": question.marks,
            "required": question.required,
            "rubric": question.rubric,
            "code_rules": question.code_rules,
            "choices": [
                {
                    "text": choice.text,
                    "correct": choice.is_correct,
                    "principle": choice.principle.slug,
                    "rationale": choice.rationale,
                    "references": choice.references,
                }
                for choice in question.choices.all()
            ],
        }
        if question.kind == "branching":
            data["start"] = question.start_step_key
            data["steps"] = [
                {
                    "key": step.key,
                    "text": step.text,
                    "ending": step.is_ending,
                    "score": step.ending_score,
                    "debrief": step.debrief,
                    "choices": [
                        {
                            "text": choice.text,
                            "principle": choice.principle.slug,
                            "rationale": choice.rationale,
                            "references": choice.references,
                            "consequence": choice.consequence,
                            "next": choice.next_step.key,
                        }
                        for choice in step.choices.all()
                    ],
                }
                for step in question.steps.all()
            ]
        questions.append(data)
    settings = {name: getattr(version, field) for name, (field, _) in SETTINGS.items()}
    return quiz_data({"title": version.quiz.title, **settings, "questions": questions})


@transaction.atomic
def quiz_version_build(*, quiz: Quiz, data: dict) -> QuizVersion:
    """Makes a new draft version of ``quiz`` from plain data, replacing any draft it had.

    The data must already pass ``check_quiz`` (a principle it names must exist).
    """
    data = quiz_data(data)
    Quiz.objects.select_for_update().get(pk=quiz.pk)  # one author's draft at a time
    QuizVersion.objects.filter(quiz=quiz, status=VersionStatus.DRAFT).delete()
    if quiz.title != data["title"]:
        quiz.title = data["title"]
        quiz.save(update_fields=["title"])
    number = (quiz.versions.aggregate(Max("number"))["number__max"] or 0) + 1
    version = QuizVersion.objects.create(
        quiz=quiz,
        number=number,
        status=VersionStatus.DRAFT,
        **{field: data[name] for name, (field, _) in SETTINGS.items()},
    )
    principles = Principle.objects.in_bulk(field_name="slug")
    for position, question_data in enumerate(data["questions"], start=1):
        _question_create(
            version=version, position=position, data=question_data, principles=principles
        )
    return version


def _question_create(*, version, position, data, principles) -> Question:
    question = Question.objects.create(
        version=version,
        position=position,
        kind=data["kind"],
        title=data["title"],
        vignette=data["vignette"],
        vignette_html=render_markdown(data["vignette"]),
        prompt=data["prompt"],
        marks=Decimal(str(data["marks"])),
        required=data["required"],
        rubric=data["rubric"],
        code_rules=data["code_rules"],
        start_step_key=data.get("start") or "",
    )
    Choice.objects.bulk_create(
        Choice(
            question=question,
            position=choice_position,
            text=choice["text"],
            is_correct=choice["correct"],
            rationale=choice["rationale"],
            principle=principles[choice["principle"]],
            references=choice["references"],
        )
        for choice_position, choice in enumerate(data["choices"], start=1)
    )
    steps = {
        step["key"]: BranchStep.objects.create(
            question=question,
            position=step_position,
            key=step["key"],
            text=step["text"],
            text_html=render_markdown(step["text"]),
            is_ending=step["ending"],
            ending_score=step["score"] if step["ending"] else None,
            debrief=step["debrief"],
        )
        for step_position, step in enumerate(data.get("steps") or [], start=1)
    }
    BranchChoice.objects.bulk_create(
        BranchChoice(
            step=steps[step["key"]],
            position=choice_position,
            text=choice["text"],
            consequence=choice["consequence"],
            rationale=choice["rationale"],
            principle=principles[choice["principle"]],
            references=choice["references"],
            next_step=steps[choice["next"]],
        )
        for step in data.get("steps") or []
        for choice_position, choice in enumerate(step["choices"], start=1)
    )
    return question


def quiz_version_draft_from(*, version: QuizVersion) -> QuizVersion:
    """The draft to edit a quiz in: its current draft, or a new copy of ``version``."""
    draft = version.quiz.versions.filter(status=VersionStatus.DRAFT).first()
    return draft or quiz_version_build(quiz=version.quiz, data=version_data(version))


@transaction.atomic
def quiz_version_publish(*, version: QuizVersion, now: datetime | None = None) -> QuizVersion:
    """Publishes a draft, retiring the version it replaces. Past attempts keep theirs.

    Raises ``QuizNotPublishable`` with every problem when the draft breaks a rule.
    """
    now = now or timezone.now()
    Quiz.objects.select_for_update().get(pk=version.quiz_id)
    version = QuizVersion.objects.get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise QuizNotPublishable([Problem((), f"version {version.number} is not a draft")])
    problems = check_quiz(
        version_data(version), principles=Principle.objects.values_list("slug", flat=True)
    )
    if problems:
        raise QuizNotPublishable(problems)
    QuizVersion.objects.filter(quiz_id=version.quiz_id, status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.RETIRED, retired_at=now
    )
    version.status = VersionStatus.PUBLISHED
    version.published_at = now
    version.save(update_fields=["status", "published_at"])
    return version
