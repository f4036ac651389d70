"""Writes for quizzes: starting, answering, submitting and hand-grading attempts.

Each service is one transaction, takes ``now=`` so tests fix the time, checks the request
against the attempt's own snapshot, and raises a ``QuizError`` that the view shows as a
message. Every write to an attempt first locks its row (SELECT ... FOR UPDATE), so a save
racing a submit, or two submits from two tabs, run one after the other and the second sees
what the first did.
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Prefetch
from django.utils import timezone

from .errors import (
    AnswerLocked,
    AttemptClosed,
    AttemptExpired,
    AttemptLimitReached,
    GradingRefused,
    InvalidAnswer,
    MissingAnswers,
    NotFound,
    QuizUnavailable,
)
from .grading import (
    CHOICE_KINDS,
    attempt_grade,
    branch_walk,
    question_mark,
    response_check,
    response_is_answered,
    to_cents,
)
from .models import (
    Attempt,
    AttemptSlot,
    AttemptStatus,
    BranchChoice,
    Choice,
    FeedbackMode,
    QuestionKind,
    Quiz,
    QuizVersion,
    VersionStatus,
)
from .selectors import (
    access_attempt_for_update,
    access_slot_for_grader,
    check_can_take_quiz,
)


def attempt_start(
    *, user, quiz: Quiz, now: datetime | None = None, rng: random.Random | None = None
) -> Attempt:
    """Starts an attempt on the quiz's published version, or returns the one in progress.

    The pool is drawn, and questions and choices shuffled, once, here: the slots record the
    order and each snapshot the choices as shown, so reloading never reshuffles. ``rng``
    lets tests fix the draw. Refused with ``AttemptLimitReached`` beyond the maximum.
    """
    now = now or timezone.now()
    rng = rng or random.SystemRandom()
    # An attempt whose time ran out is submitted first, in its own transaction, so it stays
    # submitted even if this start is then refused.
    attempts_submit_expired(now=now, user=user)
    with transaction.atomic():
        check_can_take_quiz(user=user, quiz=quiz)
        current = Attempt.objects.filter(
            user=user, quiz=quiz, status=AttemptStatus.IN_PROGRESS
        ).first()
        if current is not None:
            return current
        version = _published_version_with_content(quiz)
        taken = Attempt.objects.filter(user=user, quiz=quiz).aggregate(
            last=Max("number"), count=Count("pk")
        )
        if version.max_attempts and taken["count"] >= version.max_attempts:
            raise AttemptLimitReached(
                f"You have used all {version.max_attempts} attempts allowed on this quiz."
            )
        questions = _draw(version, rng)
        try:
            # A savepoint: if another tab started an attempt meanwhile, the constraint on
            # one attempt in progress refuses this one and that tab's attempt is resumed.
            with transaction.atomic():
                attempt = Attempt.objects.create(
                    user=user,
                    quiz=quiz,
                    version=version,
                    number=(taken["last"] or 0) + 1,
                    started_at=now,
                    deadline=now + timedelta(minutes=version.time_limit_minutes)
                    if version.time_limit_minutes
                    else None,
                    pass_mark=version.pass_mark,
                    max_score=sum((question.marks for question in questions), Decimal(0)),
                )
                AttemptSlot.objects.bulk_create(
                    AttemptSlot(
                        attempt=attempt,
                        position=position,
                        question=question,
                        snapshot=_snapshot(question, version=version, rng=rng),
                        max_mark=question.marks,
                    )
                    for position, question in enumerate(questions, start=1)
                )
        except IntegrityError:
            current = Attempt.objects.filter(
                user=user, quiz=quiz, status=AttemptStatus.IN_PROGRESS
            ).first()
            if current is None:
                raise
            return current
    return attempt


def attempt_slot_save(
    *, user, attempt_id: int, position: int, response: dict | None, now: datetime | None = None
) -> AttemptSlot:
    """Saves an answer as the trainee goes (it may change until it is final)."""
    now = now or timezone.now()
    with transaction.atomic():
        slot = _open_slot_for_update(user=user, attempt_id=attempt_id, position=position, now=now)
        slot.response = response_check(snapshot=slot.snapshot, response=response)
        slot.answered_at = now
        slot.save(update_fields=["response", "answered_at"])
    return slot


def attempt_slot_finalise(
    *, user, attempt_id: int, position: int, response: dict | None, now: datetime | None = None
) -> AttemptSlot:
    """Saves and locks an answer so its feedback can be shown (immediate-feedback quizzes)."""
    now = now or timezone.now()
    with transaction.atomic():
        slot = _open_slot_for_update(user=user, attempt_id=attempt_id, position=position, now=now)
        if slot.attempt.version.feedback_mode != FeedbackMode.IMMEDIATE:
            raise InvalidAnswer("This quiz shows its feedback after you submit.")
        response = response_check(snapshot=slot.snapshot, response=response)
        if not response_is_answered(snapshot=slot.snapshot, response=response):
            raise InvalidAnswer(
                "Write your answer before checking it."
                if slot.snapshot["kind"] == QuestionKind.FREE_TEXT
                else "Choose an answer before checking it."
            )
        slot.response = response
        slot.answered_at = now
        slot.is_final = True
        slot.mark = question_mark(snapshot=slot.snapshot, response=response)
        slot.save(update_fields=["response", "answered_at", "is_final", "mark"])
    return slot


def attempt_branch_choose(
    *,
    user,
    attempt_id: int,
    position: int,
    choice_key: str,
    step: int,
    now: datetime | None = None,
) -> AttemptSlot:
    """Takes one decision in a branching scenario and records it on the path.

    ``step`` is how many decisions the page showed as already taken: a second click, or a
    stale tab, refers to a step already decided and is refused rather than applied to the
    next one. A choice not offered at the current step is refused. Reaching an ending makes
    the answer final and marks it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        slot = _open_slot_for_update(user=user, attempt_id=attempt_id, position=position, now=now)
        if slot.snapshot["kind"] != QuestionKind.BRANCHING:
            raise InvalidAnswer("That question is not a scenario.")
        path = (slot.response or {}).get("path", [])
        if step != len(path):
            raise AnswerLocked("That decision was already made; here is where the scenario stands.")
        path = [*path, choice_key]
        walk = branch_walk(snapshot=slot.snapshot, path=path)
        slot.response = {"path": path}
        slot.answered_at = now
        if walk.ended:
            slot.is_final = True
            slot.mark = question_mark(snapshot=slot.snapshot, response=slot.response)
        slot.save(update_fields=["response", "answered_at", "is_final", "mark"])
    return slot


