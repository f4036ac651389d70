"""The bundled course's integrity: what a clinical supervisor signing it off would check."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from core.management.commands.seed_demo import BUNDLED_COURSE as BUNDLED
from modules.course_import import check_course_files, course_files_read


@pytest.fixture(scope="module")
def course():
    course_file, module_files = course_files_read(BUNDLED)
    return course_file.data, [file.data for file in module_files]


def all_questions(course):
    data, modules = course
    return [q for module in modules for q in module["quiz"]["questions"]] + data["post_test"][
        "questions"
    ]


def test_the_files_pass_every_loader_check(db):
    assert check_course_files(*course_files_read(BUNDLED)) == []


def test_five_modules_each_with_two_to_four_lessons_and_a_quiz(course):
    _, modules = course
    assert len(modules) >= 5
    for module in modules:
        assert 2 <= len(module["lessons"]) <= 4, module["slug"]
        assert module["quiz"]["questions"], module["slug"]
        for lesson in module["lessons"]:
            assert lesson["key_points"] and lesson["references"], lesson["slug"]


def test_enough_scenarios_and_branching_scenarios(course):
    _, modules = course
    questions = [q for module in modules for q in module["quiz"]["questions"]]
    assert len(questions) >= 16
    assert sum(q["kind"] == "branching" for q in questions) >= 3


def test_the_post_test_pool_is_large_enough_and_grades_itself(course):
    data, _ = course
    post_test = data["post_test"]
    assert post_test["pass_mark"] == 80
    assert post_test["pool_size"] == 10
    assert len(post_test["questions"]) >= 12
    assert {q["kind"] for q in post_test["questions"]} <= {"single", "multiple", "true_false"}


def test_every_choice_has_a_rationale_naming_a_principle(course):
    for question in all_questions(course):
        choices = question.get("choices", []) + [
            c for step in question.get("steps", []) for c in step.get("choices", [])
        ]
        for choice in choices:
            assert len(choice["rationale"].split()) >= 8, (question["title"], choice["text"])
            assert choice["principle"]


def test_every_branching_path_ends(course):
    for question in all_questions(course):
        if question["kind"] != "branching":
            continue
        steps = {step["key"]: step for step in question["steps"]}
        paths = [[question["start"]]]
        endings = set()
        while paths:
            path = paths.pop()
            step = steps[path[-1]]
            if step.get("ending"):
                endings.add(step["key"])
                continue
            for choice in step["choices"]:
                assert choice["next"] not in path, f"{question['title']}: cycle at {choice['next']}"
                paths.append([*path, choice["next"]])
        assert len(endings) >= 2, question["title"]
        assert {steps[key]["score"] for key in endings} != {100}, "endings should differ"


REQUIRED_SITUATIONS = {
    "dinner and wine-tasting invitation": "wine",
    "friendship a year after ending": "a year",
    "social-media friend request": "friend request",
    "supermarket": "supermarket",
    "client teaches your child": "teaches",
    "romantic feelings": "romantic feelings",
    "gift": "gift",
    "your own divorce": "divorce",
    "business deal": "business",
    "texts between sessions": "text",
    "colleague dating eighteen months after ending": "eighteen months",
    "a friendship that 'works'": "works",
}


@pytest.mark.parametrize(("situation", "word"), REQUIRED_SITUATIONS.items())
def test_the_required_situations_are_taught(course, situation, word):
    _, modules = course
    questions = [q for module in modules for q in module["quiz"]["questions"]]
    text = [json.dumps(q).lower() for q in questions]
    assert any(word in q for q in text), situation


def test_the_code_comparison_question_gives_every_professions_rule(course):
    _, modules = course
    dating = next(
        q for m in modules for q in m["quiz"]["questions"] if "eighteen months" in json.dumps(q)
    )
    assert set(dating["code_rules"]) >= {"psychologist", "counsellor", "social_worker", "mft"}


def test_the_evaluation_asks_the_four_things(course):
    data, _ = course
    assert [item["key"] for item in data["evaluation"]] == [
        "relevance",
        "clarity",
        "would_recommend",
        "comment",
    ]


SOURCE_ARTICLES = Path(settings.BASE_DIR).parent / "shared" / "reference"


def teaching_text(value, key=None):
    """Every string of the course but its reference lists (which cite articles by title)."""
    if key == "references":
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child_key, child in value.items():
            yield from teaching_text(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from teaching_text(child)


# Names both may use: a statute's name is not a copied sentence.
PROPER_NAMES = ["health insurance portability and accountability act"]


def runs_of_words(text, length=8):
    text = text.lower().replace("’", "'")
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    words = re.findall(r"[a-z']+", text)
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


@pytest.mark.skipif(
    not SOURCE_ARTICLES.is_dir(), reason="the reference articles are not beside the repo"
)
def test_the_course_is_in_our_own_words(course):
    data, modules = course
    source = set()
    for article in SOURCE_ARTICLES.glob("0*.txt"):
        source |= runs_of_words(article.read_text(encoding="utf-8"))
    ours = set()
    for text in teaching_text([data, *modules]):
        ours |= runs_of_words(text)

    assert not {" ".join(run) for run in ours & source}
