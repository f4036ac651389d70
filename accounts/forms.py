from django import forms
from django.contrib.auth.forms import UserCreationForm

from .models import User

PROFILE_FIELDS = (
    "certificate_name",
    "email",
    "profession",
    "licence_number",
    "licence_jurisdiction",
    "time_zone",
)


class EmailUniqueMixin:
    """E-mail addresses are unique whatever their case (the database says so too)."""

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and taken.exists():
            raise forms.ValidationError("An account with this e-mail address already exists.")
        return email


class SignUpForm(EmailUniqueMixin, UserCreationForm):
    class Meta:
        model = User
        fields = ("username", *PROFILE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["certificate_name"].required = True
        self.fields["profession"].initial = ""
        self.fields["profession"].choices = [
            ("", "Choose your profession"),
            *User._meta.get_field("profession").choices,
        ]


class ProfileForm(EmailUniqueMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["certificate_name"].required = True
