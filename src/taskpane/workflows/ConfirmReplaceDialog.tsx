import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import type { EditedOutput } from "../../workflows/types";
import { t, tf } from "../i18n";

/** Asks before a rerun replaces add-in output that the person has edited since. */
export function ConfirmReplaceDialog({ language, edited, onReplace, onKeep }: { language: Language; edited: EditedOutput[] | null; onReplace: () => void; onKeep: () => void }): React.JSX.Element {
  return (
    <Dialog open={!!edited} modalType="alert" onOpenChange={(_, d) => !d.open && onKeep()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t("confirmTitle", language)}</DialogTitle>
          <DialogContent>
            <p>{t("confirmBody", language)}</p>
            <ul>
              {(edited ?? []).map((e, i) => (
                <li key={i}>{e.kind === "sheet" ? tf("editedSheet", language, { sheet: e.sheet }) : tf("editedColumns", language, { sheet: e.sheet, headers: e.headers.join(", ") })}</li>
              ))}
            </ul>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onReplace}>
              {t("confirmReplace", language)}
            </Button>
            <Button onClick={onKeep}>{t("confirmKeep", language)}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
