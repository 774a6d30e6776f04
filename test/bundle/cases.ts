/**
 * Table-driven bundle tests: every case runs in one fxeval process against the built bundle,
 * then each becomes its own jest test checking its outcome.
 */
import { fxeval, Outcome } from "./fxeval";

export interface Case {
  name: string;
  id: string;
  args: unknown[];
  check: (r: Outcome) => void;
}

export const value = (expected: unknown) => (r: Outcome) => {
  expect(r.error).toBeUndefined();
  expect(r.value).toEqual(expected);
};

export const rounded = (expected: number, digits: number) => (r: Outcome) => {
  expect(r.error).toBeUndefined();
  expect(Number((r.value as number).toFixed(digits))).toBe(expected);
};

/** The whole call is this Excel error, with a message matching `message`, and nothing escaped uncaught. */
export const error = (code: string, message: RegExp) => (r: Outcome) => {
  expect(r.uncaught).toBeUndefined();
  expect(r.harness).toBeUndefined();
  expect(r.error).toBe(code);
  expect(r.message).toMatch(message);
};

/** One error cell of a spilled result, for toEqual on the spilled rows. */
export const cellError = (code: string, message: RegExp) => ({ error: code, message: expect.stringMatching(message) });

export function describeCases(title: string, cases: Case[]): void {
  describe(title, () => {
    let outcomes: Outcome[];
    beforeAll(() => {
      outcomes = fxeval(cases.map(({ id, args }) => ({ id, args })));
    });

    test.each(cases.map((c, i) => [c.name, i] as const))("%s", (_name, i) => {
      expect(outcomes[i].id).toBe(cases[i].id);
      cases[i].check(outcomes[i]);
    });
  });
}
