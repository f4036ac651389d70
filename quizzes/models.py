"""Quizzes, their immutable published versions, and the attempts taken on them.

A ``Quiz`` is the lasting identity (the quiz of a module, or a course's post-test). Its content
and settings live on ``QuizVersion``: a published version is never edited; editing makes a new
draft, and publishing it retires the old one. An ``Attempt`` pins the version it was taken on,
and each ``AttemptSlot`` keeps a snapshot of what its review needs, so editing or retiring
content never changes a past score or review (as Moodle's question engine does).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class Principle(models.Model):
    """An ethical principle that choices are tagged with (a managed list)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Quiz(models.Model):
    module = models.OneToOneField(
        "modules.Module", null=True, blank=True, on_delete=models.CASCADE, related_name="quiz"
    )
    course = models.OneToOneField(
        "modules.Course",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="post_test",
        help_text="Set for a course's post-test, instead of a module.",
    )
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "quizzes"
        constraints = [
            models.CheckConstraint(
                condition=Q(module__isnull=False, course__isnull=True)
                | Q(module__isnull=True, course__isnull=False),
                name="quizzes_quiz_module_xor_course",
                violation_error_message="A quiz belongs to a module or is a course's post-test.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("quizzes:quiz_detail", kwargs={"quiz_id": self.pk})

    @property
    def is_post_test(self):
        return self.course_id is not None

    @property
    def parent_course(self):
        """The course the quiz belongs to: directly (a post-test) or through its module."""
        return self.course if self.is_post_test else self.module.course


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", "Highest grade"
    LAST = "last", "Last attempt"
    FIRST = "first", "First attempt"
    AVERAGE = "average", "Average of attempts"


class FeedbackMode(models.TextChoices):
    IMMEDIATE = "immediate", "Immediate: after each question"
    DEFERRED = "deferred", "Deferred: after submitting"


class ReviewOption(models.TextChoices):
    ALWAYS = "always", "After submitting"
    AFTER_PASSING = "after_passing", "Only after passing"
    NEVER = "never", "Never"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class QuizVersion(models.Model):
    """The content and settings of a quiz at one time. Published versions are immutable."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    pass_mark = models.PositiveSmallIntegerField(
        "pass mark (%)", default=70, validators=[MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(default=0, help_text="0 means unlimited.")
    grading_method = models.CharField(
        max_length=20, choices=GradingMethod.choices, default=GradingMethod.HIGHEST
    )
    shuffle_questions = models.BooleanField(default=False)
    shuffle_choices = models.BooleanField(default=True)
    time_limit_minutes = models.PositiveSmallIntegerField(default=0, help_text="0 means none.")
    feedback_mode = models.CharField(
        max_length=20, choices=FeedbackMode.choices, default=FeedbackMode.IMMEDIATE
    )
    review_option = models.CharField(
        "show answers and rationales",
        max_length=20,
        choices=ReviewOption.choices,
        default=ReviewOption.ALWAYS,
    )
    pool_size = models.PositiveSmallIntegerField(
        default=0, help_text="Questions drawn per attempt; 0 means every question."
    )
    estimated_minutes = models.PositiveSmallIntegerField(default=10)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["quiz", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "number"], name="quizzes_version_number"),
            models.UniqueConstraint(
                fields=["quiz"],
                condition=Q(status=VersionStatus.PUBLISHED),
                name="quizzes_one_published_version",
            ),
            models.UniqueConstraint(
                fields=["quiz"],
                condition=Q(status=VersionStatus.DRAFT),
                name="quizzes_one_draft_version",
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__lte=100), name="quizzes_version_pass_mark_percent"
            ),
        ]

    def __str__(self):
        return f"{self.quiz} v{self.number} ({self.get_status_display()})"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple response"
    TRUE_FALSE = "true_false", "True or false"
    FREE_TEXT = "free_text", "Free-text justification"
    BRANCHING = "branching", "Branching scenario"


class Question(models.Model):
    """A scenario question: a vignette, a prompt, and choices or steps."""

    version = models.ForeignKey(QuizVersion, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    title = models.CharField(max_length=200)
    vignette = models.TextField(blank=True, help_text="Markdown: the situation.")
    vignette_html = models.TextField(blank=True, editable=False)
    prompt = models.TextField()
    marks = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(0)]
    )
    required = models.BooleanField(
        default=True, help_text="The trainee must answer it before submitting the attempt."
    )
    rubric = models.TextField(blank=True, help_text="Free text: what a full-mark answer covers.")
    code_rules = models.JSONField(
        default=dict, blank=True, help_text="Profession key → what that profession's code says."
    )
    start_step_key = models.SlugField(blank=True, help_text="Branching: the first step's key.")

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="quizzes_question_position"
            ),
            models.CheckConstraint(
                condition=Q(marks__gt=0), name="quizzes_question_marks_positive"
            ),
        ]

    def __str__(self):
        return self.title


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    is_correct = models.BooleanField(default=False)
    rationale = models.TextField()
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="+")
    references = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "position"], name="quizzes_choice_position"
            ),
        ]

    def __str__(self):
        return self.text[:80]


class BranchStep(models.Model):
    """A step of a branching scenario: a situation with choices, or an ending."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    key = models.SlugField()
    text = models.TextField(blank=True, help_text="Markdown: the situation at this step.")
    text_html = models.TextField(blank=True, editable=False)
    is_ending = models.BooleanField(default=False)
    ending_score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Endings: percent of the question's marks."
    )
    debrief = models.TextField(blank=True)

    class Meta:
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "key"], name="quizzes_step_key"),
            models.UniqueConstraint(fields=["question", "position"], name="quizzes_step_position"),
            models.CheckConstraint(
                condition=Q(is_ending=False, ending_score__isnull=True)
                | Q(is_ending=True, ending_score__isnull=False, ending_score__lte=100),
                name="quizzes_step_ending_score",
            ),
        ]

    def __str__(self):
        return self.key


