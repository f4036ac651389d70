"""The pure grading rules of docs/content-format.md, on hand-written snapshots."""

from decimal import Decimal

import pytest

from quizzes.errors import InvalidAnswer
from quizzes.grading import (
    Grade,
    attempt_grade,
    branch_walk,
    question_mark,
    quiz_grade,
    response_check,
    response_is_answered,
)


def choices(*flags):
    return [
        {"key": f"k{index}", "text": f"Choice {index}", "correct": flag}
        for index, flag in enumerate(flags)
    ]


def single(marks="1.00"):
    return {"kind": "single", "marks": marks, "choices": choices(False, True, False)}


def multiple(*flags, marks="1.00"):
    return {"kind": "multiple", "marks": marks, "choices": choices(*flags)}


SCENARIO = {
    "kind": "branching",
    "marks": "3.00",
    "start": "a",
    "steps": {
        "a": {
            "ending": False,
            "choices": [{"key": "a1", "next": "b"}, {"key": "a2", "next": "end0"}],
        },
        "b": {
            "ending": False,
            "choices": [{"key": "b1", "next": "end100"}, {"key": "b2", "next": "end33"}],
        },
        "end100": {"ending": True, "score": 100},
        "end33": {"ending": True, "score": 33},
        "end0": {"ending": True, "score": 0},
    },
}


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ({"choice": "k1"}, "2.50"),
        ({"choice": "k0"}, "0.00"),
        ({"choice": "k2"}, "0.00"),
        (None, "0.00"),
    ],
)
def test_single_choice_earns_the_marks_only_for_the_correct_choice(response, expected):
    assert question_mark(snapshot=single("2.50"), response=response) == Decimal(expected)


def test_true_false_is_graded_like_a_single_choice():
    snapshot = {"kind": "true_false", "marks": "1.00", "choices": choices(True, False)}

    assert question_mark(snapshot=snapshot, response={"choice": "k0"}) == Decimal("1.00")
    assert question_mark(snapshot=snapshot, response={"choice": "k1"}) == Decimal("0.00")


@pytest.mark.parametrize(
    ("flags", "selected", "expected"),
    [
        # k = 2 correct: each right +0.5, each wrong -0.5
        ((True, True, False, False), ["k0", "k1"], "1.00"),
        ((True, True, False, False), ["k0"], "0.50"),
        ((True, True, False, False), ["k0", "k1", "k2"], "0.50"),
        ((True, True, False, False), ["k0", "k2"], "0.00"),
        ((True, True, False, False), ["k2", "k3"], "0.00"),  # never below zero
        ((True, True, False, False), ["k0", "k2", "k3"], "0.00"),
        ((True, True, False, False), ["k0", "k1", "k2", "k3"], "0.00"),  # select-all earns 0
        ((True, True, False, False), [], "0.00"),
        # k = 3: thirds round to the cent, but all three earn the marks exactly
        ((True, True, True, False), ["k0"], "0.33"),
        ((True, True, True, False), ["k0", "k1"], "0.67"),
        ((True, True, True, False), ["k0", "k1", "k2"], "1.00"),
        ((True, True, True, False), ["k0", "k1", "k3"], "0.33"),
        # k = 1: one right choice among wrong ones
        ((True, False, False), ["k0"], "1.00"),
        ((True, False, False), ["k0", "k1"], "0.00"),
        # every choice correct
        ((True, True), ["k0", "k1"], "1.00"),
    ],
)
def test_multiple_response_partial_credit(flags, selected, expected):
    response = {"choices": selected} if selected else None
    assert question_mark(snapshot=multiple(*flags), response=response) == Decimal(expected)


def test_multiple_response_partial_credit_scales_with_the_marks():
    snapshot = multiple(True, True, True, False, marks="2.00")

    assert question_mark(snapshot=snapshot, response={"choices": ["k0"]}) == Decimal("0.67")
    assert question_mark(snapshot=snapshot, response={"choices": ["k0", "k1"]}) == Decimal("1.33")


def test_free_text_awaits_a_supervisor_once_answered_and_earns_nothing_blank():
    snapshot = {"kind": "free_text", "marks": "2.00"}

    assert question_mark(snapshot=snapshot, response={"text": "Because..."}) is None
    assert question_mark(snapshot=snapshot, response={"text": "   "}) == Decimal("0.00")
    assert question_mark(snapshot=snapshot, response=None) == Decimal("0.00")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (["a1", "b1"], "3.00"),
        (["a1", "b2"], "0.99"),  # 33% of 3
        (["a2"], "0.00"),
        (["a1"], "0.00"),  # no ending reached
        ([], "0.00"),
    ],
)
def test_branching_earns_the_endings_score_percent_of_the_marks(path, expected):
    assert question_mark(snapshot=SCENARIO, response={"path": path}) == Decimal(expected)


