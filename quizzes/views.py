"""Pages for taking quizzes, reviewing attempts and grading free-text answers.

A view checks permission through an ``access_*`` selector, validates its form, calls one
service, and renders or redirects. ``NotFound`` becomes a 404, any other ``QuizError`` a
message on the page. Everything works with plain form posts: no JavaScript is needed.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from . import selectors, services
from .errors import AttemptClosed, NotFound, QuizError
from .forms import GradeForm, answer_form
from .models import QuestionKind


class NotFoundAs404Mixin:
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error)) from error


class QuizDetailView(LoginRequiredMixin, NotFoundAs404Mixin, View):
    """The quiz's start page: settings, attempts used and left, history, start or resume."""

    def get(self, request, quiz_id):
        services.attempts_submit_expired(user=request.user)
        page = selectors.quiz_page(user=request.user, quiz_id=quiz_id)
        return render(request, "quizzes/quiz_detail.html", {"page": page})


class AttemptStartView(LoginRequiredMixin, NotFoundAs404Mixin, View):
    def post(self, request, quiz_id):
        page = selectors.quiz_page(user=request.user, quiz_id=quiz_id)
        try:
            attempt = services.attempt_start(user=request.user, quiz=page.quiz)
        except QuizError as error:
            messages.error(request, str(error))
            return redirect(page.quiz)
        return redirect("quizzes:attempt_resume", attempt_id=attempt.pk)


