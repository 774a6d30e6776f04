import * as React from "react";
import { Language } from "../core/labels";
import { Backend } from "./backend";
import { HostInfo } from "./host";
import { PaneSession, SessionContext } from "./session";

/** Inside Excel: the pane works on the workbook Excel has open (Excel itself is the grid). */
export function ExcelSession({ host, language, backend, children }: { host: HostInfo; language: Language; backend: Backend; children: React.ReactNode }): React.JSX.Element {
  // The workbook and its engine outlive a language switch.
  const { port, engine } = React.useMemo(() => {
    const port = backend.excelWorkbook();
    return { port, engine: backend.createEngine(port) };
  }, [backend]);
  const session: PaneSession = React.useMemo(() => ({ host, language, port, engine, fieldsOf: backend.fieldsOf, fileCustomers: backend.fileCustomers }), [host, language, port, engine, backend]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
