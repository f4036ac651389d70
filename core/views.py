from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from modules.selectors import dashboard


@require_safe
def home(request):
    """The landing page for visitors; the trainee dashboard for everyone signed in."""
    context = {}
    if request.user.is_authenticated:
        # The date in the user's own time zone decides what is overdue.
        context["dashboard"] = dashboard(user=request.user, today=timezone.localdate())
    return render(request, "core/home.html", context)


@never_cache
@require_safe
def healthz(request):
    """For load balancers and uptime checks: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
