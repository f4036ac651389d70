from quizzes.validation import check_quiz

PRINCIPLES = {"objectivity", "client-welfare"}


def choice(text, *, correct=False, **extra):
    return {
        "text": text,
        "correct": correct,
        "principle": "objectivity",
        "rationale": "Because.",
        **extra,
    }


def step_choice(next_key):
    return {
        "text": "Go",
        "consequence": "It happens.",
        "principle": "objectivity",
        "rationale": "Why.",
        "next": next_key,
    }


def quiz_with(question, **settings):
    return {"title": "Quiz", **settings, "questions": [question]}


def messages(quiz):
    return [problem.message for problem in check_quiz(quiz, principles=PRINCIPLES)]


def single(*choices):
    return {"kind": "single", "title": "T", "prompt": "P?", "choices": list(choices)}


def test_a_good_single_choice_question_passes():
    assert messages(quiz_with(single(choice("A", correct=True), choice("B")))) == []


def test_single_choice_needs_exactly_one_correct():
    assert messages(quiz_with(single(choice("A"), choice("B")))) == [
        "a single-choice question needs exactly one correct choice, not 0"
    ]


def test_true_false_needs_the_two_choices_true_and_false():
    question = {
        "kind": "true_false",
        "title": "T",
        "prompt": "P?",
        "choices": [choice("Yes", correct=True), choice("No")],
    }
    assert "exactly the choices True and False" in messages(quiz_with(question))[0]


def test_every_choice_needs_a_rationale_and_a_known_principle():
    problems = check_quiz(
        quiz_with(single(choice("A", correct=True, rationale=""), choice("B", principle="charm"))),
        principles=PRINCIPLES,
    )
    assert {(problem.path, problem.message.split(";")[0]) for problem in problems} == {
        (("questions", 0, "choices", 0, "rationale"), "a choice needs a rationale"),
        (("questions", 0, "choices", 1, "principle"), "unknown principle 'charm'"),
    }


def test_settings_are_checked():
    assert set(
        messages(
            quiz_with(
                single(choice("A", correct=True), choice("B")),
                pass_mark=120,
                grading_method="best",
                pool_size=2,
            )
        )
    ) == {
        "pass_mark must be a whole number from 0 to 100",
        "grading_method must be one of highest, last, first, average",
        "pool_size 2 is more than the 1 questions in the quiz",
    }


def branching(steps, start="a"):
    return {"kind": "branching", "title": "T", "prompt": "P", "start": start, "steps": steps}


def ending(key, score=100):
    return {"key": key, "ending": True, "score": score, "debrief": "What to take away."}


def test_a_good_branching_scenario_passes():
    steps = [
        {"key": "a", "text": "Start", "choices": [step_choice("b"), step_choice("end-bad")]},
        {"key": "b", "text": "Then", "choices": [step_choice("end-good")]},
        ending("end-good"),
        ending("end-bad", 0),
    ]
    assert messages(quiz_with(branching(steps))) == []


def test_a_branching_cycle_never_ends():
    steps = [
        {"key": "a", "text": "Start", "choices": [step_choice("b")]},
        {"key": "b", "text": "Then", "choices": [step_choice("a"), step_choice("end")]},
        ending("end"),
    ]
    assert messages(quiz_with(branching(steps))) == ["the path a → b → a never ends"]


def test_unreachable_steps_and_dangling_links_are_reported():
    steps = [
        {"key": "a", "text": "Start", "choices": [step_choice("end")]},
        {"key": "orphan", "text": "Lost", "choices": [step_choice("end")]},
        ending("end"),
    ]
    assert messages(quiz_with(branching(steps))) == [
        "step 'orphan' cannot be reached from the start"
    ]
    steps[0]["choices"] = [step_choice("nowhere")]
    assert "next 'nowhere' leads nowhere: no step has that key" in messages(
        quiz_with(branching(steps))
    )


def test_an_ending_needs_a_score_and_a_debrief():
    steps = [
        {"key": "a", "text": "Start", "choices": [step_choice("end")]},
        {"key": "end", "ending": True, "score": 150},
    ]
    assert set(messages(quiz_with(branching(steps)))) == {
        "an ending needs a score from 0 to 100",
        "an ending needs a debrief",
    }


def test_free_text_needs_a_rubric():
    question = {"kind": "free_text", "title": "T", "prompt": "Explain your reasoning."}
    assert messages(quiz_with(question)) == ["a free-text question needs a rubric to grade by"]


def test_required_must_be_a_flag():
    question = {**single(choice("A", correct=True), choice("B")), "required": "sometimes"}
    assert messages(quiz_with(question)) == ["required must be true or false"]
