from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import Cohort, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            "Professional profile",
            {
                "fields": (
                    "certificate_name",
                    "profession",
                    "licence_number",
                    "licence_jurisdiction",
                    "time_zone",
                )
            },
        ),
    )
    list_display = ("username", "email", "certificate_name", "profession", "is_staff")
    list_filter = (*DjangoUserAdmin.list_filter, "profession")
    search_fields = (*DjangoUserAdmin.search_fields, "certificate_name", "licence_number")


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)
    filter_horizontal = ("supervisors", "trainees")
