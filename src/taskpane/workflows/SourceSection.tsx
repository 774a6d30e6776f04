import * as React from "react";
import { Button, Caption1, Field, Radio, RadioGroup, Spinner } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import { rangeAddress } from "../../workbook/address";
import type { SourceInfo } from "../../workflows/types";
import { t, tf } from "../i18n";
import { SourceKind } from "./useWorkflow";

export interface SourceSectionProps {
  language: Language;
  kind: SourceKind;
  source: SourceInfo | null;
  error: string | null;
  loading: boolean;
  disabled: boolean;
  /** The sheet the person looks at (preview only), to say when it is not the source's. */
  activeSheet?: string;
  onRead: (kind: SourceKind) => void;
}

/** Where the data come from: the active sheet's used range or the selection, read on demand. */
export function SourceSection({ language, kind, source, error, loading, disabled, activeSheet, onRead }: SourceSectionProps): React.JSX.Element {
  return (
    <Field label={t("source", language)} validationState={error ? "error" : "none"} validationMessage={error ?? undefined}>
      <RadioGroup layout="horizontal" value={kind} onChange={(_, d) => onRead(d.value as SourceKind)} disabled={disabled || loading}>
        <Radio value="activeSheet" label={t("sourceActiveSheet", language)} />
        <Radio value="selection" label={t("sourceSelection", language)} />
      </RadioGroup>
      <div style={{ display: "flex", gap: "8px", alignItems: "center" }}>
        <Button size="small" onClick={() => onRead(kind)} disabled={disabled || loading}>
          {t("readSource", language)}
        </Button>
        {loading && <Spinner size="extra-tiny" />}
        <Caption1 data-testid="source-summary">
          {loading ? t("sourceReading", language) : source ? (source.titleRows ? tf("sourceSummaryBelowTitles", language, { range: rangeAddress(source.range), rows: source.rowCount, header: source.range.row + 1, titles: source.titleRows }) : tf("sourceSummary", language, { range: rangeAddress(source.range), rows: source.rowCount })) : t("sourceNone", language)}
        </Caption1>
      </div>
      {kind === "activeSheet" && source && !loading && activeSheet && activeSheet !== source.range.sheet && (
        <Caption1 data-testid="source-other-sheet">{tf("sourceOtherSheet", language, { sheet: activeSheet, source: source.range.sheet })}</Caption1>
      )}
    </Field>
  );
}
