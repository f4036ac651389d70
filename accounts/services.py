from django.db import transaction

from .roles import TRAINEE, role_grant


@transaction.atomic
def user_sign_up(*, form):
    """Creates the account from a valid sign-up form; everyone starts as a trainee."""
    user = form.save()
    role_grant(user=user, role=TRAINEE)
    return user