def attempt_submit(*, user, attempt_id: int, now: datetime | None = None) -> Attempt:
    """Submits and grades the attempt once; submitting again returns it unchanged.

    Every required question must be answered, unless the time limit has ended the attempt:
    then it is submitted with what was saved, as of its deadline.
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = access_attempt_for_update(user=user, attempt_id=attempt_id)
        if attempt.is_in_progress:
            _submit_locked(attempt, now=now)
    return attempt


def attempts_submit_expired(*, now: datetime | None = None, user=None) -> int:
    """Submits every attempt (of ``user``, if given) whose time limit has ended.

    Pages call it for the person viewing them; ``manage.py submit_expired_attempts`` calls it
    for everyone, so supervisors see expired attempts graded without waiting for the trainee.
    """
    now = now or timezone.now()
    expired = Attempt.objects.filter(status=AttemptStatus.IN_PROGRESS, deadline__lte=now)
    if user is not None:
        expired = expired.filter(user=user)
    submitted = 0
    for attempt_id in expired.values_list("pk", flat=True):
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(pk=attempt_id)
            if attempt.is_expired(now):  # not submitted by its owner meanwhile
                _submit_locked(attempt, now=now)
                submitted += 1
    return submitted


def slot_grade_manually(
    *, grader, slot_id: int, mark: Decimal, comment: str, now: datetime | None = None
) -> AttemptSlot:
    """A supervisor marks a submitted free-text answer (or revises their mark); the attempt is
    regraded, and passes or fails once no answer awaits grading."""
    now = now or timezone.now()
    with transaction.atomic():
        found = access_slot_for_grader(grader=grader, slot_id=slot_id)
        attempt = Attempt.objects.select_for_update().get(pk=found.attempt_id)
        if attempt.is_in_progress:
            raise GradingRefused("This attempt has not been submitted yet.")
        slots = list(attempt.slots.all())
        slot = next(slot for slot in slots if slot.pk == slot_id)
        if slot.snapshot["kind"] != QuestionKind.FREE_TEXT:
            raise GradingRefused("Only free-text answers are graded by hand.")
        if not Decimal(0) <= mark <= slot.max_mark:
            raise GradingRefused(f"Give a mark from 0 to {slot.max_mark.normalize():f}.")
        slot.mark = to_cents(mark)
        slot.needs_manual_grading = False
        slot.graded_by = grader
        slot.graded_at = now
        slot.grader_comment = comment.strip()
        slot.save(
            update_fields=[
                "mark",
                "needs_manual_grading",
                "graded_by",
                "graded_at",
                "grader_comment",
            ]
        )
        _apply_grade(attempt, slots, now=now)
        attempt.save(update_fields=["status", "score", "percent", "passed", "graded_at"])
    return slot


def _submit_locked(attempt: Attempt, *, now: datetime) -> None:
    """Finalises and grades every slot. Call holding the attempt's row lock, in progress."""
    expired = attempt.is_expired(now)
    slots = list(attempt.slots.all())
    if not expired:
        missing = [
            slot.position
            for slot in slots
            if slot.snapshot["required"]
            and not response_is_answered(snapshot=slot.snapshot, response=slot.response)
        ]
        if missing:
            raise MissingAnswers(missing)
    for slot in slots:
        slot.is_final = True
        slot.mark = question_mark(snapshot=slot.snapshot, response=slot.response)
        slot.needs_manual_grading = slot.mark is None
    AttemptSlot.objects.bulk_update(slots, ["is_final", "mark", "needs_manual_grading"])
    attempt.submitted_at = attempt.deadline if expired else now
    _apply_grade(attempt, slots, now=now)
    attempt.save(
        update_fields=["status", "submitted_at", "score", "percent", "passed", "graded_at"]
    )


