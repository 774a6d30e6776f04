import * as React from "react";
import { Caption1, Dropdown, MessageBarBody, Option, makeStyles } from "@fluentui/react-components";
import { PaneMessageBar } from "../PaneMessageBar";
import { Language } from "../../core/labels";
import { columnLetter } from "../../workbook/address";
import { missingFields } from "../../workflows/fields";
import type { ColumnMapping, FieldId, FieldSpec, SourceInfo } from "../../workflows/types";
import { Section } from "./Section";
import { t, tf } from "../i18n";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1.3fr)", gap: "4px 8px", alignItems: "center" },
  // Fluent's dropdown is 250px wide by default: wider than a task pane's column.
  control: { minWidth: 0, width: "100%" },
  // One line, cut with an ellipsis: a long header would otherwise make the dropdown two lines tall.
  value: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

const NONE = "none";

/** A field as a mapping form names it: its label, and "(required)" unless it is one of a one-of group. */
export function fieldLabel(f: FieldSpec, language: Language): string {
  return `${f.label[language]}${f.required && !f.oneOf ? ` (${t("requiredField", language)})` : ""}`;
}

export interface MappingSectionProps {
  language: Language;
  source: SourceInfo;
  fields: FieldSpec[];
  mapping: ColumnMapping;
  disabled: boolean;
  onChange: (field: FieldId, column: number | undefined) => void;
}

function columnText(language: Language, source: SourceInfo, offset: number): string {
  const header = source.headers[offset] ?? "";
  return tf("column", language, { letter: columnLetter(source.range.column + offset), header: header === "" ? "—" : header });
}

/** The guessed (or remembered) column for every field, as dropdowns the person can change. */
export function MappingSection({ language, source, fields, mapping, disabled, onChange }: MappingSectionProps): React.JSX.Element {
  const styles = useStyles();
  // A missing one-of group (recency or last purchase date) is named by all its fields.
  const missing = missingFields(fields, (id) => mapping[id] !== undefined).map((id) => {
    const group = fields.find((f) => f.id === id)?.oneOf;
    return fields
      .filter((f) => f.id === id || (group && f.oneOf === group))
      .map((f) => f.label[language])
      .join(" / ");
  });
  return (
    <Section title={t("mapping", language)}>
      <Caption1>{source.remembered ? t("sourceRemembered", language) : t("sourceGuessed", language)}</Caption1>
      <div className={styles.grid}>
        {fields.map((f) => {
          const column = mapping[f.id];
          const value = column === undefined ? t("notMapped", language) : columnText(language, source, column);
          const label = fieldLabel(f, language);
          return (
            <React.Fragment key={f.id}>
              <label htmlFor={`map-${f.id}`}>{label}</label>
              <Dropdown
                id={`map-${f.id}`}
                size="small"
                className={styles.control}
                aria-label={f.label[language]}
                data-field={f.id}
                disabled={disabled}
                value={value}
                button={{
                  children: (
                    <span className={styles.value} title={value}>
                      {value}
                    </span>
                  ),
                }}
                selectedOptions={[column === undefined ? NONE : String(column)]}
                onOptionSelect={(_, d) => onChange(f.id, d.optionValue === NONE || d.optionValue === undefined ? undefined : Number(d.optionValue))}
              >
                <Option value={NONE}>{t("notMapped", language)}</Option>
                {source.headers.map((_, i) => (
                  <Option key={i} value={String(i)}>
                    {columnText(language, source, i)}
                  </Option>
                ))}
              </Dropdown>
            </React.Fragment>
          );
        })}
      </div>
      {missing.length > 0 && (
        <PaneMessageBar intent="warning">
          <MessageBarBody>{tf("missingFields", language, { fields: missing.join(language === "zh" ? "、" : ", ") })}</MessageBarBody>
        </PaneMessageBar>
      )}
    </Section>
  );
}
