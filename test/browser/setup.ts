// Browser tests start Chromium and wait for pages: allow them more than jest's 5 s default.
jest.setTimeout(120_000);
