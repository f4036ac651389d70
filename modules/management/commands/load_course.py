from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from modules.course_import import CourseImportError, course_import


class Command(BaseCommand):
    help = (
        "Loads a course from its YAML folder (docs/content-format.md): all or nothing, and safe "
        "to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="e.g. content/therapeutic-boundaries")

    def handle(self, *, folder, **options):
        try:
            report = course_import(folder=folder)
        except CourseImportError as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.errors)} problem(s) in {folder}; nothing was loaded."
            ) from None
        course = report.course
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Created' if report.created else 'Updated'} course “{course.title}” "
                f"({course.ce_hours} CE hours)."
            )
        )
        if report.quizzes_published:
            self.stdout.write(f"Published new versions of: {', '.join(report.quizzes_published)}.")
        if report.quizzes_unchanged:
            self.stdout.write(f"Unchanged: {len(report.quizzes_unchanged)} quizzes.")
