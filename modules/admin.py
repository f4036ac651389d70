from django.contrib import admin

from .models import Course, CourseAssignment, Enrolment, Lesson, LessonProgress, Module
from .services import lesson_save

AUTHOR_CONTENT = "accounts.author_content"


class AuthoringPermissions:
    """Content admins hold one permission, ``author_content``, rather than one per model."""

    def has_module_permission(self, request):
        return request.user.has_perm(AUTHOR_CONTENT)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(AUTHOR_CONTENT)

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(AUTHOR_CONTENT)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(AUTHOR_CONTENT)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(AUTHOR_CONTENT)


class ModuleInline(AuthoringPermissions, admin.TabularInline):
    model = Module
    fields = ("position", "slug", "title", "estimated_minutes")
    prepopulated_fields = {"slug": ("title",)}
    show_change_link = True
    extra = 0


class CourseAssignmentInline(AuthoringPermissions, admin.TabularInline):
    model = CourseAssignment
    fields = ("cohort", "due_on")
    extra = 0


@admin.register(Course)
class CourseAdmin(AuthoringPermissions, admin.ModelAdmin):
    list_display = ("title", "status", "level", "ce_hours", "updated_at")
    list_filter = ("status", "level", "is_ethics")
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "status", "summary", "objectives")}),
        ("Credit and audience", {"fields": ("level", "professions", "is_ethics", "ce_hours")}),
        ("Assessment", {"fields": ("pass_mark", "evaluation")}),
    )
    inlines = (ModuleInline, CourseAssignmentInline)


class LessonInline(AuthoringPermissions, admin.StackedInline):
    model = Lesson
    fields = (
        ("position", "slug", "estimated_minutes"),
        "title",
        "body",
        "key_points",
        "references",
    )
    prepopulated_fields = {"slug": ("title",)}
    show_change_link = True
    extra = 0


@admin.register(Module)
class ModuleAdmin(AuthoringPermissions, admin.ModelAdmin):
    list_display = ("title", "course", "position", "estimated_minutes")
    list_filter = ("course",)
    list_select_related = ("course",)
    search_fields = ("title", "slug", "course__title")
    prepopulated_fields = {"slug": ("title",)}
    fields = ("course", "position", "slug", "title", "summary", "objectives", "estimated_minutes")
    inlines = (LessonInline,)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Lesson:
            return super().save_formset(request, form, formset, change)
        # Inline lessons go through the service too, so their HTML is rendered on save.
        for lesson in formset.save(commit=False):
            lesson_save(lesson=lesson)
        for lesson in formset.deleted_objects:
            lesson.delete()
        formset.save_m2m()
        return None


@admin.register(Lesson)
class LessonAdmin(AuthoringPermissions, admin.ModelAdmin):
    list_display = ("title", "module", "position", "estimated_minutes")
    list_filter = ("module__course",)
    list_select_related = ("module__course",)
    search_fields = ("title", "slug", "body")
    prepopulated_fields = {"slug": ("title",)}
    fields = (
        "module",
        ("position", "slug", "estimated_minutes"),
        "title",
        "body",
        "key_points",
        "references",
    )

    def save_model(self, request, obj, form, change):
        lesson_save(lesson=obj)


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    """Trainees' records: for looking up and correcting, by superusers."""

    list_display = ("user", "course", "enrolled_at", "unenrolled_at")
    list_filter = ("course",)
    list_select_related = ("user", "course")
    search_fields = ("user__username", "user__certificate_name", "course__title")
    raw_id_fields = ("user", "last_lesson")
    date_hierarchy = "enrolled_at"


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ("user", "lesson", "first_opened_at", "completed_at")
    list_filter = ("lesson__module__course",)
    list_select_related = ("user", "lesson")
    search_fields = ("user__username", "user__certificate_name", "lesson__title")
    raw_id_fields = ("user", "lesson")
