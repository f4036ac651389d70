from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Cohort, Profession, User
from accounts.roles import CONTENT_ADMIN, SUPERVISOR, TRAINEE, role_grant
from modules.course_import import course_import
from modules.models import CourseAssignment

DEMO_PASSWORD = "boundaries-demo"
BUNDLED_COURSE = settings.BASE_DIR / "content" / "therapeutic-boundaries"

DEMO_ACCOUNTS = [
    # username, name on certificates, profession, roles
    ("trainee", "Alex Morgan, LPC", Profession.COUNSELLOR, [TRAINEE]),
    ("supervisor", "Dr Sam Rivera", Profession.PSYCHOLOGIST, [TRAINEE, SUPERVISOR]),
    ("author", "Jordan Lee, LCSW", Profession.SOCIAL_WORKER, [TRAINEE, CONTENT_ADMIN]),
]


class Command(BaseCommand):
    help = "Creates the demo accounts and loads the bundled course. Safe to run again."

    def handle(self, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password: it runs only with "
                "DJANGO_DEBUG=1."
            )
        with transaction.atomic():
            users = {}
            for username, name, profession, roles in DEMO_ACCOUNTS:
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "email": f"{username}@example.com",
                        "certificate_name": name,
                        "profession": profession,
                    },
                )
                if created:
                    user.set_password(DEMO_PASSWORD)
                    user.save()
                for role in roles:
                    role_grant(user=user, role=role)
                users[username] = user
            cohort, _ = Cohort.objects.get_or_create(name="Demo practice associates")
            cohort.supervisors.add(users["supervisor"])
            cohort.trainees.add(users["trainee"], users["author"])
            course = course_import(folder=BUNDLED_COURSE).course
            # The demo trainee meets the course as her supervisor assigned it, due in a month.
            CourseAssignment.objects.get_or_create(
                cohort=cohort,
                course=course,
                defaults={"due_on": timezone.localdate() + timedelta(days=30)},
            )
        self.stdout.write(f"Course loaded: {course.title} ({course.ce_hours} CE hours).")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(
            "Log in at http://127.0.0.1:8000/accounts/login/ as trainee, supervisor or author, "
            f"password {DEMO_PASSWORD}"
        )
