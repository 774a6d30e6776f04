import * as React from "react";
import { Button, makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({ hidden: { display: "none" } });

export interface FileButtonProps {
  label: string;
  /** The hidden file input's name (how tests and screen readers find it). */
  inputLabel: string;
  accept: string;
  disabled?: boolean;
  onFile: (file: File) => void;
}

/** A button that opens the browser's file chooser (a hidden file input): the same file may be chosen again. */
export function FileButton({ label, inputLabel, accept, disabled, onFile }: FileButtonProps): React.JSX.Element {
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <>
      <Button size="small" onClick={() => input.current?.click()} disabled={disabled}>
        {label}
      </Button>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept={accept}
        aria-label={inputLabel}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (file) onFile(file);
        }}
      />
    </>
  );
}
