from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/", views.QuizDetailView.as_view(), name="quiz_detail"),
    path("<int:quiz_id>/start/", views.AttemptStartView.as_view(), name="attempt_start"),
    path("attempts/<int:attempt_id>/", views.AttemptResumeView.as_view(), name="attempt_resume"),
    path(
        "attempts/<int:attempt_id>/questions/<int:position>/",
        views.AttemptQuestionView.as_view(),
        name="attempt_question",
    ),
    path(
        "attempts/<int:attempt_id>/finish/",
        views.AttemptFinishView.as_view(),
        name="attempt_finish",
    ),
    path(
        "attempts/<int:attempt_id>/review/",
        views.AttemptReviewView.as_view(),
        name="attempt_review",
    ),
    path("supervision/", views.SupervisionView.as_view(), name="supervision"),
    path("supervision/answers/<int:slot_id>/", views.SlotGradeView.as_view(), name="slot_grade"),
]
