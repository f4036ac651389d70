from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts.models import Cohort, Profession


class Level(models.TextChoices):
    BEGINNING = "beginning", "Beginning"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class ContentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ContentStatus.PUBLISHED)


class Course(models.Model):
    """A CE course: ordered modules of lessons, a quiz per module and a post-test."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    objectives = models.JSONField(default=list, blank=True, help_text="A list of strings.")
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.INTERMEDIATE)
    professions = models.JSONField(
        default=list, blank=True, help_text=f"Profession keys: {', '.join(Profession.values)}."
    )
    is_ethics = models.BooleanField("counts as ethics CE", default=True)
    ce_hours = models.DecimalField("CE credit hours", max_digits=4, decimal_places=1, default=0)
    pass_mark = models.PositiveSmallIntegerField("post-test pass mark (%)", default=80)
    evaluation = models.JSONField(
        default=list,
        blank=True,
        help_text="The course evaluation's items, asked before the certificate.",
    )
    status = models.CharField(
        max_length=20, choices=ContentStatus.choices, default=ContentStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=0, pass_mark__lte=100),
                name="modules_course_pass_mark_percent",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("modules:course_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == ContentStatus.PUBLISHED

    @property
    def profession_labels(self):
        labels = dict(Profession.choices)
        return [labels[key] for key in self.professions if key in labels]


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField()
    slug = models.SlugField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    objectives = models.JSONField(default=list, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "position"], name="modules_module_position"),
            models.UniqueConstraint(fields=["course", "slug"], name="modules_module_slug"),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField()
    slug = models.SlugField()
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown. Headings start at ##.")
    body_html = models.TextField(editable=False, help_text="Rendered and sanitised from body.")
    key_points = models.JSONField(default=list, blank=True)
    references = models.JSONField(default=list, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(default=10)

    class Meta:
        ordering = ["module", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "position"], name="modules_lesson_position"),
            models.UniqueConstraint(fields=["module", "slug"], name="modules_lesson_slug"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "modules:lesson_detail",
            kwargs={
                "slug": self.module.course.slug,
                "module_slug": self.module.slug,
                "lesson_slug": self.slug,
            },
        )


class Enrolment(models.Model):
    """A trainee's place on a course. Unenrolling keeps the row (and the history)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    enrolled_at = models.DateTimeField()
    unenrolled_at = models.DateTimeField(null=True, blank=True)
    last_lesson = models.ForeignKey(
        Lesson,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where “continue where you left off” goes.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="modules_enrolment_once"),
            models.CheckConstraint(
                condition=models.Q(unenrolled_at__isnull=True)
                | models.Q(unenrolled_at__gte=models.F("enrolled_at")),
                name="modules_enrolment_left_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.user} on {self.course}"

    @property
    def is_active(self):
        return self.unenrolled_at is None


class LessonProgress(models.Model):
    """When a trainee first opened and completed a lesson: seat time is measured from these."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    first_opened_at = models.DateTimeField()
    last_opened_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "lesson progress"
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="modules_progress_once"),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True)
                | models.Q(completed_at__gte=models.F("first_opened_at")),
                name="modules_progress_completed_after_opened",
            ),
            models.CheckConstraint(
                condition=models.Q(last_opened_at__gte=models.F("first_opened_at")),
                name="modules_progress_last_opened_after_first",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson}"


class CourseAssignment(models.Model):
    """A course a cohort's trainees are expected to take, optionally by a date.

    It does not enrol anyone: the dashboard offers the course until the trainee enrols, and
    flags it as overdue once the date has passed without the course being complete.
    """

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="course_assignments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="assignments")
    due_on = models.DateField("due date", null=True, blank=True)
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "course"], name="modules_assignment_once"),
        ]

    def __str__(self):
        return f"{self.course} for {self.cohort}"
