"""The rows of an admin list written in Python, one call per table: what Django's
``items_for_result`` writes for each cell, with the work that depends only on the column
(its field, classes, link, empty value, choices' labels, date and number formats) done
once per table instead of once per cell.

``result_list(cl)`` gives the context of Django's ``admin/change_list_results.html``
(headers, sorting, hidden fields), each row already joined. A list with a form per row
(``list_editable``) or opened as a popup keeps Django's own rows.
"""

import datetime

from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils import dateformat, formats
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime as localtime

from programme.escaping import escape


def cells_per_table(prepare):
    """Give a ``list_display`` method of a model admin a writer prepared once per table:
    ``prepare(model_admin)`` returns a function of a row giving what the method gives
    (labels translated and addresses reversed once, not per row)."""

    def decorate(method):
        method.prepare_cells = prepare
        return method

    return decorate


class _Column:
    """One column of ``cl.list_display``: how to write its cell for a row."""

    def __init__(self, cl, index, name, first_link, number):
        model_admin = cl.model_admin
        self.cl, self.name, self.number = cl, name, number
        self.empty = model_admin.get_empty_value_display()
        self.classes = [f"field-{admin_list._coerce_field_name(name, index)}"]
        self.link = first_link
        self.field, self.method, self.boolean = None, None, False
        try:
            self.field = _get_non_gfk_field(cl.lookup_opts, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            self.field = None
            method = name if callable(name) else None
            if method is None and hasattr(model_admin, name) and name != "__str__":
                method = getattr(model_admin, name)
            if method is not None:
                self.empty = getattr(method, "empty_value_display", self.empty)
                self.boolean = getattr(method, "boolean", False)
                prepare = getattr(method, "prepare_cells", None)
                self.method = prepare(model_admin) if prepare else method
        field = self.field
        if field is not None and not field.auto_created:
            self.foreign = isinstance(field.remote_field, models.ManyToOneRel)
            if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
                self.classes.append("nowrap")
            choices = getattr(field, "flatchoices", None)
            self.choices = None
            if choices and not self.foreign:
                try:
                    self.choices = {value: escape(label) for value, label in dict(choices).items()}
                except TypeError:  # list-like choices: Django's own display
                    self.choices = None
        elif name == "action_checkbox":
            self.classes = ["action-checkbox"]
        # Text and date-times shown as ``display_for_field`` shows them, its format once.
        self.plain = type(field) in (models.CharField, models.TextField, models.SlugField)
        self.datetime_writer = (
            _datetime_writer(formats.get_format("DATETIME_FORMAT"))
            if isinstance(field, models.DateTimeField)
            else None
        )
        self.opening = _class_attribute(self.classes)
        self.empty_html = escape(self.empty)

    def cell(self, result):
        """The cell's text (escaped) and whether its value is a date or time."""
        if self.method is not None:
            return self._shown(self.method(result), self.empty, self.boolean)
        try:
            field, attr, value = (
                lookup_field(self.name, result, self.cl.model_admin)
                if self.field is None
                else (self.field, None, getattr(result, self.name))
            )
        except ObjectDoesNotExist:
            return self.empty_html, False
        if field is None or field.auto_created:
            boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                boolean = getattr(attr.fget, "boolean", False)
            return self._shown(value, getattr(attr, "empty_value_display", self.empty), boolean)
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if self.foreign:
            related = getattr(result, field.name)
            return (self.empty_html if related is None else escape(str(related))), False
        if self.choices is not None:
            return self.choices.get(value, self.empty_html), False
        if self.plain and type(value) is str and value:
            return escape(value), False
        if self.datetime_writer and value is not None:
            return escape(self.datetime_writer(localtime(value))), False
        return escape(display_for_field(value, field, self.empty, self.link)), False

    def _shown(self, value, empty, boolean):
        """What Django shows of a value a method gives (``display_for_value``), its
        commonest cases without the formats' lookups."""
        if isinstance(value, str) and not boolean:
            if value.strip():
                return escape(str(value)), False
            value = ""
        elif type(value) is int and not boolean:
            return escape(self.number(value)), False
        dated = isinstance(value, (datetime.date, datetime.time))
        return escape(display_for_value(value, empty, boolean)), dated


def _datetime_writer(format_string):
    """A function writing a date-time as ``dateformat.format(value, format_string)`` does,
    the month names translated once: for the formats of days, months, years, hours and
    minutes (French's « j F Y H:i »); None for any other."""
    months = {number: str(name) for number, name in MONTHS.items()}
    parts = {
        "j": lambda value: str(value.day),
        "d": lambda value: f"{value.day:02d}",
        "n": lambda value: str(value.month),
        "m": lambda value: f"{value.month:02d}",
        "F": lambda value: months[value.month],
        "Y": lambda value: f"{value.year:04d}",
        "G": lambda value: str(value.hour),
        "H": lambda value: f"{value.hour:02d}",
        "i": lambda value: f"{value.minute:02d}",
    }
    pieces = []
    for index, piece in enumerate(dateformat.re_formatchars.split(str(format_string))):
        if index % 2:
            if piece not in parts:
                return None
            pieces.append(parts[piece])
        elif piece:
            literal = dateformat.re_escaped.sub(r"\1", piece)
            pieces.append(lambda value, literal=literal: literal)
    return lambda value: "".join(piece(value) for piece in pieces)


def _class_attribute(classes):
    return mark_safe(f' class="{" ".join(classes)}"')


def _number_format():
    """How integers are shown: ``str`` when the active format groups no digits."""
    if formats.number_format(-1234567) == "-1234567":
        return str
    return formats.number_format


def _link_columns(cl):
    """Whether each column links to the row's change form (Django's rule)."""
    links = cl.list_display_links
    first = True
    for name in cl.list_display:
        if links is None:
            yield False
        elif (first and not links) or name in links:
            first = False
            yield True
        else:
            yield False


class _Links:
    """Each row's change-form address with the list's filters kept, the filters' part
    worked out once (the addresses differ only by their primary key)."""

    def __init__(self, cl):
        self.cl = cl
        self.context = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
        self.suffix = None

    def url(self, result):
        url = self.cl.url_for_result(result)
        if "?" in url:
            return add_preserved_filters(self.context, url)
        if self.suffix is None:
            self.suffix = add_preserved_filters(self.context, url)[len(url) :]
        return url + self.suffix


def rows(cl):
    """Each row of ``cl.result_list`` as the HTML of its cells, in one string."""
    number = _number_format()
    columns = [
        _Column(cl, index, name, link, number)
        for index, (name, link) in enumerate(zip(cl.list_display, _link_columns(cl), strict=True))
    ]
    links = _Links(cl)
    written = []
    for result in cl.result_list:
        cells = []
        first = True
        for column in columns:
            text, dated = column.cell(result)
            opening = column.opening
            if dated:
                opening = _class_attribute([*column.classes, "nowrap"])
            if column.link:
                tag = "th" if first else "td"
                first = False
                try:
                    url = links.url(result)
                except NoReverseMatch:
                    link = text
                else:
                    link = f'<a href="{escape(url)}">{text}</a>'
                cells.append(f"<{tag}{opening}>{link}</{tag}>")
            else:
                cells.append(f"<td{opening}>{text}</td>")
        written.append(admin_list.ResultList(None, [mark_safe("".join(cells))]))
    return written


def result_list(cl):
    """The context of ``admin/change_list_results.html``, as Django's ``result_list``."""
    if cl.formset or cl.is_popup:
        return admin_list.result_list(cl)
    headers = list(admin_list.result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(admin_list.result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": rows(cl),
    }
