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

/** A smooth function's value, gradient and Hessian at one point. */
export interface Curvature {
  value: number;
  gradient: number[];
  hessian: number[][];
}

/** Solves A·d = g for a symmetric positive definite A (Cholesky); undefined when A is not. */
function solvePositive(a: number[][], g: number[]): number[] | undefined {
  const n = g.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = g[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const d = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * d[k];
    d[i] = s / l[i][i];
  }
  return d;
}

/**
 * Maximises f from x0 by Newton steps damped as Levenberg–Marquardt does ((μI − H)·d = ∇f, μ
 * raised until the step is uphill): a handful of evaluations where Nelder–Mead needs hundreds,
 * for a likelihood whose derivatives cost about what its value costs. Converged when a step
 * moves every coordinate by less than xTolerance, or when a step that promised less than the
 * value's rounding came out lower; not converged (the caller falls back) when the value stops being finite or
 * maxEvaluations run out first.
 */
export function newtonMaximize(f: (x: number[]) => Curvature, x0: number[], options: { xTolerance?: number; maxEvaluations?: number; maxStep?: number } = {}): { x: number[]; value: number; converged: boolean; evaluations: number } {
  const xTol = options.xTolerance ?? 1e-10;
  const maxStep = options.maxStep ?? 1;
  const budget = options.maxEvaluations ?? 200;
  let x = x0.slice();
  let at = f(x);
  let evaluations = 1;
  let mu = 0;
  while (evaluations < budget && Number.isFinite(at.value)) {
    const scale = Math.max(...at.hessian.map((row, i) => Math.abs(row[i])), 1e-300);
    let step: number[] | undefined;
    for (let tries = 0; tries < 60 && !step; tries++) {
      step = solvePositive(at.hessian.map((row, i) => row.map((h, j) => (i === j ? mu - h : -h))), at.gradient);
      if (!step) mu = Math.max(4 * mu, 1e-10 * scale);
    }
    if (!step || !step.every(Number.isFinite)) break;
    // A step longer than maxStep is shortened: where the curvature is nearly flat Newton would
    // leap to where the value is only rounding (a Gamma-Gamma p of 1e21 "improved" the likelihood).
    const longest = Math.max(...step.map(Math.abs));
    if (longest > maxStep) for (let i = 0; i < step.length; i++) step[i] *= maxStep / longest;
    const next = x.map((xi, i) => xi + step[i]);
    if (Math.max(...step.map(Math.abs)) < xTol) return { x: next, value: at.value, converged: true, evaluations };
    const there = f(next);
    evaluations++;
    if (there.value >= at.value) {
      x = next;
      at = there;
      mu = mu < 1e-9 * scale ? 0 : mu / 10;
      continue;
    }
    // Turned down a step that promised less than the value's rounding: what it compared was
    // noise, and the point is the maximum (raising μ would only shrink the step to xTolerance).
    let gain = 0;
    for (let i = 0; i < step.length; i++) gain += at.gradient[i] * step[i];
    if (gain <= 1e-14 * (1 + Math.abs(at.value))) return { x, value: at.value, converged: true, evaluations };
    mu = Math.max(10 * mu, 1e-3 * scale);
  }
  return { x, value: at.value, converged: false, evaluations };
}
