"""The XLSX writer: a frozen header row and filters over what it wrote, read back."""

import datetime
import io

from openpyxl import load_workbook

from programme.exports import xlsx_response


def sheet_of(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_xlsx_header_row_is_frozen_and_filtered_over_every_row():
    rows = [["Ruches urbaines", 3, datetime.date(2024, 5, 2)], ["=1+1", 4, None]]

    sheet = sheet_of(xlsx_response("t.xlsx", ["Projet", "Équipe", "Date"], rows))

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"
    assert sheet.auto_filter.ref == sheet.dimensions
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Projet", "Équipe", "Date"],
        ["Ruches urbaines", 3, datetime.datetime(2024, 5, 2)],
        ["'=1+1", 4, None],
    ]


def test_xlsx_without_rows_filters_its_header():
    sheet = sheet_of(xlsx_response("t.xlsx", ["Projet", "Équipe"], []))

    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:B1")
