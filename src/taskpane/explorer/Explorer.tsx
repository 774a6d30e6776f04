/**
 * The function explorer (函数助手): pick a CRM function, fill its arguments (numbers, texts, lists
 * or cells of the open workbook), and see what the formula gives — computed by the same wrapper
 * functions Excel calls, so it works in the browser preview as in Excel. Examples from the help
 * fill the fields in one click; a pasted formula does too.
 */
import * as React from "react";
import { Body1, Button, Caption1, Field, Input, Link, MessageBarBody, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { PaneMessageBar } from "../PaneMessageBar";
import { Language } from "../../core/labels";
import type { WorkbookPort } from "../../workbook/types";
import { useSession } from "../session";
import { resolveField, referenceText } from "../../explorer/arguments";
import { cachedMetadata, FunctionGroup, FunctionInfo, groupFunctions, helpPage } from "../../explorer/catalog";
import { argumentFormulaText, fieldText, formulaText, splitCrmCall } from "../../explorer/formula";
import { invoke, Metadata, Outcome } from "../../explorer/registry";
import { ResultView } from "./ResultView";
import { xt } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px" },
  row: { display: "flex", gap: "6px", alignItems: "flex-end", flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: "160px" },
  examples: { display: "flex", flexDirection: "column", gap: "2px", alignItems: "flex-start" },
  example: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, textAlign: "left", height: "auto", paddingTop: "2px", paddingBottom: "2px" },
  formula: { fontFamily: tokens.fontFamilyMonospace },
  params: { display: "flex", flexDirection: "column", gap: "8px" },
  // A native select is as wide as its longest option: wider than a narrow task pane.
  shrink: { minWidth: 0 },
});

export interface ExplorerViewProps {
  language: Language;
  /** The open workbook, for cell references, "use the selection" and inserting the formula; absent: constants only. */
  port?: WorkbookPort;
  /** Excel calculates an inserted formula itself; the preview's workbook keeps the result computed here. */
  inExcel?: boolean;
  /** The metadata Excel reads; fetched from functions.json / functions.zh-cn.json by default. */
  load?: (lang: Language) => Promise<Metadata>;
}

function emptyFields(info: FunctionInfo | undefined): string[] {
  return info ? info.meta.parameters.map(() => "") : [];
}

