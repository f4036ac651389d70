"""Grading: pure functions on a slot's snapshot and the trainee's raw response. No queries.

The snapshot is what the attempt showed, copied when it started (``services.attempt_start``),
choices in the order shown, each under an opaque per-attempt ``key``::

    {"kind": "single", "marks": "1.00", "required": true, "choices": [
        {"key": "3f9a0c1d7e2b", "text": "...", "correct": true, "rationale": "...",
         "principle": {"slug": "objectivity", "name": "..."}, "references": ["APA 3.05(a)"]}]}

    {"kind": "branching", "marks": "3.00", "start": "invitation", "steps": {
        "invitation": {"text_html": "...", "ending": false, "choices": [
            {"key": "...", "text": "...", "consequence": "...", "rationale": "...",
             "principle": {...}, "references": [...], "next": "next-session"}]},
        "best-ending": {"text_html": "", "ending": true, "score": 100, "debrief": "..."}}}

Responses as saved (``None`` while nothing is saved)::

    single, true_false   {"choice": key}
    multiple             {"choices": [key, ...]}
    free_text            {"text": "..."}
    branching            {"path": [key, ...]}   the choices taken, from the start step

Marks are Decimals to the cent, like the columns that keep them. The rules are the ones
``docs/content-format.md`` documents; a regrade replays the same responses through them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .errors import InvalidAnswer
from .models import GradingMethod, QuestionKind

CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE})
ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def to_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class BranchWalk:
    """Where a path through a branching scenario has got to."""

    taken: tuple[tuple[str, dict], ...]  # (step key, choice taken there), in order
    current_key: str
    current: dict

    @property
    def ended(self) -> bool:
        return self.current["ending"]


def branch_walk(*, snapshot: dict, path: Sequence[str]) -> BranchWalk:
    """Follows ``path`` from the start step; a choice not offered where it was taken is refused."""
    steps = snapshot["steps"]
    key = snapshot["start"]
    taken = []
    for choice_key in path:
        choice = _find_choice(steps[key].get("choices", []), choice_key)
        if choice is None:
            raise InvalidAnswer("That choice is not offered at this step of the scenario.")
        taken.append((key, choice))
        key = choice["next"]
    return BranchWalk(taken=tuple(taken), current_key=key, current=steps[key])


def response_check(*, snapshot: dict, response: dict | None) -> dict | None:
    """Returns a whole answer normalised (``None`` when empty), or raises ``InvalidAnswer``.

    Every key must be one of this slot's own choices: a key from another question or another
    attempt is refused rather than ignored, so a tampered form saves nothing.
    """
    if not response:
        return None
    kind = snapshot["kind"]
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        key = response.get("choice")
        if not key:
            return None
        if _find_choice(snapshot["choices"], key) is None:
            raise InvalidAnswer("That choice is not part of this question.")
        return {"choice": key}
    if kind == QuestionKind.MULTIPLE:
        keys = set(response.get("choices") or ())
        offered = [choice["key"] for choice in snapshot["choices"]]
        if not keys <= set(offered):
            raise InvalidAnswer("One of those choices is not part of this question.")
        # Kept in the order shown, so the saved answer reads like the page.
        return {"choices": [key for key in offered if key in keys]} if keys else None
    if kind == QuestionKind.FREE_TEXT:
        text = (response.get("text") or "").strip()
        return {"text": text} if text else None
    if kind == QuestionKind.BRANCHING:
        # Its path grows one checked decision at a time (services.attempt_branch_choose).
        raise InvalidAnswer("A scenario is answered one decision at a time.")
    raise InvalidAnswer(f"Unknown question kind {kind!r}.")


def response_is_answered(*, snapshot: dict, response: dict | None) -> bool:
    """Answered as a required question needs: a choice, some text, or a scenario's ending."""
    if not response:
        return False
    kind = snapshot["kind"]
    if kind == QuestionKind.BRANCHING:
        return branch_walk(snapshot=snapshot, path=response.get("path", [])).ended
    if kind == QuestionKind.MULTIPLE:
        return bool(response.get("choices"))
    if kind == QuestionKind.FREE_TEXT:
        return bool(response.get("text", "").strip())
    return bool(response.get("choice"))


