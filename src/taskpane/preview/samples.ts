/**
 * The sample workbooks the preview can open (assets/samples/*.xlsx, made by
 * scripts/make-samples.mjs; exercises.xlsx comes from the textbook-exercises work and is listed
 * only when the build has it).
 */
import type { WorkflowId } from "../../workflows/types";

export const SAMPLE_NAMES = ["customers", "transactions", "invoices", "credit", "cdnow", "exercises"] as const;
export type SampleName = (typeof SAMPLE_NAMES)[number];

/** Samples that may be missing from a build: probed before they are listed. */
export const OPTIONAL_SAMPLES: readonly SampleName[] = ["exercises"];

/** The date the generated samples are "as of" (their purchases and invoices lie before it). */
export const SAMPLE_AS_OF = "2024-12-31";

/** Samples whose data end before SAMPLE_AS_OF open with their own as-of date (CDNOW: the calibration end of the literature). */
export const SAMPLE_AS_OF_OF: Partial<Record<SampleName, string>> = { cdnow: "1997-09-30" };

/** The as-of date a sample opens with. */
export function sampleAsOf(name: SampleName): string {
  return SAMPLE_AS_OF_OF[name] ?? SAMPLE_AS_OF;
}

export const DEFAULT_SAMPLE: SampleName = "customers";

/** The workflow each sample is made for: the pane opens on it. */
export const SAMPLE_WORKFLOW: Record<SampleName, WorkflowId | undefined> = {
  customers: "rfm",
  transactions: "rfm",
  invoices: "aging",
  credit: "credit",
  cdnow: "predict",
  exercises: undefined,
};

export function isSampleName(name: string | null | undefined): name is SampleName {
  return !!name && (SAMPLE_NAMES as readonly string[]).includes(name);
}

/** ?sample=NAME, or the default sample. */
export function sampleFromSearch(search: string): SampleName {
  const name = new URLSearchParams(search).get("sample");
  return isSampleName(name) ? name : DEFAULT_SAMPLE;
}

export function sampleUrl(name: SampleName): string {
  return `assets/samples/${name}.xlsx`;
}
