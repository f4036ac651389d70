"""Loading a course from its YAML files (docs/content-format.md).

``course_import`` reads and checks every file first and reports every problem as
``file:line: reason``; only a clean course is written, in one transaction. Loading again is
safe: the course, modules and lessons are updated in place, and a quiz whose content changed
gets a new published version, so past attempts keep the version they were taken on.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Profession
from quizzes.authoring import quiz_data, quiz_version_build, quiz_version_publish, version_data
from quizzes.models import Principle, Quiz, VersionStatus
from quizzes.validation import check_quiz

from .models import ContentStatus, Course, Lesson, Level, Module
from .services import lesson_save

EVALUATION_KINDS = ("rating", "yes_no", "text")
# Positions are unique: kept rows move past this before they are numbered again.
POSITION_OFFSET = 1000


def ce_hours_from_minutes(minutes: int) -> Decimal:
    """CE credit: the estimated minutes in hours, rounded down to the half hour."""
    return (Decimal(math.floor(minutes / 30)) / 2).quantize(Decimal("0.1"))


# Reading: YAML that remembers the line of every mapping, key and list item.


class LineDict(dict):
    line: int
    key_lines: dict


class LineList(list):
    line: int
    item_lines: list


class LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            self.construct_object(key, deep=True): key.start_mark.line + 1 for key, _ in node.value
        }
        return mapping

    def construct_sequence(self, node, deep=False):
        sequence = LineList(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [item.start_mark.line + 1 for item in node.value]
        return sequence


LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping
)
LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, LineLoader.construct_sequence
)


def line_of(data, path) -> int:
    """The line of the deepest part of ``path`` that the file has (1 if none)."""
    line = getattr(data, "line", 1)
    for step in path:
        if isinstance(data, LineDict) and step in data:
            line, data = data.key_lines.get(step, line), data[step]
        elif isinstance(data, LineList) and isinstance(step, int) and step < len(data):
            line, data = data.item_lines[step], data[step]
        else:
            break
    return line


@dataclass(frozen=True)
class ContentError:
    file: Path
    line: int
    message: str

    def __str__(self):
        return f"{self.file}:{self.line}: {self.message}"


class CourseImportError(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class CourseFile:
    path: Path
    data: LineDict

    def error(self, path, message) -> ContentError:
        return ContentError(self.path, line_of(self.data, path), message)


@dataclass
class ImportReport:
    course: Course
    created: bool
    quizzes_published: list[str] = field(default_factory=list)
    quizzes_unchanged: list[str] = field(default_factory=list)


def course_files_read(folder: Path) -> tuple[CourseFile, list[CourseFile]]:
    folder = Path(folder)
    course_path = folder / "course.yaml"
    if not course_path.is_file():
        raise CourseImportError([ContentError(course_path, 1, "no course.yaml in this folder")])
    module_paths = sorted((folder / "modules").glob("*.yaml"))
    files, errors = [], []
    for path in [course_path, *module_paths]:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            errors.append(
                ContentError(path, mark.line + 1 if mark else 1, f"YAML syntax: {error.problem}")
            )
            continue
        except (OSError, UnicodeDecodeError) as error:
            errors.append(ContentError(path, 1, f"cannot read the file: {error}"))
            continue
        if not isinstance(data, LineDict):
            errors.append(ContentError(path, 1, "the file must be a YAML mapping of fields"))
            continue
        files.append(CourseFile(path, data))
    if errors:
        raise CourseImportError(errors)
    return files[0], files[1:]


# Checking: every problem, each with its file and line.


def _check_text(file: CourseFile, data: dict, path: tuple, names) -> list[ContentError]:
    return [
        file.error(
            (*path, name), f"{name} is required" if name not in data else f"{name} must be text"
        )
        for name in names
        if not isinstance(data.get(name), str) or not data.get(name).strip()
    ]


def _check_text_list(
    file: CourseFile, data: dict, path: tuple, name: str, *, required: bool
) -> list[ContentError]:
    value = data.get(name)
    if value is None and not required:
        return []
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(item, str) and item.strip() for item in value)
    ):
        return [file.error((*path, name), f"{name} must be a list of text")]
    return []


def _check_slug(file, data, path) -> list[ContentError]:
    slug = data.get("slug")
    if (
        not isinstance(slug, str)
        or not slug
        or not all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in slug)
    ):
        return [file.error((*path, "slug"), "slug must be lowercase letters, digits and hyphens")]
    return []


def _check_quiz(file, quiz, path, principles) -> list[ContentError]:
    if not isinstance(quiz, dict):
        return [file.error(path, "a quiz must be a mapping of settings and questions")]
    return [
        file.error((*path, *problem.path), problem.message)
        for problem in check_quiz(quiz, principles=principles)
    ]


def check_course_files(
    course_file: CourseFile, module_files: list[CourseFile]
) -> list[ContentError]:
    principles = set(Principle.objects.values_list("slug", flat=True))
    course = course_file.data
    errors = _check_slug(course_file, course, ())
    errors += _check_text(course_file, course, (), ["title", "summary"])
    errors += _check_text_list(course_file, course, (), "objectives", required=True)
    if course.get("level") not in Level.values:
        errors.append(
            course_file.error(("level",), f"level must be one of {', '.join(Level.values)}")
        )
    professions = course.get("professions")
    if (
        not isinstance(professions, list)
        or not professions
        or not set(professions) <= set(Profession.values)
    ):
        errors.append(
            course_file.error(
                ("professions",), f"professions must be a list of {', '.join(Profession.values)}"
            )
        )
    if "post_test" in course:
        errors += _check_quiz(course_file, course["post_test"], ("post_test",), principles)
    evaluation = course.get("evaluation") or []
    if not isinstance(evaluation, list):
        errors.append(course_file.error(("evaluation",), "evaluation must be a list of items"))
        evaluation = []
    for index, item in enumerate(evaluation):
        path = ("evaluation", index)
        if not isinstance(item, dict):
            errors.append(course_file.error(path, "an evaluation item needs key, kind and text"))
            continue
        errors += _check_text(course_file, item, path, ["key", "text"])
        if item.get("kind") not in EVALUATION_KINDS:
            errors.append(
                course_file.error(
                    (*path, "kind"), f"kind must be one of {', '.join(EVALUATION_KINDS)}"
                )
            )

    if not module_files:
        errors.append(course_file.error((), "the course has no modules: add modules/*.yaml"))
    module_slugs = {}
    for file in module_files:
        module = file.data
        errors += _check_slug(file, module, ())
        errors += _check_text(file, module, (), ["title", "summary"])
        errors += _check_text_list(file, module, (), "objectives", required=True)
        if module.get("slug") in module_slugs:
            errors.append(
                file.error(
                    ("slug",),
                    f"slug {module['slug']!r} is also used by {module_slugs[module['slug']].name}",
                )
            )
        module_slugs.setdefault(module.get("slug"), file.path)
        lessons = module.get("lessons")
        if not isinstance(lessons, list) or not lessons:
            errors.append(file.error(("lessons",), "a module needs at least one lesson"))
            lessons = []
        lesson_slugs = set()
        for index, lesson in enumerate(lessons):
            path = ("lessons", index)
            if not isinstance(lesson, dict):
                errors.append(file.error(path, "a lesson needs slug, title and body"))
                continue
            errors += _check_slug(file, lesson, path)
            errors += _check_text(file, lesson, path, ["title", "body"])
            errors += _check_text_list(file, lesson, path, "key_points", required=False)
            errors += _check_text_list(file, lesson, path, "references", required=False)
            minutes = lesson.get("estimated_minutes")
            if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 600:
                errors.append(
                    file.error(
                        (*path, "estimated_minutes"),
                        "estimated_minutes must be a whole number from 1 to 600",
                    )
                )
            if lesson.get("slug") in lesson_slugs:
                errors.append(
                    file.error((*path, "slug"), f"lesson slug {lesson['slug']!r} is used twice")
                )
            lesson_slugs.add(lesson.get("slug"))
        if "quiz" in module:
            errors += _check_quiz(file, module["quiz"], ("quiz",), principles)
    return errors


# Writing.


def _quiz_minutes(quiz: dict | None) -> int:
    return quiz_data(quiz)["estimated_minutes"] if quiz else 0


def _quiz_sync(*, quiz: Quiz, data: dict, report: ImportReport, now: datetime) -> None:
    """Publishes a new version only when the content differs from the published one."""
    published = quiz.versions.filter(status=VersionStatus.PUBLISHED).first()
    if published and version_data(published) == quiz_data(data):
        report.quizzes_unchanged.append(quiz.title)
        return
    quiz_version_publish(version=quiz_version_build(quiz=quiz, data=data), now=now)
    report.quizzes_published.append(quiz.title)


@transaction.atomic
def course_import(*, folder: Path, now: datetime | None = None) -> ImportReport:
    """Loads a course folder, all or nothing. Raises ``CourseImportError`` with every problem."""
    now = now or timezone.now()
    course_file, module_files = course_files_read(folder)
    errors = check_course_files(course_file, module_files)
    if errors:
        raise CourseImportError(errors)

    data = course_file.data
    minutes = _quiz_minutes(data.get("post_test")) + sum(
        sum(lesson["estimated_minutes"] for lesson in file.data["lessons"])
        + _quiz_minutes(file.data.get("quiz"))
        for file in module_files
    )
    course, created = Course.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "title": data["title"],
            "summary": data["summary"].strip(),
            "objectives": list(data["objectives"]),
            "level": data["level"],
            "professions": list(data["professions"]),
            "is_ethics": bool(data.get("ethics", True)),
            "ce_hours": ce_hours_from_minutes(minutes),
            "pass_mark": quiz_data(data.get("post_test") or {"pass_mark": 80})["pass_mark"],
            "evaluation": [dict(item) for item in data.get("evaluation") or []],
            "status": ContentStatus.PUBLISHED,
        },
    )
    report = ImportReport(course=course, created=created)

    stale = course.modules.exclude(slug__in=[file.data["slug"] for file in module_files])
    if stale.filter(quiz__attempts__isnull=False).exists():
        kept = ", ".join(stale.values_list("slug", flat=True))
        raise CourseImportError(
            [course_file.error((), f"modules {kept} have quiz attempts but are not in the files")]
        )
    stale.delete()
    Module.objects.filter(course=course).update(position=F("position") + POSITION_OFFSET)
    for position, file in enumerate(module_files, start=1):
        _module_import(course=course, position=position, data=file.data, report=report, now=now)
    if "post_test" in data:
        quiz, _ = Quiz.objects.get_or_create(
            course=course, defaults={"title": data["post_test"]["title"]}
        )
        _quiz_sync(quiz=quiz, data=data["post_test"], report=report, now=now)
    return report


def _module_import(*, course, position, data, report, now) -> Module:
    lessons = data["lessons"]
    module, _ = Module.objects.update_or_create(
        course=course,
        slug=data["slug"],
        defaults={
            "position": position,
            "title": data["title"],
            "summary": data["summary"].strip(),
            "objectives": list(data["objectives"]),
            "estimated_minutes": sum(lesson["estimated_minutes"] for lesson in lessons)
            + _quiz_minutes(data.get("quiz")),
        },
    )
    module.lessons.exclude(slug__in=[lesson["slug"] for lesson in lessons]).delete()
    Lesson.objects.filter(module=module).update(position=F("position") + POSITION_OFFSET)
    existing = {lesson.slug: lesson for lesson in module.lessons.all()}
    for lesson_position, item in enumerate(lessons, start=1):
        lesson = existing.get(item["slug"]) or Lesson(module=module, slug=item["slug"])
        lesson.position = lesson_position
        lesson.title = item["title"]
        lesson.body = item["body"]
        lesson.key_points = list(item.get("key_points") or [])
        lesson.references = list(item.get("references") or [])
        lesson.estimated_minutes = item["estimated_minutes"]
        lesson_save(lesson=lesson)
    if "quiz" in data:
        quiz, _ = Quiz.objects.get_or_create(
            module=module, defaults={"title": data["quiz"]["title"]}
        )
        _quiz_sync(quiz=quiz, data=data["quiz"], report=report, now=now)
    return module