def test_branch_walk_follows_the_path_and_refuses_a_choice_not_offered_at_its_step():
    walk = branch_walk(snapshot=SCENARIO, path=["a1"])
    assert walk.current_key == "b"
    assert not walk.ended
    assert [step for step, _ in walk.taken] == ["a"]

    with pytest.raises(InvalidAnswer):
        branch_walk(snapshot=SCENARIO, path=["b1"])  # offered at b, not at the start
    with pytest.raises(InvalidAnswer):
        branch_walk(snapshot=SCENARIO, path=["a2", "b1"])  # nothing is offered at an ending


def test_response_check_normalises_and_refuses_keys_the_question_does_not_offer():
    assert response_check(snapshot=single(), response={"choice": "k1"}) == {"choice": "k1"}
    assert response_check(snapshot=single(), response={"choice": ""}) is None
    assert response_check(
        snapshot=multiple(True, True, False), response={"choices": ["k2", "k0", "k0"]}
    ) == {"choices": ["k0", "k2"]}
    assert response_check(snapshot={"kind": "free_text"}, response={"text": "  Why \n"}) == {
        "text": "Why"
    }

    with pytest.raises(InvalidAnswer):
        response_check(snapshot=single(), response={"choice": "k9"})
    with pytest.raises(InvalidAnswer):
        response_check(snapshot=multiple(True, False), response={"choices": ["k0", "other"]})
    with pytest.raises(InvalidAnswer, match="one decision at a time"):
        response_check(snapshot=SCENARIO, response={"path": ["a2"]})


def test_what_counts_as_answered():
    assert response_is_answered(snapshot=single(), response={"choice": "k0"})
    assert not response_is_answered(snapshot=single(), response=None)
    assert not response_is_answered(snapshot=multiple(True), response={"choices": []})
    assert not response_is_answered(snapshot={"kind": "free_text"}, response={"text": " "})
    assert response_is_answered(snapshot=SCENARIO, response={"path": ["a2"]})
    assert not response_is_answered(snapshot=SCENARIO, response={"path": ["a1"]})


def test_attempt_grade_sums_marks_and_passes_on_the_exact_score():
    grade = attempt_grade(
        marks=[Decimal("1.00"), Decimal("0.50"), Decimal("2.00")],
        max_score=Decimal(5),
        pass_mark=70,
    )
    assert (grade.score, grade.percent, grade.passed) == (Decimal("3.50"), Decimal("70.00"), True)

    # 69.995% would round to 70.00 but does not pass a 70% pass mark.
    near = attempt_grade(marks=[Decimal("139.99")], max_score=Decimal(200), pass_mark=70)
    assert near.percent == Decimal("70.00")
    assert near.passed is False


def test_attempt_grade_is_incomplete_while_an_answer_awaits_a_supervisor():
    grade = attempt_grade(marks=[Decimal(1), None], max_score=Decimal(3), pass_mark=50)

    assert not grade.is_complete
    assert (grade.score, grade.percent, grade.passed) == (None, None, None)


ATTEMPTS = [
    Grade(percent=Decimal("60.00"), passed=False),
    Grade(percent=Decimal("90.00"), passed=True),
    Grade(percent=Decimal("75.00"), passed=True),
    Grade(percent=Decimal("40.00"), passed=False),
]


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("highest", Grade(percent=Decimal("90.00"), passed=True)),
        ("first", Grade(percent=Decimal("60.00"), passed=False)),
        ("last", Grade(percent=Decimal("40.00"), passed=False)),
        ("average", Grade(percent=Decimal("66.25"), passed=False)),
    ],
)
def test_every_grading_method(method, expected):
    assert quiz_grade(method=method, attempts=ATTEMPTS, pass_mark=70) == expected


def test_average_passes_against_the_current_pass_mark():
    assert quiz_grade(method="average", attempts=ATTEMPTS, pass_mark=65).passed


def test_an_attempt_keeps_the_pass_it_earned_under_its_own_pass_mark():
    # Passed at 72% under a 70% pass mark; the quiz now asks 80%: the highest still passes.
    attempts = [Grade(percent=Decimal("72.00"), passed=True)]
    assert quiz_grade(method="highest", attempts=attempts, pass_mark=80).passed


def test_highest_prefers_the_passed_attempt_on_a_tie():
    attempts = [
        Grade(percent=Decimal("75.00"), passed=False),
        Grade(percent=Decimal("75.00"), passed=True),
    ]
    assert quiz_grade(method="highest", attempts=attempts, pass_mark=70).passed


def test_no_graded_attempt_means_no_grade():
    assert quiz_grade(method="highest", attempts=[], pass_mark=70) is None


def test_average_of_thirds_rounds_to_the_cent():
    attempts = [Grade(percent=Decimal(p), passed=False) for p in ("10", "10", "11")]
    assert quiz_grade(method="average", attempts=attempts, pass_mark=70).percent == Decimal("10.33")