def question_mark(*, snapshot: dict, response: dict | None) -> Decimal | None:
    """The mark a response earns, or ``None`` while a free-text answer awaits a supervisor.

    - single, true/false: the question's marks for the correct choice, else 0.
    - multiple: each correct choice selected earns marks/k (k = the number of correct choices),
      each wrong one selected takes marks/k away, and the mark never goes below 0. The net
      count is multiplied before dividing, so selecting all k correct choices earns the marks
      exactly rather than k rounded thirds.
    - free text: ``None`` once answered (a supervisor grades it); 0 if left blank.
    - branching: the ending's score percent of the marks; 0 if no ending was reached.
    """
    marks = Decimal(snapshot["marks"])
    response = response or {}
    kind = snapshot["kind"]
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        choice = _find_choice(snapshot["choices"], response.get("choice"))
        return to_cents(marks) if choice is not None and choice["correct"] else ZERO
    if kind == QuestionKind.MULTIPLE:
        selected = set(response.get("choices") or ())
        correct = {choice["key"] for choice in snapshot["choices"] if choice["correct"]}
        net = len(selected & correct) - len(selected - correct)
        return to_cents(max(ZERO, marks * net / len(correct)))
    if kind == QuestionKind.FREE_TEXT:
        return None if response_is_answered(snapshot=snapshot, response=response) else ZERO
    if kind == QuestionKind.BRANCHING:
        walk = branch_walk(snapshot=snapshot, path=response.get("path", []))
        return to_cents(marks * walk.current["score"] / 100) if walk.ended else ZERO
    raise ValueError(f"Unknown question kind {kind!r}.")


@dataclass(frozen=True)
class AttemptGrade:
    """An attempt's result; all ``None`` while any answer awaits a supervisor."""

    score: Decimal | None
    percent: Decimal | None
    passed: bool | None

    @property
    def is_complete(self) -> bool:
        return self.score is not None


def attempt_grade(
    *, marks: Sequence[Decimal | None], max_score: Decimal, pass_mark: int
) -> AttemptGrade:
    """Sums the slots' marks. Passing compares the exact score, not the rounded percent, so
    69.995% does not pass a 70% pass mark."""
    if any(mark is None for mark in marks):
        return AttemptGrade(score=None, percent=None, passed=None)
    score = to_cents(sum(marks, ZERO))
    return AttemptGrade(
        score=score,
        percent=to_cents(score * 100 / max_score),
        passed=score * 100 >= pass_mark * max_score,
    )


@dataclass(frozen=True)
class Grade:
    """A percentage and whether it passed: an attempt's, or the quiz grade chosen from them."""

    percent: Decimal
    passed: bool


def quiz_grade(*, method: str, attempts: Sequence[Grade], pass_mark: int) -> Grade | None:
    """The grade a trainee holds on a quiz, from their graded attempts in the order taken.

    ``highest``, ``first`` and ``last`` pick one attempt, which keeps the pass or fail it had
    under the pass mark it was taken with: raising a quiz's pass mark later never takes a pass
    away. ``average`` has no such attempt, so its mean is held against ``pass_mark``, the
    quiz's current one. ``None`` before any attempt is graded.
    """
    if not attempts:
        return None
    if method == GradingMethod.AVERAGE:
        mean = to_cents(sum((attempt.percent for attempt in attempts), ZERO) / len(attempts))
        return Grade(percent=mean, passed=mean >= pass_mark)
    if method == GradingMethod.HIGHEST:
        # On a tie the passed attempt wins (pass marks may differ between versions).
        chosen = max(attempts, key=lambda attempt: (attempt.percent, attempt.passed))
    elif method == GradingMethod.FIRST:
        chosen = attempts[0]
    elif method == GradingMethod.LAST:
        chosen = attempts[-1]
    else:
        raise ValueError(f"Unknown grading method {method!r}.")
    return chosen


def _find_choice(choices: Sequence[dict], key: str | None) -> dict | None:
    return next((choice for choice in choices if choice["key"] == key), None)
