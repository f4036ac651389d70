"""Forms for answering a slot and for a supervisor's mark.

Answer forms are built from the slot's snapshot: the options are its choices' opaque keys and
texts, nothing else. They parse the request into a raw response; the services check it again
against the snapshot, under the attempt's lock.
"""

from django import forms
from django.core.validators import MaxValueValidator

from .grading import branch_walk
from .models import QuestionKind

INVALID_CHOICE = "That choice is not part of this question. Choose one of the options shown."


class ChoiceAnswerForm(forms.Form):
    """Single choice and true/false: one radio button per choice."""

    choice = forms.ChoiceField(
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def __init__(self, *args, slot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = _options(slot.snapshot["choices"])
        self.fields["choice"].initial = (slot.response or {}).get("choice")

    def response(self):
        return {"choice": self.cleaned_data["choice"]} if self.cleaned_data["choice"] else None


class MultipleAnswerForm(forms.Form):
    """One checkbox per choice; named like the other kinds' field so templates share it."""

    choice = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def __init__(self, *args, slot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = _options(slot.snapshot["choices"])
        self.fields["choice"].initial = (slot.response or {}).get("choices", [])

    def response(self):
        return {"choices": self.cleaned_data["choice"]} if self.cleaned_data["choice"] else None


class FreeTextAnswerForm(forms.Form):
    text = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-control"}),
        required=False,
        max_length=10_000,
    )

    def __init__(self, *args, slot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].initial = (slot.response or {}).get("text", "")

    def response(self):
        return {"text": self.cleaned_data["text"]} if self.cleaned_data["text"] else None


class BranchDecisionForm(forms.Form):
    """A decision at the step the scenario has reached; ``step`` is how many decisions the page
    showed as taken. A post from an older page (a double click, a second tab) is checked
    against the options that page showed, so the service can say the decision was already
    made rather than apply it to the next step."""

    choice = forms.ChoiceField(
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": "Choose what you do before continuing.",
            "invalid_choice": INVALID_CHOICE,
        },
    )
    step = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, slot, **kwargs):
        super().__init__(*args, **kwargs)
        path = (slot.response or {}).get("path", [])
        shown = len(path)
        if self.is_bound and str(self.data.get("step", "")).isdigit():
            shown = min(int(self.data["step"]), len(path))
        walk = branch_walk(snapshot=slot.snapshot, path=path[:shown])
        self.fields["choice"].choices = _options(walk.current.get("choices", []))
        self.fields["step"].initial = len(path)


ANSWER_FORMS = {
    QuestionKind.SINGLE: ChoiceAnswerForm,
    QuestionKind.TRUE_FALSE: ChoiceAnswerForm,
    QuestionKind.MULTIPLE: MultipleAnswerForm,
    QuestionKind.FREE_TEXT: FreeTextAnswerForm,
    QuestionKind.BRANCHING: BranchDecisionForm,
}


def answer_form(*, slot, data=None):
    return ANSWER_FORMS[slot.snapshot["kind"]](data, slot=slot)


class GradeForm(forms.Form):
    mark = forms.DecimalField(min_value=0, decimal_places=2, max_digits=5)
    comment = forms.CharField(
        label="Comment for the trainee",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5_000,
        help_text="What was good, what was missing, and what to discuss in supervision.",
    )

    def __init__(self, *args, slot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mark"].validators.append(MaxValueValidator(slot.max_mark))
        self.fields["mark"].label = f"Mark (out of {slot.max_mark.normalize():f})"
        self.fields["mark"].widget.attrs["max"] = slot.max_mark
        if slot.mark is not None:
            self.fields["mark"].initial = slot.mark
        self.fields["comment"].initial = slot.grader_comment


def _options(choices):
    return [(choice["key"], choice["text"]) for choice in choices]
