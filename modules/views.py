"""Course pages. Each view checks access, calls one service or selector, and renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from .selectors import (
    catalogue,
    course_access,
    course_overview,
    enrolment_get,
    lesson_access,
    lesson_page,
    lesson_readable,
)
from .services import (
    EnrolmentError,
    enrolment_create,
    enrolment_withdraw,
    lesson_complete,
    lesson_open,
)


@require_safe
def course_list(request):
    return render(request, "modules/course_list.html", {"catalogue": catalogue(user=request.user)})


@require_safe
def course_detail(request, slug):
    course = course_access(user=request.user, slug=slug)
    overview = course_overview(user=request.user, course=course)
    return render(request, "modules/course_detail.html", {"overview": overview})


@login_required
@require_POST
def course_enrol(request, slug):
    course = course_access(user=request.user, slug=slug)
    try:
        enrolment_create(user=request.user, course=course)
    except EnrolmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"You’re enrolled in “{course.title}”.")
    return redirect(course)


@login_required
@require_POST
def course_unenrol(request, slug):
    course = course_access(user=request.user, slug=slug)
    if enrolment_withdraw(user=request.user, course=course) is not None:
        messages.info(
            request,
            f"You have left “{course.title}”. Your progress is kept if you enrol again.",
        )
    return redirect(course)


@login_required
@require_safe
def lesson_detail(request, slug, module_slug, lesson_slug):
    lesson = lesson_access(
        user=request.user, slug=slug, module_slug=module_slug, lesson_slug=lesson_slug
    )
    course = lesson.module.course
    enrolment = enrolment_get(user=request.user, course=course)
    if not lesson_readable(user=request.user, course=course, enrolment=enrolment):
        messages.info(request, "Enrol in this course to read its lessons.")
        return redirect(course)
    # The one write a GET makes: an enrolled trainee's reading (seat time, where to resume).
    # A content admin's preview of an unpublished course is not reading.
    if course.is_published and enrolment is not None and enrolment.is_active:
        lesson_open(enrolment=enrolment, lesson=lesson)
    page = lesson_page(user=request.user, lesson=lesson)
    return render(request, "modules/lesson_detail.html", {"page": page})


@login_required
@require_POST
def lesson_mark_complete(request, slug, module_slug, lesson_slug):
    lesson = lesson_access(
        user=request.user, slug=slug, module_slug=module_slug, lesson_slug=lesson_slug
    )
    try:
        lesson_complete(user=request.user, lesson=lesson)
    except EnrolmentError as error:
        messages.error(request, str(error))
        return redirect(lesson.module.course)
    messages.success(request, f"“{lesson.title}” is complete.")
    return redirect(lesson)
