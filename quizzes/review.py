"""What a page may show of an attempt slot. Pure: builds view objects from a slot's snapshot.

The rule that a page never shows which choice is correct before that answer is final lives
here rather than in templates: a ``SlotView`` built with ``reveal=False`` does not contain
correctness, rationales, debriefs or rubrics at all, so no template, data attribute or hidden
input can leak them.
"""

from dataclasses import dataclass
from decimal import Decimal

from accounts.models import Profession

from .grading import branch_walk, response_is_answered
from .models import FeedbackMode, QuestionKind, ReviewOption

# The code each profession answers to, which feedback puts first.
PROFESSION_CODES = {
    Profession.PSYCHOLOGIST: "APA",
    Profession.COUNSELLOR: "ACA",
    Profession.SOCIAL_WORKER: "NASW",
    Profession.MFT: "AAMFT",
}


@dataclass(frozen=True)
class CodeRule:
    label: str  # "Counsellors (ACA)"
    text: str
    is_own: bool


@dataclass(frozen=True)
class ChoiceView:
    text: str
    selected: bool
    correct: bool | None  # None: not revealed
    rationale: str | None
    principle: str | None
    references: tuple[str, ...]


@dataclass(frozen=True)
class PathStep:
    """One decision of a branching scenario, as the trainee lived it."""

    situation_html: str
    choice_text: str
    consequence: str
    rationale: str | None
    principle: str | None
    references: tuple[str, ...]


@dataclass(frozen=True)
class SlotView:
    position: int
    kind: str
    kind_label: str
    title: str
    vignette_html: str
    prompt: str
    max_mark: Decimal
    mark: Decimal | None  # None: not shown yet, or awaiting a supervisor
    show_mark: bool
    answered: bool
    is_final: bool
    revealed: bool
    awaiting_grading: bool
    choices: tuple[ChoiceView, ...] = ()
    text: str = ""  # a free-text answer
    rubric: str | None = None
    grader_comment: str = ""
    path: tuple[PathStep, ...] = ()
    current_step_html: str = ""  # branching: the situation awaiting a decision
    ending_reached: bool = False
    ending_debrief: str | None = None
    code_rules: tuple[CodeRule, ...] = ()

    @property
    def earned_full_marks(self) -> bool:
        return self.mark is not None and self.mark == self.max_mark


def feedback_during_attempt(*, feedback_mode: str, kind: str, is_final: bool) -> bool:
    """Immediate feedback shows rationales once an answer is final. A branching scenario's
    decisions are each final when taken, so their rationales follow them step by step."""
    if feedback_mode != FeedbackMode.IMMEDIATE:
        return False
    return is_final or kind == QuestionKind.BRANCHING


def review_after_submission(*, review_option: str, has_passed: bool) -> bool:
    """Whether the review shows correct answers and rationales (``has_passed``: the trainee
    has passed this quiz on some attempt)."""
    if review_option == ReviewOption.ALWAYS:
        return True
    if review_option == ReviewOption.AFTER_PASSING:
        return has_passed
    return False


def code_rules_for(*, code_rules: dict, profession: str) -> tuple[CodeRule, ...]:
    """What each code says, the trainee's own profession first and the others beside it."""
    keys = [key for key in Profession.values if key in code_rules]
    keys.sort(key=lambda key: key != profession)  # stable: the rest keep the usual order
    return tuple(
        CodeRule(
            label=f"{Profession(key).label}s ({PROFESSION_CODES[key]})"
            if key in PROFESSION_CODES
            else Profession(key).label,
            text=code_rules[key],
            is_own=key == profession,
        )
        for key in keys
    )


def references_for(*, references: list[str], profession: str) -> tuple[str, ...]:
    """References with the trainee's own code's sections first, the rest in authored order."""
    code = PROFESSION_CODES.get(profession)
    if code is None:
        return tuple(references)
    return tuple(sorted(references, key=lambda reference: not reference.startswith(code)))


def slot_view(*, slot, reveal: bool, show_mark: bool, profession: str) -> SlotView:
    """The page's view of ``slot`` (an ``AttemptSlot``; only its columns are read).

    ``reveal``: correctness, rationales, debrief and rubric may be shown. ``show_mark``: the
    mark may be shown (after submission, or with revealed immediate feedback).
    """
    snapshot = slot.snapshot
    response = slot.response or {}
    kind = snapshot["kind"]
    common = {
        "position": slot.position,
        "kind": kind,
        "kind_label": QuestionKind(kind).label,
        "title": snapshot["title"],
        "vignette_html": snapshot["vignette_html"],
        "prompt": snapshot["prompt"],
        "max_mark": slot.max_mark,
        "mark": slot.mark if show_mark else None,
        "show_mark": show_mark,
        "answered": response_is_answered(snapshot=snapshot, response=slot.response),
        "is_final": slot.is_final,
        "revealed": reveal,
        "awaiting_grading": slot.needs_manual_grading,
        "code_rules": code_rules_for(
            code_rules=snapshot.get("code_rules", {}), profession=profession
        )
        if reveal
        else (),
    }
    if kind == QuestionKind.FREE_TEXT:
        return SlotView(
            **common,
            text=response.get("text", ""),
            rubric=snapshot.get("rubric") if reveal else None,
            grader_comment=slot.grader_comment,
        )
    if kind == QuestionKind.BRANCHING:
        walk = branch_walk(snapshot=snapshot, path=response.get("path", []))
        steps = snapshot["steps"]
        return SlotView(
            **common,
            path=tuple(
                PathStep(
                    situation_html=steps[step_key]["text_html"],
                    choice_text=choice["text"],
                    consequence=choice["consequence"],
                    rationale=choice["rationale"] if reveal else None,
                    principle=choice["principle"]["name"] if reveal else None,
                    references=references_for(
                        references=choice["references"], profession=profession
                    )
                    if reveal
                    else (),
                )
                for step_key, choice in walk.taken
            ),
            current_step_html="" if walk.ended else walk.current["text_html"],
            ending_reached=walk.ended,
            ending_debrief=walk.current["debrief"] if reveal and walk.ended else None,
        )
    if kind == QuestionKind.MULTIPLE:
        selected = set(response.get("choices", ()))
    else:
        selected = {response.get("choice")}
    return SlotView(
        **common,
        choices=tuple(
            ChoiceView(
                text=choice["text"],
                selected=choice["key"] in selected,
                correct=choice["correct"] if reveal else None,
                rationale=choice["rationale"] if reveal else None,
                principle=choice["principle"]["name"] if reveal else None,
                references=references_for(references=choice["references"], profession=profession)
                if reveal
                else (),
            )
            for choice in snapshot["choices"]
        ),
    )
