import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower


class Profession(models.TextChoices):
    PSYCHOLOGIST = "psychologist", "Psychologist"
    COUNSELLOR = "counsellor", "Counsellor"
    SOCIAL_WORKER = "social_worker", "Social worker"
    MFT = "mft", "Marriage and family therapist"
    STUDENT = "student", "Student or trainee"
    OTHER = "other", "Other"


TIME_ZONE_CHOICES = [
    (name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())
]


class User(AbstractUser):
    """A person who uses Boundaries. What they may do comes from their role groups."""

    email = models.EmailField("e-mail address", blank=True)
    certificate_name = models.CharField(
        "name on certificates",
        max_length=150,
        blank=True,
        help_text="Exactly as it should appear on your certificates, e.g. “Dr Jane A. Smith”.",
    )
    profession = models.CharField(
        max_length=20, choices=Profession.choices, default=Profession.OTHER
    )
    licence_number = models.CharField("licence number", max_length=50, blank=True)
    licence_jurisdiction = models.CharField(
        "licensing jurisdiction",
        max_length=100,
        blank=True,
        help_text="The state, province or country that issued your licence.",
    )
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
                violation_error_message="An account with this e-mail address already exists.",
            ),
        ]
        permissions = [
            ("supervise_trainees", "Can review the trainees of their own cohorts"),
            ("author_content", "Can write, preview and publish course content"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.certificate_name or self.get_full_name() or self.username


class Cohort(models.Model):
    """A group of trainees and the supervisors who review their work."""

    name = models.CharField(max_length=120, unique=True)
    supervisors = models.ManyToManyField(User, related_name="supervised_cohorts", blank=True)
    trainees = models.ManyToManyField(User, related_name="cohorts", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
