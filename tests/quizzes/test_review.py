"""What a page may show of a slot: the leak rule, kept in the view object itself."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from quizzes.review import (
    code_rules_for,
    feedback_during_attempt,
    references_for,
    review_after_submission,
    slot_view,
)

RULES = {
    "mft": "AAMFT 1.5: prohibited, with no time limit.",
    "psychologist": "APA 10.08: at least two years.",
    "counsellor": "ACA A.5.c: five years.",
    "social_worker": "NASW 1.09(c).",
}


def slot(snapshot, response=None, **fields):
    return SimpleNamespace(
        position=1,
        snapshot={
            "title": "T",
            "vignette_html": "",
            "prompt": "P",
            "code_rules": RULES,
            **snapshot,
        },
        response=response,
        max_mark=Decimal("1.00"),
        mark=fields.get("mark", Decimal("1.00")),
        is_final=fields.get("is_final", True),
        needs_manual_grading=False,
        grader_comment="",
    )


SINGLE = {
    "kind": "single",
    "marks": "1.00",
    "choices": [
        {
            "key": "a",
            "text": "Decline",
            "correct": True,
            "rationale": "Why decline.",
            "principle": {"slug": "objectivity", "name": "Objectivity"},
            "references": ["APA 3.05(a)", "ACA A.6.b"],
        },
        {
            "key": "b",
            "text": "Accept",
            "correct": False,
            "rationale": "Why not accept.",
            "principle": {"slug": "objectivity", "name": "Objectivity"},
            "references": [],
        },
    ],
}


@pytest.mark.parametrize(
    ("profession", "first"),
    [("counsellor", "ACA"), ("psychologist", "APA"), ("mft", "AAMFT"), ("social_worker", "NASW")],
)
def test_the_trainees_own_code_comes_first_and_the_others_keep_their_order(profession, first):
    rules = code_rules_for(code_rules=RULES, profession=profession)

    assert rules[0].is_own
    assert first in rules[0].label
    assert [rule.is_own for rule in rules[1:]] == [False] * 3
    others = [rule.label for rule in rules[1:]]
    usual = [
        "Psychologists (APA)",
        "Counsellors (ACA)",
        "Social workers (NASW)",
        "Marriage and family therapists (AAMFT)",
    ]
    assert others == [label for label in usual if label in others]


def test_a_student_sees_every_code_in_the_usual_order():
    rules = code_rules_for(code_rules=RULES, profession="student")

    assert [rule.label for rule in rules] == [
        "Psychologists (APA)",
        "Counsellors (ACA)",
        "Social workers (NASW)",
        "Marriage and family therapists (AAMFT)",
    ]
    assert not any(rule.is_own for rule in rules)


def test_references_to_the_trainees_own_code_come_first():
    references = ["APA 3.05(a)", "NASW 1.06(c)", "ACA A.6.b", "ACA A.5.c"]

    assert references_for(references=references, profession="counsellor") == (
        "ACA A.6.b",
        "ACA A.5.c",
        "APA 3.05(a)",
        "NASW 1.06(c)",
    )
    assert references_for(references=references, profession="other") == tuple(references)


def test_an_unrevealed_view_holds_no_correctness_rationale_or_code_rules():
    view = slot_view(
        slot=slot(SINGLE, {"choice": "b"}), reveal=False, show_mark=False, profession="counsellor"
    )

    assert view.mark is None
    assert view.code_rules == ()
    assert [
        (c.text, c.selected, c.correct, c.rationale, c.principle, c.references)
        for c in view.choices
    ] == [
        ("Decline", False, None, None, None, ()),
        ("Accept", True, None, None, None, ()),
    ]


def test_a_revealed_view_explains_every_choice():
    view = slot_view(
        slot=slot(SINGLE, {"choice": "b"}, mark=Decimal(0)),
        reveal=True,
        show_mark=True,
        profession="counsellor",
    )

    assert view.mark == Decimal(0)
    assert not view.earned_full_marks
    decline, accept = view.choices
    assert (decline.correct, decline.rationale, decline.principle) == (
        True,
        "Why decline.",
        "Objectivity",
    )
    assert decline.references == ("ACA A.6.b", "APA 3.05(a)")
    assert (accept.correct, accept.selected) == (False, True)
    assert view.code_rules[0].text == "ACA A.5.c: five years."


SCENARIO = {
    "kind": "branching",
    "marks": "3.00",
    "start": "a",
    "steps": {
        "a": {
            "text_html": "<p>At a.</p>",
            "ending": False,
            "score": None,
            "debrief": "",
            "choices": [
                {
                    "key": "k",
                    "text": "Go",
                    "consequence": "It went.",
                    "rationale": "Why go.",
                    "principle": {"slug": "objectivity", "name": "Objectivity"},
                    "references": [],
                    "next": "end",
                }
            ],
        },
        "end": {"text_html": "", "ending": True, "score": 50, "debrief": "Debrief."},
    },
}


def test_a_scenario_path_shows_consequences_and_reveals_rationale_and_debrief_only_when_allowed():
    hidden = slot_view(
        slot=slot(SCENARIO, {"path": ["k"]}), reveal=False, show_mark=True, profession="mft"
    )
    shown = slot_view(
        slot=slot(SCENARIO, {"path": ["k"]}), reveal=True, show_mark=True, profession="mft"
    )

    assert [(s.choice_text, s.consequence, s.rationale) for s in hidden.path] == [
        ("Go", "It went.", None)
    ]
    assert hidden.ending_reached and hidden.ending_debrief is None
    assert shown.path[0].rationale == "Why go."
    assert shown.ending_debrief == "Debrief."


def test_a_scenario_in_progress_shows_the_situation_awaiting_a_decision():
    view = slot_view(
        slot=slot(SCENARIO, {"path": []}, is_final=False, mark=None),
        reveal=False,
        show_mark=False,
        profession="mft",
    )

    assert view.path == ()
    assert view.current_step_html == "<p>At a.</p>"
    assert not view.ending_reached


@pytest.mark.parametrize(
    ("mode", "kind", "final", "expected"),
    [
        ("immediate", "single", True, True),
        ("immediate", "single", False, False),
        ("immediate", "branching", False, True),  # each decision is final as it is taken
        ("deferred", "single", True, False),
        ("deferred", "branching", True, False),
    ],
)
def test_feedback_during_the_attempt(mode, kind, final, expected):
    assert feedback_during_attempt(feedback_mode=mode, kind=kind, is_final=final) is expected


@pytest.mark.parametrize(
    ("option", "passed", "expected"),
    [
        ("always", False, True),
        ("after_passing", False, False),
        ("after_passing", True, True),
        ("never", True, False),
    ],
)
def test_review_after_submission(option, passed, expected):
    assert review_after_submission(review_option=option, has_passed=passed) is expected
