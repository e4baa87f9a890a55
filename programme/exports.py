"""Spreadsheet-safe downloads: CSV and XLSX of a header and its rows.

A text cell starting like a formula would run in the spreadsheet of whoever opens the
file: both writers make it plain text the same way (``safe_cell``).
"""

import csv
import datetime
import io
from decimal import Decimal

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
# Excel caps a sheet's name at 31 characters.
SHEET_TITLE_LIMIT = 31


def safe_cell(value):
    """A cell starting like a formula would run in a spreadsheet: make it text."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def local_datetime(value):
    """An aware datetime as Paris wall time without its offset, which spreadsheets
    cannot hold; ``None`` stays ``None``."""
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None, second=0, microsecond=0)


def csv_response(filename, header, rows):
    """A UTF-8 CSV download (with the BOM spreadsheets look for), every cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(label) for label in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return response


def _write_cell(sheet, row, column, value, formats):
    """Numbers stay numbers and dates stay dates; any other value becomes safe text; an
    empty value writes no cell."""
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, column, value)
    elif isinstance(value, datetime.datetime):
        moment = local_datetime(value) if value.tzinfo else value
        sheet.write_datetime(row, column, moment, formats["datetime"])
    elif isinstance(value, datetime.date):
        sheet.write_datetime(row, column, value, formats["date"])
    else:
        text = safe_cell(value)
        if text:
            sheet.write_string(row, column, text)


def xlsx_response(filename, header, rows, *, sheet_title=""):
    """An XLSX download with a bold header row, written row by row in XlsxWriter's
    constant-memory mode (each row goes to a temporary file as it is written, so a large
    export holds one row in memory, not the sheet).

    The header row stays in view as staff scroll (frozen) and carries the spreadsheet's
    filters over every column and row written.
    """
    content = io.BytesIO()
    workbook = xlsxwriter.Workbook(content, {"constant_memory": True})
    sheet = workbook.add_worksheet(str(sheet_title)[:SHEET_TITLE_LIMIT] or None)
    formats = {
        "date": workbook.add_format({"num_format": DATE_FORMAT}),
        "datetime": workbook.add_format({"num_format": DATETIME_FORMAT}),
    }
    bold = workbook.add_format({"bold": True})
    sheet.freeze_panes(1, 0)
    for column, label in enumerate(header):
        sheet.write_string(0, column, safe_cell(label), bold)
    last_row = 0
    for last_row, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            _write_cell(sheet, last_row, column, value, formats)
    if header:
        sheet.autofilter(0, 0, last_row, len(header) - 1)
    workbook.close()
    response = HttpResponse(content.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def yes_no_labels():
    """``{True: "oui", False: "non"}``, translated once for a whole export."""
    return {True: str(_("oui")), False: str(_("non"))}


def choice_labels(choices):
    """``{value: label}`` of a ``TextChoices``, translated once for a whole export; the
    empty value reads as an empty cell."""
    return {"": ""} | {value: str(label) for value, label in choices.choices}


def person_name(first_name, last_name, email):
    """A person as ``str(user)`` writes them (full name, else e-mail), from the values of
    a row; empty for no one."""
    return f"{first_name or ''} {last_name or ''}".strip() or email or ""


def table(columns, objects):
    """``(header, rows)`` of ``objects``, one column per ``(label, value function)``."""
    header = [label for label, _value in columns]
    return header, [[value(obj) for _label, value in columns] for obj in objects]
