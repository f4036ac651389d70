from django.urls import path

from . import views

app_name = "modules"

lesson = "<slug:slug>/<slug:module_slug>/<slug:lesson_slug>/"

urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("<slug:slug>/", views.course_detail, name="course_detail"),
    path("<slug:slug>/enrol/", views.course_enrol, name="course_enrol"),
    path("<slug:slug>/unenrol/", views.course_unenrol, name="course_unenrol"),
    path(lesson, views.lesson_detail, name="lesson_detail"),
    path(f"{lesson}complete/", views.lesson_mark_complete, name="lesson_complete"),
]
