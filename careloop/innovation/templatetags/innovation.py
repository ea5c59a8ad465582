"""{{ value|figure }}: a figure as people write it (12, 53.4, 2,595.33), not 53.4000."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def figure(value, places: int = 2) -> str:
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)))
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{number:,.{int(places)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
