/**
 * What every maximum-likelihood fit returns, and the one way they run the optimiser: on
 * log-parameters, mean negative log-likelihood plus lifetimes' penalty λ·Σ(param²).
 */
import { numError } from "../errors";
import { minimize } from "./optimize";

export interface Fit<P> {
  params: P;
  logLikelihood: number;
  customers: number;
  converged: boolean;
}

/**
 * Maximises `logLikelihood(params)` (the total over `customers`) from `start`. The penalised mean
 * is what lifetimes minimises, so the same penalizer gives the same estimates.
 */
export function fitByLikelihood(logLikelihood: (p: number[]) => number, start: number[], customers: number, penalizer = 0): { params: number[]; logLikelihood: number; converged: boolean } {
  if (!(penalizer >= 0) || !Number.isFinite(penalizer)) throw numError("penalizer must be a number ≥ 0");
  const objective = (theta: number[]): number => {
    const p = theta.map(Math.exp);
    for (const v of p) if (!(v > 0) || !Number.isFinite(v)) return Infinity;
    const ll = logLikelihood(p);
    if (!Number.isFinite(ll)) return Infinity;
    let penalty = 0;
    for (const v of p) penalty += v * v;
    return -ll / customers + penalizer * penalty;
  };
  const m = minimize(objective, start.map(Math.log));
  const params = m.x.map(Math.exp);
  const ll = logLikelihood(params);
  if (!Number.isFinite(ll)) throw numError("the fit found no finite log-likelihood for these customers");
  return { params, logLikelihood: ll, converged: m.converged };
}
