import * as React from "react";
import { Button, Caption1, Dropdown, Field, Option, makeStyles } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import { StringKey, t, tf } from "../i18n";
import { FileButton } from "../FileButton";
import { SampleName } from "./samples";
import { XLSX_TYPE } from "../../workbook/xlsx-file";

const useStyles = makeStyles({
  bar: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "end" },
});

export interface PreviewToolbarProps {
  language: Language;
  samples: readonly SampleName[];
  /** The open sample, or null when a local file is open. */
  sample: SampleName | null;
  /** The open file's name (shown when it is not a sample). */
  fileName?: string;
  busy: boolean;
  onSample: (name: SampleName) => void;
  onFile: (file: File) => void;
  onDownload: () => void;
}

/** Sample picker, open a local .xlsx, download the workbook: the preview's File menu. */
export function PreviewToolbar({ language, samples, sample, fileName, busy, onSample, onFile, onDownload }: PreviewToolbarProps): React.JSX.Element {
  const styles = useStyles();
  const label = (name: SampleName) => t(`sample_${name}` as StringKey, language);
  return (
    <div className={styles.bar} role="toolbar" aria-label={t("previewToolbar", language)}>
      <Field label={t("sample", language)} size="small">
        <Dropdown
          size="small"
          aria-label={t("sample", language)}
          value={sample ? label(sample) : ""}
          placeholder={sample || !fileName ? undefined : t("noSample", language)}
          selectedOptions={sample ? [sample] : []}
          onOptionSelect={(_, d) => d.optionValue && onSample(d.optionValue as SampleName)}
          disabled={busy}
          style={{ minWidth: "220px" }}
        >
          {samples.map((name) => (
            <Option key={name} value={name}>
              {label(name)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <FileButton label={t("openFile", language)} inputLabel={t("openFileInput", language)} accept={`.xlsx,${XLSX_TYPE},.csv,text/csv`} disabled={busy} onFile={onFile} />
      <Button size="small" appearance="primary" onClick={onDownload} disabled={busy}>
        {t("download", language)}
      </Button>
      {!sample && fileName && <Caption1 data-testid="open-file">{tf("openedFile", language, { name: fileName })}</Caption1>}
    </div>
  );
}
