"""Spreadsheet-safe downloads: CSV and XLSX of a header and its rows.

A text cell starting like a formula would run in the spreadsheet of whoever opens the
file: both writers make it plain text the same way (``safe_cell``).
"""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

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


def _xlsx_cell(sheet, value):
    """Numbers stay numbers and dates stay dates; any other value becomes safe text."""
    if isinstance(value, int | float | Decimal):
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=local_datetime(value) if value.tzinfo else value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return WriteOnlyCell(sheet, value=safe_cell(value))


def xlsx_response(filename, header, rows, *, sheet_title=""):
    """An XLSX download with a bold header row, written as it streams (write-only mode).

    The header row stays in view as staff scroll (frozen) and carries the spreadsheet's
    filters over every column and row written.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:SHEET_TITLE_LIMIT] or None)
    # A write-only sheet writes its view before its rows: the pane is frozen first.
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for label in header:
        cell = WriteOnlyCell(sheet, value=safe_cell(label))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    last_row = 1
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        last_row += 1
    # A write-only sheet has no ``dimensions`` to read: the filter's range is counted.
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{last_row}"
    content = io.BytesIO()
    workbook.save(content)
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
