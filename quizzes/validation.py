"""The rules a quiz must satisfy before it is published, on plain data.

The YAML loader checks authored files with these, and publishing checks a version's rows with
the same functions (through ``quizzes.authoring.version_data``), so both refuse the same things.
Each problem is ``(path, message)``: the path (keys and list indexes inside the question's data)
lets the loader point at a file and line.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .models import FeedbackMode, GradingMethod, QuestionKind, ReviewOption

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE}
SETTING_CHOICES = {
    "grading_method": GradingMethod.values,
    "feedback": FeedbackMode.values,
    "review": ReviewOption.values,
}
SETTING_NUMBERS = {  # name: (lowest, highest)
    "pass_mark": (0, 100),
    "max_attempts": (0, 1000),
    "time_limit_minutes": (0, 24 * 60),
    "pool_size": (0, 1000),
    "estimated_minutes": (0, 24 * 60),
}
SETTING_FLAGS = {"shuffle_questions", "shuffle_choices"}


def check_quiz(quiz: dict, *, principles: Iterable[str]) -> list[Problem]:
    """Every problem with a quiz: its settings and each of its questions."""
    principles = set(principles)
    problems = [*check_settings(quiz)]
    questions = quiz.get("questions") or []
    if not questions:
        problems.append(Problem(("questions",), "a quiz needs at least one question"))
    pool_size = quiz.get("pool_size") or 0
    if isinstance(pool_size, int) and pool_size > len(questions):
        problems.append(
            Problem(
                ("pool_size",),
                f"pool_size {pool_size} is more than the {len(questions)} questions in the quiz",
            )
        )
    for index, question in enumerate(questions):
        problems += [
            Problem(("questions", index, *problem.path), problem.message)
            for problem in check_question(question, principles=principles)
        ]
    return problems


def check_settings(quiz: dict) -> list[Problem]:
    problems = []
    if not str(quiz.get("title") or "").strip():
        problems.append(Problem(("title",), "a quiz needs a title"))
    for name, allowed in SETTING_CHOICES.items():
        if name in quiz and quiz[name] not in allowed:
            problems.append(Problem((name,), f"{name} must be one of {', '.join(allowed)}"))
    for name, (lowest, highest) in SETTING_NUMBERS.items():
        value = quiz.get(name)
        if name in quiz and not (
            isinstance(value, int) and not isinstance(value, bool) and lowest <= value <= highest
        ):
            problems.append(
                Problem((name,), f"{name} must be a whole number from {lowest} to {highest}")
            )
    for name in SETTING_FLAGS:
        if name in quiz and not isinstance(quiz[name], bool):
            problems.append(Problem((name,), f"{name} must be true or false"))
    return problems


def check_question(question: dict, *, principles: set[str]) -> list[Problem]:
    kind = question.get("kind")
    if kind not in QuestionKind.values:
        return [Problem(("kind",), f"kind must be one of {', '.join(QuestionKind.values)}")]
    problems = [
        Problem((field,), f"a question needs a {field}")
        for field in ("title", "prompt")
        if not str(question.get(field) or "").strip()
    ]
    marks = question.get("marks", 1)
    if isinstance(marks, bool) or not isinstance(marks, int | float) or marks <= 0:
        problems.append(Problem(("marks",), "marks must be a number above zero"))
    if not isinstance(question.get("required", True), bool):
        problems.append(Problem(("required",), "required must be true or false"))
    if kind in CHOICE_KINDS:
        problems += check_choices(question, kind=kind, principles=principles)
    elif kind == QuestionKind.FREE_TEXT:
        if not str(question.get("rubric") or "").strip():
            problems.append(Problem(("rubric",), "a free-text question needs a rubric to grade by"))
    else:
        problems += check_branching(question, principles=principles)
    return problems


def check_choices(question: dict, *, kind: str, principles: set[str]) -> list[Problem]:
    choices = question.get("choices") or []
    if len(choices) < 2:
        return [Problem(("choices",), "a question needs at least two choices")]
    problems = []
    for index, choice in enumerate(choices):
        problems += check_choice(choice, path=("choices", index), principles=principles)
        if not isinstance(choice.get("correct", False), bool):
            problems.append(Problem(("choices", index, "correct"), "correct must be true or false"))
    correct = sum(1 for choice in choices if choice.get("correct") is True)
    if kind == QuestionKind.SINGLE and correct != 1:
        problems.append(
            Problem(
                ("choices",),
                f"a single-choice question needs exactly one correct choice, not {correct}",
            )
        )
    if kind == QuestionKind.MULTIPLE and correct < 1:
        problems.append(
            Problem(("choices",), "a multiple-response question needs a correct choice")
        )
    if kind == QuestionKind.TRUE_FALSE:
        texts = sorted(str(choice.get("text")) for choice in choices)
        if texts != ["False", "True"] or correct != 1:
            problems.append(
                Problem(
                    ("choices",),
                    "a true/false question has exactly the choices True and False, one correct",
                )
            )
    return problems


def check_choice(choice: dict, *, path: Path, principles: set[str]) -> list[Problem]:
    problems = [
        Problem((*path, field), f"a choice needs a {field}")
        for field in ("text", "rationale")
        if not str(choice.get(field) or "").strip()
    ]
    if choice.get("principle") not in principles:
        known = ", ".join(sorted(principles))
        problems.append(
            Problem(
                (*path, "principle"),
                f"unknown principle {choice.get('principle')!r}; use one of {known}",
            )
        )
    return problems


def check_branching(question: dict, *, principles: set[str]) -> list[Problem]:
    steps = question.get("steps") or []
    if not steps:
        return [Problem(("steps",), "a branching scenario needs steps")]
    problems = []
    index_of = {}
    for index, step in enumerate(steps):
        key = step.get("key")
        if not key:
            problems.append(Problem(("steps", index, "key"), "a step needs a key"))
        elif key in index_of:
            problems.append(Problem(("steps", index, "key"), f"step key {key!r} is used twice"))
        else:
            index_of[key] = index
    start = question.get("start")
    if start not in index_of:
        problems.append(Problem(("start",), f"start {start!r} is not the key of a step"))

    for index, step in enumerate(steps):
        path = ("steps", index)
        if step.get("ending"):
            score = step.get("score")
            if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
                problems.append(Problem((*path, "score"), "an ending needs a score from 0 to 100"))
            if not str(step.get("debrief") or "").strip():
                problems.append(Problem((*path, "debrief"), "an ending needs a debrief"))
            if step.get("choices"):
                problems.append(Problem((*path, "choices"), "an ending has no choices"))
            continue
        if not str(step.get("text") or "").strip():
            problems.append(Problem((*path, "text"), "a step needs text: the situation"))
        choices = step.get("choices") or []
        if not choices:
            problems.append(
                Problem((*path, "choices"), "a step that is not an ending needs choices")
            )
        for choice_index, choice in enumerate(choices):
            choice_path = (*path, "choices", choice_index)
            problems += check_choice(choice, path=choice_path, principles=principles)
            if not str(choice.get("consequence") or "").strip():
                problems.append(
                    Problem((*choice_path, "consequence"), "a choice needs a consequence")
                )
            if choice.get("next") not in index_of:
                problems.append(
                    Problem(
                        (*choice_path, "next"),
                        f"next {choice.get('next')!r} leads nowhere: no step has that key",
                    )
                )
    if problems:
        return problems
    return check_graph(steps, start=start, index_of=index_of)


def check_graph(steps: list[dict], *, start: str, index_of: dict[str, int]) -> list[Problem]:
    """Every step reachable from the start, and every path ends (no cycle)."""
    following = {
        step["key"]: [choice["next"] for choice in step.get("choices") or []] for step in steps
    }
    problems = []
    state = {}  # key: "open" while on the current path, "done" once every path from it ends

    def visit(key, trail):
        state[key] = "open"
        for next_key in following[key]:
            if state.get(next_key) == "open":
                loop = " → ".join([*trail[trail.index(next_key) :], next_key])
                problems.append(
                    Problem(("steps", index_of[key], "choices"), f"the path {loop} never ends")
                )
            elif next_key not in state:
                visit(next_key, [*trail, next_key])
        state[key] = "done"

    visit(start, [start])
    problems += [
        Problem(("steps", index_of[key], "key"), f"step {key!r} cannot be reached from the start")
        for key in following
        if key not in state
    ]
    return problems
