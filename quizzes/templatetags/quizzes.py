from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def plain(value):
    """A mark or percent without trailing zeros: 1, 1.5, 0.67."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"
