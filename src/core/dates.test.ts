import fc from "fast-check";
import { CrmError } from "./errors";
import { dateToSerial, isoToSerial, serialToIso, serialToIsoDateTime, toSerial } from "./dates";

describe("Excel date serials", () => {
  test.each([
    ["1900-01-01", 1],
    ["1900-02-28", 59],
    ["1900-03-01", 61],
    ["2024-03-31", 45382],
    ["2024-02-29", 45351],
    ["9999-12-31", 2958465],
  ])("%s is serial %d", (iso, serial) => {
    expect(isoToSerial(iso)).toBe(serial);
    expect(serialToIso(serial)).toBe(iso);
  });

  test("times of day are fractions", () => {
    expect(isoToSerial("2024-03-31T12:00")).toBe(45382.5);
    expect(isoToSerial("2024-03-31 06:00:00")).toBe(45382.25);
  });

  test("serialToIsoDateTime: the date, and the time of day when there is one", () => {
    expect(serialToIsoDateTime(45382)).toBe("2024-03-31");
    expect(serialToIsoDateTime(45382.5)).toBe("2024-03-31 12:00");
    expect(serialToIsoDateTime(isoToSerial("2024-03-31 14:05:09")!)).toBe("2024-03-31 14:05:09");
    // within half a second of midnight reads as the next day, not 24:00
    expect(serialToIsoDateTime(45382 + 1 - 1e-9)).toBe("2024-04-01");
    fc.assert(fc.property(fc.integer({ min: 61 * 86_400, max: 2958465 * 86_400 }), (s) => expect(isoToSerial(serialToIsoDateTime(s / 86_400).replace(" ", "T"))).toBeCloseTo(s / 86_400, 8)));
  });

  test("impossible dates and other text are not dates", () => {
    for (const s of ["2024-02-30", "2023-02-29", "2024-13-01", "31/03/2024", "yesterday", ""]) expect(isoToSerial(s)).toBeUndefined();
  });

  test("toSerial accepts serials and ISO text and names the argument otherwise", () => {
    expect(toSerial(45382, "as_of")).toBe(45382);
    expect(toSerial("2024-03-31", "as_of")).toBe(45382);
    expect(() => toSerial("March 31", "as_of")).toThrow(/as_of: "March 31" is not a date/);
    expect(() => toSerial("", "due_date")).toThrow(/due_date is blank/);
    expect(() => toSerial(-1, "as_of")).toThrow(CrmError);
    expect(() => toSerial(true, "as_of")).toThrow(CrmError);
  });

  test("round trip serial → ISO → serial for every day from 1900-03-01 to 9999-12-31", () => {
    fc.assert(fc.property(fc.integer({ min: 61, max: 2958465 }), (n) => expect(isoToSerial(serialToIso(n))).toBe(n)));
  });

  test("dateToSerial agrees with isoToSerial", () => {
    expect(dateToSerial(new Date(Date.UTC(2024, 2, 31)))).toBe(45382);
  });
});