def _apply_grade(attempt: Attempt, slots: list[AttemptSlot], *, now: datetime) -> None:
    grade = attempt_grade(
        marks=[slot.mark for slot in slots],
        max_score=attempt.max_score,
        pass_mark=attempt.pass_mark,
    )
    attempt.score, attempt.percent, attempt.passed = grade.score, grade.percent, grade.passed
    attempt.status = AttemptStatus.GRADED if grade.is_complete else AttemptStatus.SUBMITTED
    attempt.graded_at = now if grade.is_complete else None


def _open_slot_for_update(*, user, attempt_id: int, position: int, now: datetime) -> AttemptSlot:
    """The slot of the user's open attempt, its attempt row locked; refuses final answers."""
    attempt = access_attempt_for_update(user=user, attempt_id=attempt_id)
    if not attempt.is_in_progress:
        raise AttemptClosed("This attempt has been submitted: its answers can no longer change.")
    if attempt.is_expired(now):
        raise AttemptExpired("The time limit has ended: that answer arrived too late to be saved.")
    slot = attempt.slots.filter(position=position).first()
    if slot is None:
        raise NotFound("That question is not part of this attempt.")
    slot.attempt = attempt
    if slot.is_final:
        raise AnswerLocked("That answer is final and can no longer change.")
    return slot


def _published_version_with_content(quiz: Quiz) -> QuizVersion:
    version = (
        QuizVersion.objects.filter(quiz=quiz, status=VersionStatus.PUBLISHED)
        .prefetch_related(
            Prefetch("questions__choices", queryset=Choice.objects.select_related("principle")),
            Prefetch(
                "questions__steps__choices",
                queryset=BranchChoice.objects.select_related("principle", "next_step"),
            ),
        )
        .first()
    )
    if version is None:
        raise QuizUnavailable("This quiz is not open at the moment.")
    return version


def _draw(version: QuizVersion, rng: random.Random) -> list:
    """The attempt's questions: the pool's draw (kept in authored order), then the shuffle."""
    questions = list(version.questions.all())
    if 0 < version.pool_size < len(questions):
        questions = sorted(
            rng.sample(questions, version.pool_size), key=lambda question: question.position
        )
    if version.shuffle_questions:
        rng.shuffle(questions)
    return questions


def _snapshot(question, *, version: QuizVersion, rng: random.Random) -> dict:
    """What the attempt shows and its review needs, copied so later edits never reach it.

    Choices get opaque per-attempt keys rather than database ids: ids follow the authored
    order, and authors often write the correct choice first, so ids in the page would leak it.
    """
    keys = _KeyMaker(rng)
    snapshot = {
        "kind": question.kind,
        "title": question.title,
        "vignette_html": question.vignette_html,
        "prompt": question.prompt,
        "marks": str(question.marks),
        "required": question.required,
        "code_rules": question.code_rules,
    }
    if question.kind in CHOICE_KINDS:
        choices = list(question.choices.all())
        # True comes before False, always.
        if version.shuffle_choices and question.kind != QuestionKind.TRUE_FALSE:
            rng.shuffle(choices)
        snapshot["choices"] = [
            {
                "key": keys.new(),
                "text": choice.text,
                "correct": choice.is_correct,
                "rationale": choice.rationale,
                "principle": _principle(choice.principle),
                "references": list(choice.references),
            }
            for choice in choices
        ]
    elif question.kind == QuestionKind.FREE_TEXT:
        snapshot["rubric"] = question.rubric
    elif question.kind == QuestionKind.BRANCHING:
        snapshot["start"] = question.start_step_key
        snapshot["steps"] = {}
        for step in question.steps.all():
            choices = list(step.choices.all())
            if version.shuffle_choices:
                rng.shuffle(choices)
            snapshot["steps"][step.key] = {
                "text_html": step.text_html,
                "ending": step.is_ending,
                "score": step.ending_score,
                "debrief": step.debrief,
                "choices": [
                    {
                        "key": keys.new(),
                        "text": choice.text,
                        "consequence": choice.consequence,
                        "rationale": choice.rationale,
                        "principle": _principle(choice.principle),
                        "references": list(choice.references),
                        "next": choice.next_step.key,
                    }
                    for choice in choices
                ],
            }
    return snapshot


def _principle(principle) -> dict:
    return {"slug": principle.slug, "name": principle.name}


class _KeyMaker:
    """Unique random keys for one question's choices."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used = set()

    def new(self) -> str:
        while (key := f"{self.rng.getrandbits(48):012x}") in self.used:
            pass
        self.used.add(key)
        return key
