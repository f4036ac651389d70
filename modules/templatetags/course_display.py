from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def duration(value):
    """“12 min”, “1 h”, “1 h 25 min”, from a number of minutes or a timedelta."""
    minutes = int(value.total_seconds() // 60) if isinstance(value, timedelta) else int(value)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
