/**
 * Math functions and constants bound once, for the hot loops of the likelihoods. In a sandboxed
 * global (Node's vm contexts, which fxeval and jest use, and script hosts like Excel's) every
 * lookup of a global name such as `Math` or `Infinity` goes through the sandbox's interceptor;
 * module bindings do not. Measured: the Pareto/NBD fit on CDNOW went from 41 s to well under one.
 */
export const { abs, exp, expm1, log, log1p, max, min, sqrt } = Math;
export const INF = 1 / 0;
export const NEG_INF = -1 / 0;
