import * as React from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { mount } from "../../test/dom/mount";
import { ProgressField, TaskProgressBar } from "./TaskProgressBar";

const bar = (container: HTMLElement) => container.querySelector<HTMLElement>(".fui-ProgressBar__bar")!;

describe("TaskProgressBar", () => {
  it("fills by scaling a full-width bar (a transform the compositor animates), not by its width", async () => {
    const c = await mount(
      <FluentProvider theme={webLightTheme}>
        <TaskProgressBar value={0.4} label="Progress" />
      </FluentProvider>,
    );
    expect(bar(c).style.width).toBe("100%");
    expect(bar(c).style.transform).toBe("scaleX(0.4)");
    const root = c.querySelector('[role="progressbar"]')!;
    expect(root.getAttribute("aria-valuenow")).toBe("0.4");
    expect(root.getAttribute("aria-label")).toBe("Progress");
  });

  it("keeps a value outside 0..1 inside the bar (as Fluent asks), and without a value is Fluent's indeterminate bar", async () => {
    const c = await mount(
      <FluentProvider theme={webLightTheme}>
        <TaskProgressBar value={1.5} label="a" />
        <TaskProgressBar value={undefined} label="b" />
      </FluentProvider>,
    );
    const [full, unknown] = [...c.querySelectorAll<HTMLElement>(".fui-ProgressBar__bar")];
    expect(full.style.transform).toBe("scaleX(1)");
    expect(unknown.style.transform).toBe("");
    expect(c.querySelectorAll('[role="progressbar"]')[1].hasAttribute("aria-valuenow")).toBe(false);
  });

  it("ProgressField: the bar labelled, and its text one line of fixed size with strict containment (a layout root of its own), in full in its title", async () => {
    const text = "Computing 45,000 / 100,000";
    const c = await mount(
      <FluentProvider theme={webLightTheme}>
        <ProgressField label="Progress" message={text} value={0.45} />
      </FluentProvider>,
    );
    expect(c.querySelector('[role="progressbar"]')!.getAttribute("aria-label")).toBe("Progress");
    const message = c.querySelector<HTMLElement>(".fui-Field__validationMessage")!;
    expect(message.textContent).toBe(text);
    expect(message.title).toBe(text);
    const style = getComputedStyle(message);
    expect([style.getPropertyValue("contain"), style.whiteSpace, style.overflow]).toEqual(["strict", "nowrap", "hidden"]);
    expect(style.height).toBe("16px");
  });
});
