/**
 * Opens a workbook in a real spreadsheet program (headless LibreOffice Calc through its Python UNO
 * bridge, test/support/lo-dump.py), recalculates every formula and returns what it then shows:
 * the sheets with their cells (value, formula, error) and how many charts each has.
 *
 * Debian's libreoffice-calc-nogui and python3-uno provide it (.ci/run installs them). Where they are
 * missing the tests that need it are skipped with a note; under CI=true they fail instead, so CI
 * can never pass without having looked.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface LoCell {
  /** The value LibreOffice computed or holds (numbers as numbers, text as text). */
  v?: number | string;
  /** The formula, in LibreOffice's English notation (e.g. "=B13-C13"). */
  f?: string;
  /** The error LibreOffice shows instead of a value (e.g. "#NAME?", "Err:502"). */
  e?: string;
  /** For a number: the text the cell shows ("2,996", "2024-03-31") and its number format ("#,##0", "YYYY-MM-DD"). */
  s?: string;
  nf?: string;
}

export interface LoSheet {
  name: string;
  visible: boolean;
  charts: number;
  /** Column widths from column A to the last used column, in 1/100 mm (LibreOffice's unit; 1 pt = 35.28). */
  widths: number[];
  /** By A1 address; empty cells are absent. */
  cells: Record<string, LoCell>;
}

export interface LoWorkbook {
  sheets: LoSheet[];
}

const PYTHON = process.env.CRM_UNO_PYTHON ?? "/usr/bin/python3";
const SOFFICE_CANDIDATES = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"];
const SCRIPT = path.join(__dirname, "lo-dump.py");

/** Why LibreOffice cannot be used here, or undefined when it can. */
export function libreOfficeMissing(): string | undefined {
  if (!SOFFICE_CANDIDATES.some((p) => fs.existsSync(p))) return "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui python3-uno";
  if (!fs.existsSync(PYTHON)) return `${PYTHON} is missing (python3-uno needs Debian's python3)`;
  if (!fs.existsSync("/usr/lib/python3/dist-packages/uno.py")) return "python3-uno is not installed: apt-get install python3-uno";
  return undefined;
}

/**
 * `describe` for suites that need LibreOffice: runs them where it is installed, skips them with a
 * note elsewhere, and fails under CI=true when it is missing.
 */
export function describeWithLibreOffice(name: string, body: () => void): void {
  const missing = libreOfficeMissing();
  if (!missing) {
    describe(name, body);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      test("LibreOffice is available", () => {
        throw new Error(missing);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${missing})`, body);
  }
}

/** Opens `file` (.xlsx) or the given bytes in LibreOffice, recalculated. Takes a few seconds (~2 s for 27,000 cells): call it once per suite. */
export async function openInLibreOffice(file: string | Uint8Array, timeoutMs = 180_000): Promise<LoWorkbook> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-lo-"));
  try {
    let input: string;
    if (typeof file === "string") {
      input = file;
    } else {
      input = path.join(dir, "book.xlsx");
      fs.writeFileSync(input, file);
    }
    const out = path.join(dir, "dump.json");
    await new Promise<void>((resolve, reject) => {
      // PYTHONPATH: Debian's python3-uno lives in dist-packages; a pyenv python on PATH would not see it.
      const env = { ...process.env, PYTHONPATH: "/usr/lib/python3/dist-packages", HOME: dir };
      execFile(PYTHON, [SCRIPT, input, out], { env, timeout: timeoutMs }, (error, _stdout, stderr) => {
        if (error) reject(new Error(`LibreOffice could not open ${input}: ${error.message}\n${stderr}`));
        else resolve();
      });
    });
    return JSON.parse(fs.readFileSync(out, "utf8")) as LoWorkbook;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
