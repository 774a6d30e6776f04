/**
 * Maximum-likelihood search shared by every fit: Nelder–Mead on the logarithms of the
 * parameters (so they stay positive without constraints), restarted from its best point until a
 * restart no longer improves — the usual cure for a simplex that collapsed early.
 *
 * Why written here: the only JavaScript minimiser on the npm registry with real use (fmin 0.0.4)
 * throws in its shrink step under strict mode (an undeclared loop variable) and reports no
 * convergence; nothing maintained offers Nelder–Mead or BFGS for plain functions. This is the
 * textbook algorithm (Lagarias et al. 1998, standard coefficients), about 80 lines, tested on its own.
 */

export interface Minimum {
  /** The best point found (log-parameters). */
  x: number[];
  /** The objective there. */
  fx: number;
  /** True when the simplex shrank below the tolerances and a restart confirmed the point. */
  converged: boolean;
  evaluations: number;
}

export interface MinimizeOptions {
  /** Stop when the simplex spans less than this in every coordinate… */
  xTolerance?: number;
  /** …and its values differ by less than this (absolute). */
  fTolerance?: number;
  maxEvaluations?: number;
  /** Initial simplex step in every coordinate. */
  step?: number;
  maxRestarts?: number;
}

type Vertex = { x: number[]; fx: number };

function simplexSearch(f: (x: number[]) => number, x0: number[], step: number, xTol: number, fTol: number, budget: number): { best: Vertex; converged: boolean; used: number } {
  const n = x0.length;
  let used = 0;
  const value = (x: number[]): number => {
    used++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const simplex: Vertex[] = [{ x: x0.slice(), fx: value(x0) }];
  for (let i = 0; i < n; i++) {
    const x = x0.slice();
    x[i] += step;
    simplex.push({ x, fx: value(x) });
  }
  const along = (c: number[], worst: number[], t: number): number[] => c.map((ci, i) => ci + t * (worst[i] - ci));
  while (used < budget) {
    simplex.sort((p, q) => p.fx - q.fx);
    const best = simplex[0];
    const worst = simplex[n];
    let spread = 0;
    for (let j = 1; j <= n; j++) for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(simplex[j].x[i] - best.x[i]));
    if (spread < xTol && worst.fx - best.fx < fTol) return { best, converged: true, used };
    const centroid = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) centroid[i] += simplex[j].x[i] / n;
    const xr = along(centroid, worst.x, -1);
    const fr = value(xr);
    if (fr < best.fx) {
      const xe = along(centroid, worst.x, -2);
      const fe = value(xe);
      simplex[n] = fe < fr ? { x: xe, fx: fe } : { x: xr, fx: fr };
      continue;
    }
    if (fr < simplex[n - 1].fx) {
      simplex[n] = { x: xr, fx: fr };
      continue;
    }
    const outside = fr < worst.fx;
    const xc = along(centroid, worst.x, outside ? -0.5 : 0.5);
    const fc = value(xc);
    if (fc < (outside ? fr : worst.fx)) {
      simplex[n] = { x: xc, fx: fc };
      continue;
    }
    for (let j = 1; j <= n; j++) {
      const x = simplex[j].x.map((xi, i) => best.x[i] + 0.5 * (xi - best.x[i]));
      simplex[j] = { x, fx: value(x) };
    }
  }
  simplex.sort((p, q) => p.fx - q.fx);
  return { best: simplex[0], converged: false, used };
}

/** Minimises f from x0. f may return Infinity for points outside its domain. */
export function minimize(f: (x: number[]) => number, x0: number[], options: MinimizeOptions = {}): Minimum {
  const xTol = options.xTolerance ?? 1e-9;
  const fTol = options.fTolerance ?? 1e-11;
  const maxEvaluations = options.maxEvaluations ?? 8_000;
  const maxRestarts = options.maxRestarts ?? 6;
  let step = options.step ?? 0.5;
  let evaluations = 0;
  let current = simplexSearch(f, x0, step, xTol, fTol, maxEvaluations);
  evaluations += current.used;
  for (let restart = 0; restart < maxRestarts && evaluations < maxEvaluations; restart++) {
    // A converged simplex is confirmed by a fresh, smaller one around its best point.
    step = Math.max(step / 4, 1e-3);
    const again = simplexSearch(f, current.best.x, step, xTol, fTol, maxEvaluations - evaluations);
    evaluations += again.used;
    const improvement = current.best.fx - again.best.fx;
    const settled = current.converged && again.converged && improvement <= fTol * 10;
    if (again.best.fx <= current.best.fx) current = again;
    if (settled) return { x: current.best.x, fx: current.best.fx, converged: Number.isFinite(current.best.fx), evaluations };
  }
  return { x: current.best.x, fx: current.best.fx, converged: false, evaluations };
}
