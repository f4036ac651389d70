import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.management.commands.seed_demo import BUNDLED_COURSE as BUNDLED
from modules.course_import import CourseImportError, ce_hours_from_minutes, course_import
from modules.models import Course, Lesson, Module
from quizzes.models import Attempt, Question, Quiz, QuizVersion, VersionStatus
from tests.factories import TraineeFactory

pytestmark = pytest.mark.django_db


MODULE_1 = Path("modules") / "01-dual-relationships.yaml"


@pytest.fixture
def course_copy(tmp_path):
    """A copy of the bundled course to break; ``edit(file, old, new)`` changes one spot."""
    folder = tmp_path / "course"
    shutil.copytree(BUNDLED, folder)

    def edit(relative, old, new):
        path = folder / relative
        text = path.read_text()
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1))
        return text[: text.index(old)].count("\n") + 1  # the line of the change

    return folder, edit


def snapshot_counts():
    return (
        Course.objects.count(),
        Module.objects.count(),
        Lesson.objects.count(),
        QuizVersion.objects.count(),
        Question.objects.count(),
    )


def test_the_bundled_course_loads_published_with_its_ce_hours():
    report = course_import(folder=BUNDLED)

    course = report.course
    assert report.created
    assert course.status == "published"
    assert course.pass_mark == 80
    assert course.modules.count() == 5
    assert course.ce_hours == Decimal("3.0")
    assert Quiz.objects.filter(module__course=course).count() == 5
    post_test = course.post_test.versions.get(status=VersionStatus.PUBLISHED)
    assert post_test.pool_size == 10
    assert "<script" not in "".join(Lesson.objects.values_list("body_html", flat=True))


def test_loading_again_changes_nothing():
    course_import(folder=BUNDLED)
    before = snapshot_counts()

    report = course_import(folder=BUNDLED)

    assert not report.created
    assert report.quizzes_published == []
    assert len(report.quizzes_unchanged) == 6
    assert snapshot_counts() == before


def test_an_edited_quiz_gets_a_new_version_and_past_attempts_keep_theirs(course_copy):
    folder, edit = course_copy
    course_import(folder=folder)
    quiz = Quiz.objects.get(module__slug="dual-relationships")
    old_version = quiz.versions.get(status=VersionStatus.PUBLISHED)
    attempt = Attempt.objects.create(
        user=TraineeFactory(),
        quiz=quiz,
        version=old_version,
        number=1,
        status="graded",
        started_at=timezone.now(),
        submitted_at=timezone.now(),
        graded_at=timezone.now(),
        pass_mark=old_version.pass_mark,
        max_score=Decimal(5),
        score=Decimal(4),
        percent=Decimal(80),
        passed=True,
    )
    old_titles = list(old_version.questions.values_list("title", flat=True))
    edit(MODULE_1, "title: The business offer", "title: A business proposal")

    report = course_import(folder=folder)

    assert report.quizzes_published == [quiz.title]
    new_version = quiz.versions.get(status=VersionStatus.PUBLISHED)
    assert new_version.number == old_version.number + 1
    assert "A business proposal" in new_version.questions.values_list("title", flat=True)
    old_version.refresh_from_db()
    assert old_version.status == VersionStatus.RETIRED
    assert list(old_version.questions.values_list("title", flat=True)) == old_titles
    attempt.refresh_from_db()
    assert (attempt.version_id, attempt.score) == (old_version.pk, Decimal(4))


def test_lessons_are_updated_in_place(course_copy):
    folder, edit = course_copy
    course_import(folder=folder)
    lesson = Lesson.objects.get(slug="what-is-a-multiple-relationship")
    edit(
        MODULE_1,
        "title: What counts as a multiple relationship",
        "title: Defining multiple relationships",
    )

    course_import(folder=folder)

    lesson.refresh_from_db()
    assert lesson.title == "Defining multiple relationships"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("title: The business offer", "title: [unclosed", "YAML syntax"),
        ("      prompt: What is the best way to proceed?\n", "", "a question needs a prompt"),
        (
            "principle: exploitation-risk\n          rationale: >\n            Using the therapy",
            "principle: charm\n          rationale: >\n            Using the therapy",
            "unknown principle 'charm'",
        ),
        (
            "          correct: false\n          principle: client-welfare\n          rationale: >\n            This removes the overlap",
            "          correct: true\n          principle: client-welfare\n          rationale: >\n            This removes the overlap",
            "exactly one correct choice, not 2",
        ),
    ],
)
def test_a_broken_file_is_refused_with_file_line_and_reason(course_copy, old, new, message):
    folder, edit = course_copy
    line = edit(MODULE_1, old, new)

    with pytest.raises(CourseImportError) as raised:
        course_import(folder=folder)

    errors = raised.value.errors
    assert any(message in error.message for error in errors), errors
    error = next(error for error in errors if message in error.message)
    assert error.file.name == MODULE_1.name
    assert abs(error.line - line) <= 12, (error.line, line)
    assert snapshot_counts() == (0, 0, 0, 0, 0)


def test_a_single_choice_question_with_no_correct_choice_is_refused(course_copy):
    folder, edit = course_copy
    edit(
        MODULE_1,
        "      prompt: What is the best way to proceed?\n      choices:\n        - text: Name the overlap with Mei, agree together how school contact will be handled, consult a colleague, and document the discussion and precautions, reviewing them as the work goes on.\n          correct: true",
        "      prompt: What is the best way to proceed?\n      choices:\n        - text: Name the overlap with Mei, agree together how school contact will be handled, consult a colleague, and document the discussion and precautions, reviewing them as the work goes on.\n          correct: false",
    )

    with pytest.raises(CourseImportError, match="exactly one correct choice, not 0"):
        course_import(folder=folder)


def test_a_branching_step_that_leads_nowhere_is_refused(course_copy):
    folder, edit = course_copy
    text = (folder / MODULE_1).read_text()
    first_next = text[text.index("next: ", text.index("kind: branching")) :].split("\n")[0]
    line = edit(MODULE_1, first_next, "next: nowhere")

    with pytest.raises(CourseImportError) as raised:
        course_import(folder=folder)

    [error] = [e for e in raised.value.errors if "leads nowhere" in e.message]
    assert error.line == line


def test_a_failed_load_leaves_the_database_as_it_was(course_copy):
    folder, edit = course_copy
    course_import(folder=folder)
    before = snapshot_counts()
    edit(MODULE_1, "title: The business offer", "title: A business proposal")
    edit(Path("modules") / "05-confidentiality-and-contact.yaml", "kind: single", "kind: essay")

    with pytest.raises(CourseImportError):
        course_import(folder=folder)

    assert snapshot_counts() == before
    assert not Question.objects.filter(title="A business proposal").exists()


def test_load_course_command_exits_non_zero_with_the_problems(course_copy, capsys):
    folder, edit = course_copy
    edit(MODULE_1, "title: The business offer", "title: [unclosed")

    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_course", str(folder))

    assert "01-dual-relationships.yaml:" in capsys.readouterr().err


def test_load_course_command_reports_success(capsys):
    call_command("load_course", str(BUNDLED))

    assert "Created course" in capsys.readouterr().out


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CourseImportError, match=r"no course\.yaml"):
        course_import(folder=tmp_path / "nothing-here")


@pytest.mark.parametrize(
    ("minutes", "hours"),
    [(0, "0.0"), (29, "0.0"), (30, "0.5"), (59, "0.5"), (188, "3.0"), (210, "3.5")],
)
def test_ce_hours_round_down_to_the_half_hour(minutes, hours):
    assert ce_hours_from_minutes(minutes) == Decimal(hours)
