from django.urls import include, path

from . import views

urlpatterns = [
    path("sign-up/", views.SignUpView.as_view(), name="sign_up"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    # log-in, log-out, password change and reset, with our templates in templates/registration/
    path("", include("django.contrib.auth.urls")),
]
