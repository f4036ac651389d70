"""The managed list of ethical principles that choices are tagged with."""

from django.db import migrations

PRINCIPLES = [
    ("objectivity", "Objectivity and clinical judgement",
     "A second relationship, or the therapist's own needs, cloud the judgement the client relies on."),
    ("exploitation-risk", "Exploitation risk",
     "The therapist's power and knowledge of the client make it easy to benefit at the client's expense."),
    ("client-welfare", "Client welfare",
     "Decisions serve the client's wellbeing and the goals of treatment first."),
    ("confidentiality", "Confidentiality",
     "What the client shares, and the fact of being a client, stay private unless they consent or the law requires."),
    ("informed-consent", "Informed consent",
     "The client understands and agrees to the terms, limits and risks of the work."),
    ("self-disclosure-purpose", "Purpose of self-disclosure",
     "A disclosure is made only when it serves the client, briefly, and returns the focus to them."),
    ("post-termination", "Post-termination rules",
     "What the codes allow, and for how long they forbid it, once therapy has ended."),
    ("competence", "Competence and consultation",
     "Knowing one's limits and seeking consultation, supervision or personal therapy."),
    ("power-imbalance", "Power imbalance",
     "The asymmetry of the relationship and the client's vulnerability within it."),
    ("boundary-responsibility", "The therapist's responsibility for boundaries",
     "Setting and holding boundaries is always the professional's task, never the client's."),
    ("multiple-relationships", "Multiple relationships",
     "Holding another role with a client, or someone close to them, alongside the therapeutic one."),
    ("documentation", "Documentation",
     "Recording the reasoning and precautions when a boundary is crossed or an overlap is unavoidable."),
]


def create_principles(apps, schema_editor):
    Principle = apps.get_model("quizzes", "Principle")
    for slug, name, description in PRINCIPLES:
        Principle.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )


def remove_principles(apps, schema_editor):
    apps.get_model("quizzes", "Principle").objects.filter(
        slug__in=[slug for slug, _, _ in PRINCIPLES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0001_initial")]

    operations = [migrations.RunPython(create_principles, remove_principles)]
