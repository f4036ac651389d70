from .roles import user_roles


def roles(request):
    """Which areas the navigation shows: ``roles.supervisor``, ``roles.content_admin``..."""
    held = user_roles(request.user)
    return {"roles": dict.fromkeys(held, True)}
