import * as React from "react";
import { Checkbox, Dropdown, Field, Input, Option, makeStyles } from "@fluentui/react-components";
import { Bilingual, Language } from "../../core/labels";
import type { WorkflowDefinition } from "../../workflows/definition";
import { type FormValues, type OptionControl, type OptionError, changeForm } from "../../workflows/options";
import type { CommonOptions, SourceMode } from "../../workflows/types";
import { t } from "../i18n";
import { Section } from "./Section";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))", gap: "6px 10px", alignItems: "end" },
  wide: { gridColumn: "1 / -1" },
  // Fluent's inputs and dropdowns have minimum widths wider than a narrow task pane's column.
  control: { minWidth: 0, width: "100%" },
});

export interface OptionsSectionProps {
  definition: WorkflowDefinition<CommonOptions>;
  language: Language;
  form: FormValues;
  mode: SourceMode;
  errors: OptionError[];
  disabled: boolean;
  onChange: (patch: Partial<FormValues>) => void;
  onMode: (mode: SourceMode) => void;
}

/**
 * The options of one workflow as its declaration lists them (src/workflows/<id>/options.ts),
 * typed as text and checked when the person validates or runs; the source mode first when the
 * workflow has several, the labels' language last.
 */
export function OptionsSection({ definition, language, form, mode, errors, disabled, onChange, onMode }: OptionsSectionProps): React.JSX.Element {
  const styles = useStyles();
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const change = (key: string, value: string | boolean) => onChange(changeForm(definition, form, key, value));

  const choice = (key: string, label: Bilingual, value: string, values: readonly { value: string; label: Bilingual }[], onSelect: (v: string) => void) => {
    const labelOf = (v: string) => values.find((c) => c.value === v)?.label[language] ?? v;
    return (
      <Field key={key} label={label[language]} size="small">
        <Dropdown size="small" className={styles.control} aria-label={label[language]} value={labelOf(value)} selectedOptions={[value]} disabled={disabled} onOptionSelect={(_, d) => d.optionValue && onSelect(d.optionValue)}>
          {values.map((v) => (
            <Option key={v.value} value={v.value}>
              {v.label[language]}
            </Option>
          ))}
        </Dropdown>
      </Field>
    );
  };

  const control = (c: OptionControl) => {
    if (c.kind === "choice") return choice(c.key, c.label, String(form[c.key]), c.choices, (v) => change(c.key, v));
    if (c.kind === "check") return <Checkbox key={c.key} label={c.label[language]} checked={form[c.key] === true} disabled={disabled} onChange={(_, d) => change(c.key, !!d.checked)} />;
    return (
      <Field
        key={c.key}
        className={c.wide ? styles.wide : undefined}
        label={c.label[language]}
        hint={c.list ? t("listHint", language) : undefined}
        validationState={errorOf(c.key) ? "error" : "none"}
        validationMessage={errorOf(c.key)}
        size="small"
      >
        <Input size="small" className={styles.control} type={c.kind === "date" ? "date" : "text"} value={String(form[c.key] ?? "")} disabled={disabled} onChange={(_, d) => change(c.key, d.value)} />
      </Field>
    );
  };

  const modes = definition.modes.map((m) => ({ value: m.id, label: m.label }));
  const languages = (["zh", "en"] as const).map((l) => ({ value: l, label: { zh: t(l === "zh" ? "langZh" : "langEn", "zh"), en: t(l === "zh" ? "langZh" : "langEn", "en") } }));
  const fields = [
    ...(modes.length > 1 && definition.modeLabel ? [choice("mode", definition.modeLabel, mode, modes, onMode)] : []),
    ...definition.options.controls.map(control),
    choice("language", { zh: t("labelLanguage", "zh"), en: t("labelLanguage", "en") }, form.language, languages, (l) => onChange({ language: l as Language })),
  ];
  return (
    <Section title={t("options", language)}>
      <div className={styles.grid}>{fields}</div>
    </Section>
  );
}
