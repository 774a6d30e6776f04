/**
 * Shifted-beta-geometric model of contractual retention (Fader & Hardie 2007, "How to project
 * customer retention"): each customer renews with a constant probability 1 − θ, θ ~ Beta(α, β).
 */
import { numError, valueError } from "../errors";
import { fitByLikelihood } from "./fit";
import { betaln } from "./special";
import { exp } from "./math";

export interface SbgParams {
  alpha: number;
  beta: number;
}

/** S(t) = B(α, β + t)/B(α, β). */
export function sbgSurvival({ alpha, beta }: SbgParams, t: number): number {
  return exp(betaln(alpha, beta + t) - betaln(alpha, beta));
}

/** r_t = (β + t − 1)/(α + β + t − 1), t ≥ 1. */
export function sbgRetention({ alpha, beta }: SbgParams, t: number): number {
  return (beta + t - 1) / (alpha + beta + t - 1);
}

/** Checks a survivor series: a cohort size > 0, whole counts ≥ 0 that never rise, at least 2 values. */
export function checkSurvivors(s: readonly number[]): void {
  if (s.length < 2) throw valueError("survivors needs the cohort size and at least one later count");
  if (!(s[0] > 0)) throw numError("survivors: the cohort size (first value) must be > 0");
  for (let t = 1; t < s.length; t++) {
    if (!(s[t] >= 0)) throw numError(`survivors value ${t + 1} must be ≥ 0`);
    if (s[t] > s[t - 1]) throw numError(`survivors value ${t + 1} (${s[t]}) is more than the one before (${s[t - 1]}): counts never rise`);
  }
}

/** ln L = Σ_t (lost in t)·ln P(T = t) + (still active at the end)·ln S(end). */
export function sbgLogLikelihood({ alpha, beta }: SbgParams, survivors: readonly number[]): number {
  const lnB = betaln(alpha, beta);
  let ll = 0;
  for (let t = 1; t < survivors.length; t++) {
    const lost = survivors[t - 1] - survivors[t];
    if (lost > 0) ll += lost * (betaln(alpha + 1, beta + t - 1) - lnB);
  }
  const end = survivors.length - 1;
  if (survivors[end] > 0) ll += survivors[end] * (betaln(alpha, beta + end) - lnB);
  return ll;
}

export function fitSbg(survivors: readonly number[]): { params: SbgParams; logLikelihood: number; converged: boolean } {
  checkSurvivors(survivors);
  if (survivors[survivors.length - 1] === survivors[0]) throw numError("survivors: nobody left, so there is no churn to fit");
  const toParams = ([alpha, beta]: number[]): SbgParams => ({ alpha, beta });
  const result = fitByLikelihood((v) => sbgLogLikelihood(toParams(v), survivors), [1, 1], survivors[0]);
  return { params: toParams(result.params), logLikelihood: result.logLikelihood, converged: result.converged };
}
