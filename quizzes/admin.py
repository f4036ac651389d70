"""Quizzes in Django admin: content admins read every version and edit drafts only.

A published or retired version, and everything in it, is view-only here: editing starts with
the "make an editable draft" action, and the "publish" action validates the draft and retires
the version it replaces (``quizzes.authoring``). Attempts are trainees' records, for superusers
to look up; nobody edits them here.
"""

from django.contrib import admin, messages
from django.utils.html import format_html

from core.markdown import render_markdown
from modules.admin import AuthoringPermissions

from .authoring import QuizNotPublishable, quiz_version_draft_from, quiz_version_publish
from .models import (
    Attempt,
    AttemptSlot,
    BranchChoice,
    BranchStep,
    Choice,
    Principle,
    Question,
    Quiz,
    QuizVersion,
    VersionStatus,
)


class DraftContent(AuthoringPermissions):
    """Editable only while its version is a draft. ``version_path`` leads from the object (an
    inline's parent) to its version."""

    version_path: tuple[str, ...] = ()

    def is_draft(self, obj):
        if obj is None:
            return True
        version = obj
        for name in self.version_path:
            version = getattr(version, name)
        return version.status == VersionStatus.DRAFT

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.is_draft(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.is_draft(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.is_draft(obj)


@admin.register(Principle)
class PrincipleAdmin(AuthoringPermissions, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}


class VersionInline(AuthoringPermissions, admin.TabularInline):
    model = QuizVersion
    fields = ("number", "status", "pass_mark", "published_at", "retired_at")
    readonly_fields = fields
    show_change_link = True
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False  # versions come from the "make an editable draft" action

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Quiz)
class QuizAdmin(AuthoringPermissions, admin.ModelAdmin):
    list_display = ("title", "module", "course", "created_at")
    list_select_related = ("module__course", "course")
    search_fields = ("title", "module__title", "course__title")
    fields = ("title", "module", "course")
    inlines = (VersionInline,)


class QuestionInline(DraftContent, admin.TabularInline):
    model = Question
    fields = ("position", "kind", "title", "marks", "required")
    show_change_link = True
    extra = 0


@admin.register(QuizVersion)
class QuizVersionAdmin(DraftContent, admin.ModelAdmin):
    list_display = ("quiz", "number", "status", "pass_mark", "grading_method", "published_at")
    list_filter = ("status", "grading_method", "feedback_mode")
    list_select_related = ("quiz",)
    search_fields = ("quiz__title",)
    readonly_fields = ("quiz", "number", "status", "published_at", "retired_at")
    fieldsets = (
        (None, {"fields": ("quiz", "number", "status", "published_at", "retired_at")}),
        (
            "Settings",
            {
                "fields": (
                    ("pass_mark", "max_attempts", "grading_method"),
                    ("shuffle_questions", "shuffle_choices", "pool_size"),
                    ("time_limit_minutes", "estimated_minutes"),
                    ("feedback_mode", "review_option"),
                )
            },
        ),
    )
    inlines = (QuestionInline,)
    actions = ("make_draft", "publish")

    def has_add_permission(self, request, obj=None):
        return False  # versions come from the "make an editable draft" action

    @admin.action(description="Make an editable draft from the selected version")
    def make_draft(self, request, queryset):
        for version in queryset.select_related("quiz"):
            draft = quiz_version_draft_from(version=version)
            self.message_user(
                request, f"{draft.quiz}: draft version {draft.number} is ready to edit."
            )

    @admin.action(description="Publish the selected drafts (retires the current versions)")
    def publish(self, request, queryset):
        for version in queryset.select_related("quiz"):
            try:
                published = quiz_version_publish(version=version)
            except QuizNotPublishable as error:
                self.message_user(
                    request, f"{version.quiz} v{version.number}: {error}", messages.ERROR
                )
            else:
                self.message_user(request, f"{published.quiz}: version {published.number} is live.")


class ChoiceInline(DraftContent, admin.StackedInline):
    model = Choice
    version_path = ("version",)
    fields = (("position", "is_correct", "principle"), "text", "rationale", "references")
    extra = 0


class BranchStepInline(DraftContent, admin.TabularInline):
    model = BranchStep
    version_path = ("version",)
    fields = ("position", "key", "is_ending", "ending_score")
    show_change_link = True
    extra = 0


@admin.register(Question)
class QuestionAdmin(DraftContent, admin.ModelAdmin):
    version_path = ("version",)
    list_display = ("title", "kind", "version", "position", "marks")
    list_filter = ("kind", "version__status")
    list_select_related = ("version__quiz",)
    search_fields = ("title", "prompt", "vignette")
    fields = (
        "version",
        ("position", "kind", "marks", "required"),
        "title",
        "vignette",
        "prompt",
        "rubric",
        "code_rules",
        "start_step_key",
    )
    inlines = (ChoiceInline, BranchStepInline)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":  # questions are added to drafts only
            kwargs["queryset"] = QuizVersion.objects.filter(status=VersionStatus.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.vignette_html = render_markdown(obj.vignette)
        super().save_model(request, obj, form, change)


class BranchChoiceInline(DraftContent, admin.StackedInline):
    model = BranchChoice
    fk_name = "step"
    version_path = ("question", "version")
    fields = (
        ("position", "principle", "next_step"),
        "text",
        "consequence",
        "rationale",
        "references",
    )
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and "next_step" in formset.form.base_fields:
            # A choice leads to a step of the same scenario.
            formset.form.base_fields["next_step"].queryset = BranchStep.objects.filter(
                question_id=obj.question_id
            )
        return formset


@admin.register(BranchStep)
class BranchStepAdmin(DraftContent, admin.ModelAdmin):
    """Reached from its question's steps; not listed on the admin index."""

    version_path = ("question", "version")
    fields = (
        "question",
        ("position", "key"),
        "text",
        ("is_ending", "ending_score"),
        "debrief",
    )
    readonly_fields = ("question",)
    inlines = (BranchChoiceInline,)

    def get_model_perms(self, request):
        return {}

    def save_model(self, request, obj, form, change):
        obj.text_html = render_markdown(obj.text)
        super().save_model(request, obj, form, change)


class AttemptSlotInline(admin.TabularInline):
    model = AttemptSlot
    fields = ("position", "question_title", "response", "mark", "max_mark", "graded_by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description="question")
    def question_title(self, slot):
        return slot.snapshot["title"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """Trainees' records, for superusers to look up. Never edited: a regrade replays them."""

    list_display = ("user", "quiz", "number", "status", "score_display", "submitted_at")
    list_filter = ("status", "passed", "quiz")
    list_select_related = ("user", "quiz")
    search_fields = ("user__username", "user__certificate_name", "quiz__title")
    date_hierarchy = "started_at"
    inlines = (AttemptSlotInline,)

    @admin.display(description="score", ordering="percent")
    def score_display(self, attempt):
        if attempt.percent is None:
            return "–"
        return format_html(
            "{}% ({})", attempt.percent, "passed" if attempt.passed else "not passed"
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
