"""HTML escaping for the tags that write a table's rows in Python (``admin_rows``, the
jury's ranking and attendance): Django's ``conditional_escape`` checks every argument
for a lazy translation before it escapes, a cost paid hundreds of times a page."""

import html

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString


def escape(value):
    """``conditional_escape(value)``: plain strings and integers without its checks."""
    kind = type(value)
    if kind is str:
        return SafeString(html.escape(value))
    if kind is int:
        return SafeString(value)
    return conditional_escape(value)
