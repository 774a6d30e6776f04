"""Open a workbook in headless LibreOffice Calc, recalculate everything, and print it as JSON.

Used by test/support/libreoffice.ts: a real spreadsheet program reads what the add-in writes, so
tests see what a person opening the file would see (recomputed formulas, charts, sheet list).

Usage: python3 lo-dump.py FILE.xlsx [OUT.json]
Output: {"sheets": [{"name", "visible", "charts", "widths": [column width in 1/100 mm, from A],
          "cells": {"A1": {"v": value, "f": formula?, "e": error?, "s": shown text?, "nf": number format?}}}]}
("s" and "nf" for numbers: what the cell shows and its format, so a test sees a count as 2,996 and a date as 2024-03-31.)
"""
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


def dump(doc):
    sheets = []
    number_formats = doc.NumberFormats
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
            formulas = data.getFormulaArray()
            for r in range(last_row + 1):
                for c in range(last_col + 1):
                    cell = sheet.getCellByPosition(c, r)
                    t = cell.Type.value  # EMPTY, VALUE, TEXT, FORMULA
                    if t == "EMPTY":
                        continue
                    entry = {}
                    if t == "FORMULA":
                        entry["f"] = formulas[r][c]
                        if cell.getError() != 0:
                            entry["e"] = cell.getString() or ("Err:%d" % cell.getError())
                        elif cell.FormulaResultType2 == 2:  # com.sun.star.sheet.FormulaResult.STRING
                            entry["v"] = cell.getString()
                        else:
                            entry["v"] = cell.getValue()
                    elif t == "VALUE":
                        entry["v"] = cell.getValue()
                    else:
                        entry["v"] = cell.getString()
                    if isinstance(entry.get("v"), float):
                        entry["s"] = cell.getString()
                        entry["nf"] = number_formats.getByKey(cell.NumberFormat).FormatString
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
        doc.calculateAll()
        out = json.dumps(dump(doc), ensure_ascii=False)
        doc.close(True)
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
