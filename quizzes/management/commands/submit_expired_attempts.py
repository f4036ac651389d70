from django.core.management.base import BaseCommand

from quizzes.services import attempts_submit_expired


class Command(BaseCommand):
    help = (
        "Submits every attempt whose time limit has ended, with its saved answers. Pages do this "
        "for their viewer; run it from cron (every few minutes) so supervisors see the results "
        "without waiting for the trainee to come back."
    )

    def handle(self, **options):
        submitted = attempts_submit_expired()
        self.stdout.write(f"Submitted {submitted} expired attempt{'' if submitted == 1 else 's'}.")
