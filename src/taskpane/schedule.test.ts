import { afterNextPaint, whenIdle } from "./schedule";

describe("afterNextPaint", () => {
  const g = globalThis as unknown as { requestAnimationFrame?: (f: () => void) => number; cancelAnimationFrame?: (h: number) => void };
  let frames: (() => void)[];
  beforeEach(() => {
    jest.useFakeTimers();
    frames = [];
    g.requestAnimationFrame = (f) => frames.push(f);
    g.cancelAnimationFrame = (h) => void (frames[h - 1] = () => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    delete g.requestAnimationFrame;
    delete g.cancelAnimationFrame;
  });

  test("runs in a task after the next frame, not before", () => {
    const ran: string[] = [];
    afterNextPaint(() => ran.push("work"));
    jest.runAllTimers();
    expect(ran).toEqual([]);
    frames.splice(0).forEach((f) => f());
    expect(ran).toEqual([]);
    jest.runAllTimers();
    expect(ran).toEqual(["work"]);
  });

  test("cancelled before the frame or after it, it does not run", () => {
    const ran: string[] = [];
    afterNextPaint(() => ran.push("a"))();
    const cancelB = afterNextPaint(() => ran.push("b"));
    frames.splice(0).forEach((f) => f());
    cancelB();
    jest.runAllTimers();
    expect(ran).toEqual([]);
  });

  test("without frames (a worker, jsdom without them) it is a timer", () => {
    delete g.requestAnimationFrame;
    const ran: string[] = [];
    afterNextPaint(() => ran.push("work"));
    jest.runAllTimers();
    expect(ran).toEqual(["work"]);
  });
});

describe("whenIdle", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("without requestIdleCallback it runs on a timer, and cancelled it does not", () => {
    const ran: string[] = [];
    whenIdle(() => ran.push("a"));
    whenIdle(() => ran.push("b"))();
    jest.runAllTimers();
    expect(ran).toEqual(["a"]);
  });
});
