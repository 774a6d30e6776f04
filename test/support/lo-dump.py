"""Open a workbook in headless LibreOffice Calc, recalculate everything, and print it as JSON.

Used by test/support/libreoffice.ts: a real spreadsheet program reads what the add-in writes, so
tests see what a person opening the file would see (recomputed formulas, charts, sheet list).

Usage: python3 lo-dump.py FILE.xlsx [OUT.json]
Output: {"sheets": [{"name", "visible", "charts", "widths": [column width in 1/100 mm, from A],
          "cells": {"A1": {"v": value, "f": formula?, "e": error?, "s": shown text?, "nf": number format?}}}]}
("s" and "nf" for numbers: what the cell shows and its format, so a test sees a count as 2,996 and a date as 2024-03-31.)
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def col_letters(index):
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


def start_office():
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = "crm" + uuid.uuid4().hex
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=file://" + profile, "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return proc, profile, ctx
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise SystemExit("lo-dump: LibreOffice did not start")
            time.sleep(0.25)


# UNO calls cross a pipe to soffice (about a millisecond each here), so a sheet is read in bulk: its
# values and formulas as two arrays, which cells are filled / formulas / errors as range queries,
# number formats as the ranges that share one, and the shown text of every cell from one CSV export
# "as shown". Only error cells are asked one by one. (Cell by cell, a 27,000-cell sheet took 100 s.)
FILLED = 1 | 2 | 4 | 16  # com.sun.star.sheet.CellFlags VALUE | DATETIME | STRING | FORMULA
FORMULA = 16
RESULT_ERROR = 4  # com.sun.star.sheet.FormulaResult.ERROR


def cells_of(ranges, last_row, last_col):
    for a in ranges.getRangeAddresses():
        for r in range(a.StartRow, min(a.EndRow, last_row) + 1):
            for c in range(a.StartColumn, min(a.EndColumn, last_col) + 1):
                yield r, c


def shown_texts(doc, index, workdir):
    """The text each cell shows, by row and column from A1, via LibreOffice's CSV export of sheet index+1."""
    # Exporting one sheet appends "-<sheet name>" to the file name, so each goes to a folder of its own.
    folder = os.path.join(workdir, "csv%d" % index)
    os.mkdir(folder)
    options = "44,34,76,1,,0,false,true,true,false,false,%d" % (index + 1)
    url = uno.systemPathToFileUrl(os.path.join(folder, "sheet.csv"))
    doc.storeToURL(url, (prop("FilterName", "Text - txt - csv (StarCalc)"), prop("FilterOptions", options)))
    (name,) = os.listdir(folder)
    with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def number_format_keys(sheet, last_row, last_col):
    keys = [[0] * (last_col + 1) for _ in range(last_row + 1)]
    unique = sheet.getUniqueCellFormatRanges()
    for i in range(unique.getCount()):
        ranges = unique.getByIndex(i)
        key = ranges.NumberFormat
        for r, c in cells_of(ranges, last_row, last_col):
            keys[r][c] = key
    return keys


def dump(doc, workdir):
    sheets = []
    number_formats = doc.NumberFormats
    format_strings = {}
    all_sheets = doc.Sheets
    for i in range(all_sheets.Count):
        sheet = all_sheets.getByIndex(i)
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        last_row = cursor.RangeAddress.EndRow
        last_col = cursor.RangeAddress.EndColumn
        cells = {}
        if last_row >= 0 and last_col >= 0:
            data = sheet.getCellRangeByPosition(0, 0, last_col, last_row)
            values = data.getDataArray()
            formulas = data.getFormulaArray()
            formula_cells = set(cells_of(data.queryContentCells(FORMULA), last_row, last_col))
            error_cells = set(cells_of(data.queryFormulaCells(RESULT_ERROR), last_row, last_col)) if formula_cells else set()
            keys = number_format_keys(sheet, last_row, last_col)
            shown = shown_texts(doc, i, workdir)
            for r, c in sorted(cells_of(data.queryContentCells(FILLED), last_row, last_col)):
                entry = {}
                if (r, c) in formula_cells:
                    entry["f"] = formulas[r][c]
                if (r, c) in error_cells:
                    cell = sheet.getCellByPosition(c, r)
                    entry["e"] = cell.getString() or ("Err:%d" % cell.getError())
                else:
                    entry["v"] = values[r][c]
                if isinstance(entry.get("v"), float):
                    row = shown[r] if r < len(shown) else []
                    entry["s"] = row[c] if c < len(row) else sheet.getCellByPosition(c, r).getString()
                    key = keys[r][c]
                    if key not in format_strings:
                        format_strings[key] = number_formats.getByKey(key).FormatString
                    entry["nf"] = format_strings[key]
                cells[col_letters(c) + str(r + 1)] = entry
        widths = [sheet.Columns.getByIndex(c).Width for c in range(last_col + 1)] if last_col >= 0 else []
        sheets.append({"name": sheet.Name, "visible": bool(sheet.IsVisible), "charts": sheet.getCharts().getCount(), "widths": widths, "cells": cells})
    return {"sheets": sheets}


def main():
    if len(sys.argv) < 2:
        raise SystemExit("usage: lo-dump.py FILE.xlsx [OUT.json]")
    path = os.path.abspath(sys.argv[1])
    proc, profile, ctx = start_office()
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise SystemExit("lo-dump: LibreOffice could not open " + path)
        try:
            doc.calculateAll()
            out = json.dumps(dump(doc, profile), ensure_ascii=False)
        finally:
            doc.close(True)  # also when the dump fails: an open document leaves a lock file beside the workbook
        if len(sys.argv) > 2:
            with open(sys.argv[2], "w", encoding="utf-8") as f:
                f.write(out)
        else:
            sys.stdout.write(out)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=20)
        except Exception:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