export function ExplorerView({ language, port, inExcel = false, load = cachedMetadata }: ExplorerViewProps): React.JSX.Element {
  const styles = useStyles();
  const [groups, setGroups] = React.useState<FunctionGroup[] | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [id, setId] = React.useState("");
  const [fields, setFields] = React.useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = React.useState<(string | undefined)[]>([]);
  const [outcome, setOutcome] = React.useState<Outcome | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [insertError, setInsertError] = React.useState<string | null>(null);
  const [pasted, setPasted] = React.useState("");
  const [pasteError, setPasteError] = React.useState<string | null>(null);

  React.useEffect(() => {
    let live = true;
    setGroups(null);
    load(language)
      .then((m) => {
        if (!live) return;
        const g = groupFunctions(m);
        setGroups(g);
        setId((current) => current || (g[0]?.functions[0]?.meta.id ?? ""));
      })
      .catch((e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [language, load]);

  const all = React.useMemo(() => (groups ?? []).flatMap((g) => g.functions), [groups]);
  const info = all.find((f) => f.meta.id === id);

  const choose = React.useCallback(
    (next: string, values?: string[]) => {
      const nextInfo = all.find((f) => f.meta.id === next);
      setId(next);
      const empty = emptyFields(nextInfo);
      setFields(values ? empty.map((_, i) => values[i] ?? "") : empty);
      setFieldErrors([]);
      setOutcome(null);
      setNotice(null);
      setInsertError(null);
    },
    [all],
  );

  React.useEffect(() => {
    if (info && fields.length !== info.meta.parameters.length) setFields(emptyFields(info));
  }, [info, fields.length]);

  const formula = info ? formulaText("CRM", info.meta.id, fields.map(argumentFormulaText)) : "";

  /** Reads the fields (cells through the port) and calls the function as Excel would; shows the outcome and returns it. */
  async function calculate(target: FunctionInfo | undefined = info, values: string[] = fields): Promise<Outcome | null> {
    if (!target) return null;
    setBusy(true);
    setNotice(null);
    setInsertError(null);
    try {
      const resolved = await Promise.all(target.meta.parameters.map((_, i) => resolveField(values[i] ?? "", port)));
      setFieldErrors(resolved.map((r) => (r.ok ? undefined : r.message)));
      const result = resolved.every((r) => r.ok) ? invoke(target.meta, resolved.map((r) => (r.ok ? r.value : null))) : null;
      setOutcome(result);
      return result;
    } finally {
      setBusy(false);
    }
  }

  /** Picks the function of a formula such as =CRM.CLV(8%, 10, 1000), fills its fields and calculates. */
  function fillFrom(text: string): boolean {
    const call = splitCrmCall(text);
    const target = call && all.find((f) => f.meta.id === call.id);
    if (!call || !target) return false;
    const values = call.args.map(fieldText);
    choose(call.id, values);
    void calculate(target, values);
    return true;
  }

  async function pickSelection(i: number): Promise<void> {
    if (!port) return;
    const range = await port.selection();
    if (!range) {
      setFieldErrors((e) => Object.assign([...e], { [i]: xt("noSelection", language) }));
      return;
    }
    setFields((f) => Object.assign([...f], { [i]: referenceText(range) }));
    setFieldErrors((e) => Object.assign([...e], { [i]: undefined }));
  }

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(formula);
      setNotice(xt("copied", language));
    } catch {
      setNotice(null);
    }
  }

  async function insert(): Promise<void> {
    if (!port) return;
    try {
      // The preview's workbook cannot calculate CRM functions: it keeps the value computed here (a spilled table stays uncalculated).
      const result = inExcel ? null : await calculate();
      const cached = result?.kind === "value" ? (result.value ?? null) : result?.kind === "error" ? result.code : undefined;
      await port.insertFormula(formula, cached);
      setInsertError(null);
      setNotice(xt("inserted", language));
    } catch (e) {
      setNotice(null);
      setInsertError(e instanceof Error ? e.message : String(e));
    }
  }

  if (loadError) {
    return (
      <PaneMessageBar intent="error">
        <MessageBarBody>{xt("loadFailed", language, { message: loadError })}</MessageBarBody>
      </PaneMessageBar>
    );
  }
  if (!groups) return <Spinner size="small" label={xt("loading", language)} />;

  return (
    <div className={styles.root} data-testid="function-explorer">
      <Body1>{xt("intro", language)}</Body1>
      <Field label={xt("function", language)}>
        <Select className={styles.shrink} select={{ className: styles.shrink }} value={id} onChange={(_, d) => choose(d.value)} data-testid="explorer-function">
          {groups.map((g) => (
            <optgroup key={g.key} label={g.title[language]}>
              {g.functions.map((f) => (
                <option key={f.meta.id} value={f.meta.id}>
                  {`CRM.${f.meta.id}${f.help ? ` · ${f.help.name[language]}` : ""}`}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </Field>
      {info && (
        <>
          <Body1>{info.meta.description}</Body1>
          <div className={styles.row}>
            <Link href={helpPage(info.meta.id, language)} target="_blank" rel="noopener" data-testid="explorer-help">
              {xt("help", language, { id: info.meta.id })}
            </Link>
            <Link href={`help/${language}/index.html`} target="_blank" rel="noopener">
              {xt("allHelp", language)}
            </Link>
          </div>
          {info.help && info.help.examples.length > 0 && (
            <div className={styles.examples}>
              <Caption1>{xt("examples", language)}</Caption1>
              {info.help.examples.map((e) => (
                <Button key={e.formula} appearance="subtle" size="small" className={styles.example} title={e[language]} onClick={() => fillFrom(e.formula)}>
                  {e.formula}
                </Button>
              ))}
            </div>
          )}
          <form
            className={styles.params}
            onSubmit={(e) => {
              e.preventDefault();
              void calculate();
            }}
          >
            <Caption1>{xt("inputHint", language)}</Caption1>
            {info.meta.parameters.map((p, i) => (
              <Field
                key={`${info.meta.id}-${p.name}`}
                label={`${p.name} (${p.optional ? xt("optional", language) : xt("required", language)})`}
                hint={p.description}
                validationMessage={fieldErrors[i]}
                validationState={fieldErrors[i] ? "error" : "none"}
              >
                <div className={styles.row}>
                  <Input
                    className={styles.grow}
                    value={fields[i] ?? ""}
                    onChange={(_, d) => setFields((f) => Object.assign([...f], { [i]: d.value }))}
                    data-testid={`explorer-arg-${p.name}`}
                    aria-label={p.name}
                  />
                  {port && (
                    <Button size="small" onClick={() => void pickSelection(i)} title={xt("useSelection", language)}>
                      {xt("useSelection", language)}
                    </Button>
                  )}
                </div>
              </Field>
            ))}
            <div className={styles.row}>
              <Button appearance="primary" type="submit" disabled={busy} data-testid="explorer-calculate">
                {xt("calculate", language)}
              </Button>
              <Button onClick={() => choose(id)}>{xt("clear", language)}</Button>
            </div>
          </form>
          <Field label={xt("formula", language)} validationMessage={insertError ?? undefined} validationState={insertError ? "error" : "none"}>
            <div className={styles.row}>
              <Input className={`${styles.grow} ${styles.formula}`} readOnly value={formula} data-testid="explorer-formula" aria-label={xt("formula", language)} />
              <Button size="small" onClick={() => void copy()}>
                {xt("copy", language)}
              </Button>
              {port && (
                <Button size="small" onClick={() => void insert()}>
                  {xt("insert", language)}
                </Button>
              )}
            </div>
          </Field>
          {notice && <Caption1>{notice}</Caption1>}
          {busy && <Spinner size="tiny" />}
          {outcome && <ResultView outcome={outcome} language={language} />}
          <Field label={xt("pasteFormula", language)} validationMessage={pasteError ?? undefined} validationState={pasteError ? "error" : "none"}>
            <div className={styles.row}>
              <Input className={`${styles.grow} ${styles.formula}`} value={pasted} placeholder={xt("pastePlaceholder", language)} onChange={(_, d) => setPasted(d.value)} data-testid="explorer-paste" aria-label={xt("pasteFormula", language)} />
              <Button
                size="small"
                onClick={() => {
                  const ok = fillFrom(pasted);
                  setPasteError(ok ? null : xt("notCrm", language, { formula: pasted }));
                }}
              >
                {xt("load", language)}
              </Button>
            </div>
          </Field>
        </>
      )}
      {!info && <Text>{xt("loading", language)}</Text>}
    </div>
  );
}

/** The explorer inside the task pane: the session's language and workbook. */
export function Explorer(): React.JSX.Element {
  const { language, port, host } = useSession();
  return <ExplorerView language={language} port={port} inExcel={host.kind === "excel"} />;
}
