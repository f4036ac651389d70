from decimal import Decimal

from django import template

from quizzes import selectors

register = template.Library()


@register.filter
def plain(value):
    """A mark or percent without trailing zeros: 1, 1.5, 0.67."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"


@register.inclusion_tag("quizzes/_recent_scores.html")
def recent_scores(user):
    """The dashboard's recent scores: one query."""
    return {"attempts": selectors.recent_scores(user=user)}