class OpenAttemptMixin(LoginRequiredMixin, NotFoundAs404Mixin):
    """For the pages of an attempt being taken: the owner's own, still open.

    An attempt whose time limit has ended is submitted here with its saved answers, so the
    limit holds on the server whatever the browser does.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.attempt = selectors.access_attempt_for_owner(
                user=request.user, attempt_id=kwargs["attempt_id"]
            )
        except NotFound as error:
            raise Http404(str(error)) from error
        if self.attempt.is_expired(timezone.now()):
            services.attempt_submit(user=request.user, attempt_id=self.attempt.pk)
            late = (
                "; the answer you just sent arrived too late." if request.method == "POST" else "."
            )
            messages.warning(
                request,
                "Time is up. Your attempt was submitted with the answers saved before the time "
                f"limit ended{late}",
            )
            return redirect("quizzes:attempt_review", attempt_id=self.attempt.pk)
        if not self.attempt.is_in_progress:
            return redirect("quizzes:attempt_review", attempt_id=self.attempt.pk)
        return super().dispatch(request, *args, **kwargs)


class AttemptResumeView(OpenAttemptMixin, View):
    def get(self, request, attempt_id):
        position = selectors.attempt_resume_position(attempt=self.attempt)
        return redirect("quizzes:attempt_question", attempt_id=attempt_id, position=position)


class AttemptQuestionView(OpenAttemptMixin, View):
    """One question of the attempt. The answer form posts here; its buttons say where to go
    next (``go``: a question number or ``finish``), or ``check`` the answer for feedback."""

    template_name = "quizzes/attempt_question.html"

    def get(self, request, attempt_id, position):
        page = self.page(position)
        return self.render(page, self.form(page))

    def post(self, request, attempt_id, position):
        page = self.page(position)
        form = self.form(page, data=request.POST)
        if form is None:  # a stale tab posting to an answer made final meanwhile
            messages.error(request, "That answer is final and can no longer change.")
            return redirect("quizzes:attempt_question", attempt_id=attempt_id, position=position)
        if not form.is_valid():
            return self.render(page, form)
        try:
            self.save(page, form)
        except AttemptClosed as error:
            messages.error(request, str(error))
            return redirect("quizzes:attempt_resume", attempt_id=attempt_id)
        except QuizError as error:
            messages.error(request, str(error))
            return redirect("quizzes:attempt_question", attempt_id=attempt_id, position=position)
        return redirect(self.next_url(page))

    def page(self, position):
        return selectors.attempt_question_page(
            attempt=self.attempt,
            position=position,
            now=timezone.now(),
            profession=self.request.user.profession,
        )

    def form(self, page, data=None):
        """The answer form, or ``None`` once the answer is final."""
        if page.slot.is_final:
            return None
        return answer_form(slot=page.slot, data=data)

    def save(self, page, form):
        arguments = {
            "user": self.request.user,
            "attempt_id": self.attempt.pk,
            "position": page.slot.position,
        }
        if page.view.kind == QuestionKind.BRANCHING:
            services.attempt_branch_choose(
                **arguments, choice_key=form.cleaned_data["choice"], step=form.cleaned_data["step"]
            )
        elif "check" in self.request.POST:
            services.attempt_slot_finalise(**arguments, response=form.response())
        else:
            services.attempt_slot_save(**arguments, response=form.response())

    def next_url(self, page):
        go = self.request.POST.get("go", "")
        if "check" in self.request.POST or page.view.kind == QuestionKind.BRANCHING:
            go = str(page.slot.position)
        if go == "finish":
            return self.attempt_url("quizzes:attempt_finish")
        if go.isdigit() and 1 <= int(go) <= len(page.nav):
            return self.attempt_url("quizzes:attempt_question", position=int(go))
        return self.attempt_url("quizzes:attempt_question", position=page.slot.position)

    def attempt_url(self, name, **kwargs):
        return reverse(name, kwargs={"attempt_id": self.attempt.pk, **kwargs})

    def render(self, page, form):
        # Moving to another question saves the answer, except a scenario's step: its
        # decisions save as they are taken, and an undecided step has nothing to save.
        saves = form is not None and page.view.kind != QuestionKind.BRANCHING
        return render(
            self.request, self.template_name, {"page": page, "form": form, "saves": saves}
        )


class AttemptFinishView(OpenAttemptMixin, View):
    """Lists what is answered and submits the attempt. Submitting twice grades once."""

    def get(self, request, attempt_id):
        page = selectors.attempt_finish_page(attempt=self.attempt, now=timezone.now())
        return render(request, "quizzes/attempt_finish.html", {"page": page})

    def post(self, request, attempt_id):
        try:
            services.attempt_submit(user=request.user, attempt_id=attempt_id)
        except QuizError as error:
            messages.error(request, str(error))
            return redirect("quizzes:attempt_finish", attempt_id=attempt_id)
        messages.success(request, "Your attempt has been submitted.")
        return redirect("quizzes:attempt_review", attempt_id=attempt_id)


class AttemptReviewView(LoginRequiredMixin, NotFoundAs404Mixin, View):
    """The results: score, pass or fail, and feedback per question as the quiz allows.
    The trainee's own, or a trainee's of a cohort the viewer supervises."""

    def get(self, request, attempt_id):
        review = selectors.attempt_review(viewer=request.user, attempt_id=attempt_id)
        if review.attempt.is_in_progress:
            return redirect("quizzes:attempt_resume", attempt_id=attempt_id)
        return render(request, "quizzes/attempt_review.html", {"review": review})


class SupervisionView(PermissionRequiredMixin, View):
    permission_required = selectors.SUPERVISE_PERMISSION

    def get(self, request):
        page = selectors.supervision_page(supervisor=request.user)
        return render(request, "quizzes/supervision.html", {"page": page})


class SlotGradeView(PermissionRequiredMixin, NotFoundAs404Mixin, View):
    """A supervisor reads a free-text answer against the rubric and gives a mark."""

    permission_required = selectors.SUPERVISE_PERMISSION
    template_name = "quizzes/slot_grade.html"

    def get(self, request, slot_id):
        page = selectors.slot_grading_page(grader=request.user, slot_id=slot_id)
        return self.render(page, GradeForm(slot=page.slot))

    def post(self, request, slot_id):
        page = selectors.slot_grading_page(grader=request.user, slot_id=slot_id)
        form = GradeForm(request.POST, slot=page.slot)
        if not form.is_valid():
            return self.render(page, form)
        try:
            services.slot_grade_manually(
                grader=request.user,
                slot_id=slot_id,
                mark=form.cleaned_data["mark"],
                comment=form.cleaned_data["comment"],
            )
        except NotFound:
            raise  # a 404, from the mixin
        except QuizError as error:
            messages.error(request, str(error))
            return self.render(page, form)
        messages.success(request, f"Mark saved for {page.slot.attempt.user.display_name}.")
        return redirect("quizzes:supervision")

    def render(self, page, form):
        return render(self.request, self.template_name, {"page": page, "form": form})
