from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def duration(value):
    """“12 min”, “1 h”, “1 h 25 min”, from a number of minutes or a timedelta."""
    if isinstance(value, timedelta):
        if timedelta(0) < value < timedelta(minutes=1):
            return "under a minute"
        value = value.total_seconds() // 60
    minutes = int(value)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
