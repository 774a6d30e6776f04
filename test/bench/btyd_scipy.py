"""The same BG/NBD and Pareto/NBD fits in scipy, for npm run bench -- btyd.

Reads a CSV of x,t_x,T (one customer a row), folds equal histories into weights with pandas and
maximises the same log-likelihoods (Fader, Hardie & Lee 2005; Fader & Hardie's 2F1 form for
Pareto/NBD) with scipy's Nelder-Mead on log-parameters from the same starting point as the add-in.
Prints one JSON line per model: seconds (fold + fit), parameters, log-likelihood.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1


def bgnbd_ll(p, x, tx, T, w):
    r, alpha, a, b = p
    ll = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    alive = -(r + x) * np.log(alpha + T)
    dropped = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return float((w * (ll + np.logaddexp(alive, dropped))).sum())


def pnbd_ll(p, x, tx, T, w):
    r, alpha, s, beta = p
    if alpha >= beta:
        m, b2 = alpha, s + 1
    else:
        m, b2 = beta, r + x
    d = abs(alpha - beta)
    rsx = r + s + x
    with np.errstate(divide="ignore", invalid="ignore"):
        early = np.log(hyp2f1(rsx, b2, rsx + 1, d / (m + tx))) - rsx * np.log(m + tx)
        late = np.log(hyp2f1(rsx, b2, rsx + 1, d / (m + T))) - rsx * np.log(m + T)
        log_a0 = np.where(early > late, early + np.log1p(-np.exp(np.minimum(late - early, 0))), -np.inf)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    a2 = np.logaddexp(-(r + x) * np.log(alpha + T) - s * np.log(beta + T), np.log(s) - np.log(rsx) + log_a0)
    return float((w * (a1 + a2)).sum())


def fit(model, frame):
    t0 = time.perf_counter()
    g = frame.groupby(["x", "tx", "T"]).size().reset_index(name="w")
    x, tx, T, w = (g[c].to_numpy(dtype=float) for c in ("x", "tx", "T", "w"))
    n = w.sum()
    rate = (w * T).sum() / max((w * x).sum(), 1e-9)
    if model == "bgnbd":
        ll, start = bgnbd_ll, [1, rate, 1, 1]
    else:
        ll, start = pnbd_ll, [1, rate, 1, (w * T).sum() / n]

    def objective(theta):
        value = ll(np.exp(theta), x, tx, T, w)
        return -value / n if np.isfinite(value) else np.inf

    res = minimize(objective, np.log(start), method="Nelder-Mead", options={"xatol": 1e-9, "fatol": 1e-11, "maxfev": 8000, "maxiter": 8000})
    seconds = time.perf_counter() - t0
    p = np.exp(res.x)
    return {"model": model, "seconds": seconds, "rows": int(len(w)), "params": [float(v) for v in p], "log_likelihood": ll(p, x, tx, T, w), "converged": bool(res.success), "evaluations": int(res.nfev)}


if __name__ == "__main__":
    data = pd.read_csv(sys.argv[1])
    for model in sys.argv[2:]:
        print(json.dumps(fit(model, data)), flush=True)
