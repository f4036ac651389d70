from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("courses/", include("modules.urls")),
    path("quizzes/", include("quizzes.urls")),
    path("admin/", admin.site.urls),
]