class BranchChoice(models.Model):
    step = models.ForeignKey(BranchStep, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    consequence = models.TextField()
    rationale = models.TextField()
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="+")
    references = models.JSONField(default=list, blank=True)
    next_step = models.ForeignKey(BranchStep, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["step", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "position"], name="quizzes_branch_choice_position"
            ),
        ]

    def __str__(self):
        return self.text[:80]


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted: awaiting grading"
    GRADED = "graded", "Graded"


class Attempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    version = models.ForeignKey(QuizVersion, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveIntegerField(help_text="1 for the trainee's first attempt at the quiz.")
    status = models.CharField(
        max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True, help_text="When a time limit ends it.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    pass_mark = models.PositiveSmallIntegerField(help_text="The version's pass mark, kept.")
    max_score = models.DecimalField(max_digits=7, decimal_places=2)
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["user", "quiz", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(status=AttemptStatus.IN_PROGRESS),
                name="quizzes_one_attempt_in_progress",
                violation_error_message="You already have an attempt in progress on this quiz.",
            ),
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="quizzes_attempt_number"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=F("max_score")),
                name="quizzes_attempt_score_in_range",
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="quizzes_attempt_percent_in_range",
            ),
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(deadline__gt=F("started_at")),
                name="quizzes_attempt_deadline_after_start",
            ),
            # The status and the facts that go with it cannot drift apart.
            models.CheckConstraint(
                condition=Q(status=AttemptStatus.IN_PROGRESS, submitted_at__isnull=True)
                | Q(status=AttemptStatus.SUBMITTED, submitted_at__isnull=False, score__isnull=True)
                | Q(
                    status=AttemptStatus.GRADED,
                    submitted_at__isnull=False,
                    graded_at__isnull=False,
                    score__isnull=False,
                    percent__isnull=False,
                    passed__isnull=False,
                ),
                name="quizzes_attempt_status_facts",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz} · attempt {self.number}"

    @property
    def is_in_progress(self):
        return self.status == AttemptStatus.IN_PROGRESS

    def is_expired(self, now):
        """True once the time limit has ended an attempt that is still open."""
        return self.is_in_progress and self.deadline is not None and now >= self.deadline


class AttemptSlot(models.Model):
    """One question of an attempt: the snapshot its review needs, the raw answer, the mark.

    ``snapshot`` is copied from the question when the attempt starts (in the order shown,
    choices shuffled or not), so the review never depends on today's question. ``response`` is
    the trainee's raw answer, kept apart from the ``mark`` grading computed from it.
    """

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    snapshot = models.JSONField()
    max_mark = models.DecimalField(max_digits=5, decimal_places=2)
    response = models.JSONField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    is_final = models.BooleanField(
        default=False, help_text="The answer is locked; its feedback may be shown."
    )
    mark = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    needs_manual_grading = models.BooleanField(
        default=False, help_text="Awaiting a supervisor's mark (a submitted free-text answer)."
    )
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    graded_at = models.DateTimeField(null=True, blank=True)
    grader_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="quizzes_slot_position"),
            models.CheckConstraint(
                condition=Q(mark__isnull=True) | Q(mark__gte=0, mark__lte=F("max_mark")),
                name="quizzes_slot_mark_in_range",
            ),
            models.CheckConstraint(
                condition=Q(needs_manual_grading=False) | Q(mark__isnull=True),
                name="quizzes_slot_awaiting_grading_has_no_mark",
            ),
            models.CheckConstraint(
                condition=Q(graded_at__isnull=True) | Q(mark__isnull=False),
                name="quizzes_slot_hand_grade_has_mark",
            ),
        ]

    def __str__(self):
        return f"{self.attempt} · Q{self.position}"
