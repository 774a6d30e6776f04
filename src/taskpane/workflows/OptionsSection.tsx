import * as React from "react";
import { Checkbox, Dropdown, Field, Input, Option, makeStyles } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import type { RfmSourceMode, WorkflowId } from "../../workflows/types";
import { StringKey, t } from "../i18n";
import { Section } from "./Section";
import { OptionError, OptionsForm, withEdges } from "./options";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))", gap: "6px 10px", alignItems: "end" },
  wide: { gridColumn: "1 / -1" },
  // Fluent's inputs and dropdowns have minimum widths wider than a narrow task pane's column.
  control: { minWidth: 0, width: "100%" },
});

export interface OptionsSectionProps {
  workflow: WorkflowId;
  language: Language;
  form: OptionsForm;
  mode: RfmSourceMode;
  errors: OptionError[];
  disabled: boolean;
  onChange: (patch: Partial<OptionsForm>) => void;
  onMode: (mode: RfmSourceMode) => void;
}

type TextKey = { [K in keyof OptionsForm]: OptionsForm[K] extends string ? K : never }[keyof OptionsForm];

/** The options of one workflow, typed as text and checked when the person validates or runs. */
export function OptionsSection({ workflow, language, form, mode, errors, disabled, onChange, onMode }: OptionsSectionProps): React.JSX.Element {
  const styles = useStyles();
  const errorOf = (field: keyof OptionsForm) => errors.find((e) => e.field === field)?.message;

  const change = (field: TextKey, value: string) => onChange(field === "edges" ? withEdges(form, value) : ({ [field]: value } as Partial<OptionsForm>));
  const text = (field: TextKey, options: { type?: "date" | "text"; wide?: boolean; hint?: boolean } = {}) => (
    <Field
      key={field}
      className={options.wide ? styles.wide : undefined}
      label={t(field as StringKey, language)}
      hint={options.hint ? t("listHint", language) : undefined}
      validationState={errorOf(field) ? "error" : "none"}
      validationMessage={errorOf(field)}
      size="small"
    >
      <Input size="small" className={styles.control} type={options.type ?? "text"} value={form[field]} disabled={disabled} onChange={(_, d) => change(field, d.value)} />
    </Field>
  );

  const choice = <V extends string>(label: StringKey, value: V, values: readonly V[], labelOf: (v: V) => string, onSelect: (v: V) => void) => (
    <Field key={label} label={t(label, language)} size="small">
      <Dropdown size="small" className={styles.control} aria-label={t(label, language)} value={labelOf(value)} selectedOptions={[value]} disabled={disabled} onOptionSelect={(_, d) => d.optionValue && onSelect(d.optionValue as V)}>
        {values.map((v) => (
          <Option key={v} value={v}>
            {labelOf(v)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );

  const labelLanguage = choice("labelLanguage", form.language, ["zh", "en"] as const, (l) => t(l === "zh" ? "langZh" : "langEn", language), (l) => onChange({ language: l }));

  let fields: React.JSX.Element[] = [];
  switch (workflow) {
    case "rfm":
      fields = [
        choice("rfmMode", mode, ["customers", "transactions"] as const, (m) => t(`mode_${m}`, language), onMode),
        text("asOf", { type: "date" }),
        text("bins"),
        choice("scheme", form.scheme, ["cn8", "rf10"] as const, (s) => t(`scheme_${s}`, language), (scheme) => onChange({ scheme, ...(scheme === "rf10" ? { bins: "5" } : {}) })),
        labelLanguage,
      ];
      break;
    case "value":
      fields = [
        text("rate"),
        text("retention"),
        text("periods"),
        <Checkbox key="perpetuity" label={t("perpetuity", language)} checked={form.perpetuity} disabled={disabled} onChange={(_, d) => onChange({ perpetuity: !!d.checked })} />,
        choice("timing", String(form.timing) as "0" | "1", ["0", "1"] as const, (v) => t(v === "0" ? "timing0" : "timing1", language), (v) => onChange({ timing: v === "1" ? 1 : 0 })),
        text("aShare"),
        text("bShare"),
        text("pyramidShares", { wide: true, hint: true }),
        labelLanguage,
      ];
      break;
    case "aging":
      // Lists (with their hint line) take whole rows, so the fields beside each other line up.
      fields = [text("asOf", { type: "date" }), text("dsoDays"), text("edges", { wide: true, hint: true }), text("rates", { wide: true, hint: true }), text("creditSales"), labelLanguage];
      break;
    case "credit":
      fields = [text("weights", { wide: true, hint: true }), text("scaleMax"), text("percent"), text("industryDso"), text("companyFactor"), labelLanguage];
      break;
  }
  return (
    <Section title={t("options", language)}>
      <div className={styles.grid}>{fields}</div>
    </Section>
  );
}
