"""pandas doing what each CRM array function does, by the same rule, on the same rows.

Called by functions.bench.ts: argv[1] is a directory with the input columns (.f64 little-endian
doubles, .txt one id a line) and config.json; argv[2] the names of the functions to run. Each
function is timed best of CRM_BENCH_RUNS (3) after a warm-up, from its DataFrame to its result (as the bench times
the bundle from Excel's arguments to the returned rows); text ids are re-read before every run, so
neither side hashes strings it has seen before. Results go to <dir>/out/<NAME>.* for the bench to
compare; the timings are printed as one JSON line.
Money is summed in integer cents (exact, as the add-in sums it), not as floats.
"""
import json
import os
import sys
import time
from decimal import Decimal

import numpy as np
import pandas as pd

d = sys.argv[1]
only = set(sys.argv[2].split(",")) if len(sys.argv) > 2 and sys.argv[2] else None
cfg = json.load(open(f"{d}/config.json", encoding="utf8"))
BINS = cfg["bins"]
AS_OF = cfg["asOf"]
EDGES = [-np.inf, 0] + cfg["edges"] + [np.inf]
out_dir = f"{d}/out"


def f64(name):
    return np.fromfile(f"{d}/{name}.f64", dtype="<f8")


def ids(name):
    with open(f"{d}/{name}.txt", encoding="utf8") as fh:
        return fh.read().split("\n")


def best(fn, fresh=lambda: (), runs=int(os.environ.get("CRM_BENCH_RUNS", "3"))):
    out = fn(*fresh())
    t = float("inf")
    for _ in range(runs):
        args = fresh()
        t0 = time.perf_counter()
        out = fn(*args)
        t = min(t, time.perf_counter() - t0)
    return t, out


def cents(s):
    return (s * 100).round().astype("int64")


timings = {}


def run(name, fn, save, fresh=lambda: ()):
    if only is not None and name not in only:
        return
    t, out = best(fn, fresh)
    timings[name] = t * 1000
    save(out)


cust = pd.DataFrame({"r": f64("rec"), "f": f64("freq"), "m": f64("mon")})
n = len(cust)


def rfmscore():
    # c = customers strictly lower (recency: strictly higher) = the "min" rank − 1
    r = 1 + (BINS * (cust["r"].rank(method="min", ascending=False) - 1) // n)
    f = 1 + (BINS * (cust["f"].rank(method="min") - 1) // n)
    m = 1 + (BINS * (cust["m"].rank(method="min") - 1) // n)
    return (r * 100 + f * 10 + m).astype("int16")


run("RFMSCORE", rfmscore, lambda o: o.to_numpy().tofile(f"{out_dir}/RFMSCORE.i16"))


def rfmbreaks():
    ms = [-(-k * n // BINS) for k in range(1, BINS)]  # m = ceil(k·n/bins)
    rows = []
    for col, higher in (("r", False), ("f", True), ("m", True)):
        s = cust[col].sort_values(ignore_index=True)
        rows.append([s.iloc[m - 1] if higher else s.iloc[n - m] for m in ms])
    return np.array(rows, dtype="<f8")


run("RFMBREAKS", rfmbreaks, lambda o: o.tofile(f"{out_dir}/RFMBREAKS.f64"))

CN8 = np.array(cfg["cn8"], dtype=object)  # indexed by r·4 + f·2 + m bits (1 = high)


def rfmsegment(seg):
    high = (BINS + 1) / 2
    bits = (seg["r"] > high).astype("int8") * 4 + (seg["f"] > high).astype("int8") * 2 + (seg["m"] > high).astype("int8")
    return pd.Series(CN8[bits.to_numpy()]), bits


if only is None or "RFMSEGMENT" in only:
    seg = pd.DataFrame({"r": f64("sr"), "f": f64("sf"), "m": f64("sm")})
    run("RFMSEGMENT", lambda: rfmsegment(seg), lambda o: o[1].to_numpy().astype("int8").tofile(f"{out_dir}/RFMSEGMENT.i8"))


def rfmtable(tx):
    g = tx.assign(cents=cents(tx["amount"])).groupby("id", sort=False)
    t = g.agg(frequency=("date", "size"), cents=("cents", "sum"), first=("date", "min"), last=("date", "max"))
    t["recency"] = AS_OF - t["last"]
    t["monetary"] = t["cents"] / 100
    return t


def save_rfmtable(t):
    with open(f"{out_dir}/RFMTABLE.txt", "w", encoding="utf8") as fh:
        fh.write("\n".join(t.index))
    t[["recency", "frequency", "monetary", "first", "last"]].to_numpy(dtype="<f8").tofile(f"{out_dir}/RFMTABLE.f64")


if only is None or "RFMTABLE" in only:
    tx_dates, tx_amounts = f64("tx_dates"), f64("tx_amounts")
    run("RFMTABLE", lambda tx: rfmtable(tx), save_rfmtable, lambda: (pd.DataFrame({"id": ids("tx_ids"), "date": tx_dates, "amount": tx_amounts}),))

values = pd.Series(f64("mon"))


def abcclass():
    pos = values[values > 0]
    s = pos.sort_values(ascending=False, kind="stable")  # ties keep row order
    c = cents(s).to_numpy()
    above = np.cumsum(c) - c  # exact value held by the customers ranked above, in cents
    total = c.sum()
    a, b = round(cfg["abc"][0] * 100), round(cfg["abc"][1] * 100)
    cls = np.where(above * 100 < a * total, 0, np.where(above * 100 < b * total, 1, 2)).astype("int8")
    out = np.full(len(values), 2, dtype="int8")
    out[s.index.to_numpy()] = cls
    return pd.Series(np.array(["A", "B", "C"], dtype=object)[out]), out


run("ABCCLASS", abcclass, lambda o: o[1].tofile(f"{out_dir}/ABCCLASS.i8"))

TIERS = np.array(cfg["pyramidLabels"], dtype=object)


def pyramid():
    k = values.rank(method="min", ascending=False)  # 1 = largest, ties share the best rank
    cumulative = np.cumsum(cfg["pyramidPercent"])
    max_ranks = [min(n, c * n // 100) for c in cumulative[:-1]] + [n]
    tier = np.searchsorted(max_ranks, k.to_numpy(), side="left").astype("int8")  # first tier with k ≤ its max rank
    return pd.Series(TIERS[tier]), tier


run("PYRAMID", pyramid, lambda o: o[1].tofile(f"{out_dir}/PYRAMID.i8"))


def agingbucket(due):
    days = np.floor(AS_OF) - np.floor(due)
    return pd.cut(days, EDGES, labels=cfg["agingLabels"])


if only is None or "AGINGBUCKET" in only:
    due = pd.Series(f64("due"))
    run("AGINGBUCKET", lambda: agingbucket(due), lambda o: o.cat.codes.to_numpy().astype("int8").tofile(f"{out_dir}/AGINGBUCKET.i8"))


def agingtable(ag):
    buckets = pd.cut(np.floor(AS_OF) - np.floor(ag["due"]), EDGES, labels=False)
    width = len(EDGES) - 1
    t = pd.DataFrame({"id": ag["id"], "b": buckets, "c": cents(ag["amount"])}).groupby(["id", "b"], sort=False)["c"].sum().unstack(fill_value=0)
    t = t.reindex(index=pd.unique(ag["id"]), columns=range(width), fill_value=0)  # first appearance
    t["total"] = t.sum(axis=1)
    return t / 100, t.sum(axis=0) / 100


def save_agingtable(o):
    t, total = o
    with open(f"{out_dir}/AGINGTABLE.txt", "w", encoding="utf8") as fh:
        fh.write("\n".join(t.index))
    np.vstack([t.to_numpy(dtype="<f8"), total.to_numpy(dtype="<f8")[None, :]]).tofile(f"{out_dir}/AGINGTABLE.f64")


if only is None or "AGINGTABLE" in only:
    ag_due, ag_amount = f64("ag_due"), f64("ag_amount")
    run("AGINGTABLE", agingtable, save_agingtable, lambda: (pd.DataFrame({"id": ids("ag_ids"), "due": ag_due, "amount": ag_amount}),))


def allowance(al):
    b = pd.cut(al["days"], EDGES, labels=False)
    sums = cents(al["amount"]).groupby(b).sum().reindex(range(len(EDGES) - 1), fill_value=0)
    return float(sum(Decimal(int(c)) / 100 * Decimal(repr(r)) for c, r in zip(sums, cfg["rates"])))


if only is None or "ALLOWANCE" in only:
    al = pd.DataFrame({"amount": f64("al_amount"), "days": f64("al_days")})
    run("ALLOWANCE", lambda: allowance(al), lambda o: np.array([o], dtype="<f8").tofile(f"{out_dir}/ALLOWANCE.f64"))


def creditscore(cs):
    # Σ x / 5 / scale_max × 100 with equal weights, exactly: the ratings are halves, so Σ 2x is an
    # integer and one division gives the correctly rounded score, as the add-in's decimal does.
    twice = (cs * 2).round().sum(axis=1)
    return twice * 100 / (2 * 5 * cfg["scaleMax"])


if only is None or "CREDITSCORE" in only:
    cs = pd.DataFrame({c: f64(f"cs{c}") for c in range(5)})
    run("CREDITSCORE", lambda: creditscore(cs), lambda o: o.to_numpy(dtype="<f8").tofile(f"{out_dir}/CREDITSCORE.f64"))



def agingdays(due):
    return np.floor(AS_OF) - np.floor(due)


if only is None or "AGINGDAYS" in only:
    due = pd.Series(f64("due"))
    run("AGINGDAYS", lambda: agingdays(due), lambda o: o.to_numpy(dtype="<f8").tofile(f"{out_dir}/AGINGDAYS.f64"))

GRADES = np.array(["AAA", "AA", "A", "B", "C"], dtype=object)


def creditgrade(score):
    # the default table: ≥ 90 AAA, ≥ 80 AA, ≥ 70 A, ≥ 60 B, else C
    code = pd.cut(score, [-np.inf, 60, 70, 80, 90, np.inf], right=False, labels=False).to_numpy().astype("int8")
    code = 4 - code
    return pd.Series(GRADES[code]), code


if only is None or "CREDITGRADE" in only:
    grades = pd.Series(f64("grades"))
    run("CREDITGRADE", lambda: creditgrade(grades), lambda o: o[1].tofile(f"{out_dir}/CREDITGRADE.i8"))

VALUE_LABELS = np.array(["重要客户", "维持型客户", "培养型客户", "观望型客户"], dtype=object)


def valuematrix(v):
    ct, pt = cfg["thresholds"]
    q = (v["c"] < ct).astype("int8").to_numpy() * 2 + (v["p"] < pt).astype("int8").to_numpy()
    return pd.Series(VALUE_LABELS[q]), q


if only is None or "VALUEMATRIX" in only:
    vm = pd.DataFrame({"c": f64("current"), "p": f64("potential")})
    run("VALUEMATRIX", lambda: valuematrix(vm), lambda o: o[1].tofile(f"{out_dir}/VALUEMATRIX.i8"))

LOYALTY_LABELS = np.array(["超值忠诚", "潜在忠诚", "激励忠诚", "价格忠诚"], dtype=object)


def loyaltytype(v):
    q = (v["a"] < 0.5).astype("int8").to_numpy() * 2 + (v["r"] < 0.5).astype("int8").to_numpy()
    return pd.Series(LOYALTY_LABELS[q]), q


if only is None or "LOYALTYTYPE" in only:
    ly = pd.DataFrame({"a": f64("attachment"), "r": f64("repeat")})
    run("LOYALTYTYPE", lambda: loyaltytype(ly), lambda o: o[1].tofile(f"{out_dir}/LOYALTYTYPE.i8"))


def repeatsummary(tx):
    # occasions: one customer's purchases on one date, amounts summed (integer cents)
    occ = tx.assign(cents=cents(tx["amount"])).groupby(["id", "date"], sort=False)["cents"].sum().reset_index()
    g = occ.groupby("id", sort=False)
    first_day = g["date"].transform("min")
    t = g.agg(n=("date", "size"), first=("date", "min"), last=("date", "max"), total=("cents", "sum"))
    first_cents = occ.loc[occ["date"] == first_day].groupby("id", sort=False)["cents"].sum()
    t = t.loc[pd.unique(tx["id"])]  # first-appearance order
    x = t["n"] - 1
    repeat_cents = t["total"] - first_cents.reindex(t.index)
    mean = np.where(x > 0, repeat_cents / (100 * x.where(x > 0, 1)), 0.0)
    return pd.DataFrame({"x": x, "tx": (t["last"] - t["first"]) / 7, "T": (AS_OF - t["first"]) / 7, "mean": mean}, index=t.index)


def save_repeatsummary(t):
    with open(f"{out_dir}/REPEATSUMMARY.txt", "w", encoding="utf8") as fh:
        fh.write("\n".join(t.index))
    t.to_numpy(dtype="<f8").tofile(f"{out_dir}/REPEATSUMMARY.f64")


if only is None or "REPEATSUMMARY" in only:
    tx_dates, tx_amounts = f64("tx_dates"), f64("tx_amounts")
    run("REPEATSUMMARY", repeatsummary, save_repeatsummary, lambda: (pd.DataFrame({"id": ids("tx_ids"), "date": tx_dates, "amount": tx_amounts}),))

R, ALPHA, A, B = cfg["bgnbd"]


def palive(h):
    x, tx, T = h["x"], h["tx"], h["T"]
    odds = np.where(x > 0, A / (B + x - 1) * ((ALPHA + T) / (ALPHA + tx)) ** (R + x), 0.0)
    return 1 / (1 + odds)


def expectedpurchases(h):
    # lifetimes' BetaGeoFitter.conditional_expected_number_of_purchases_up_to_time
    from scipy.special import hyp2f1

    t = cfg["horizon"]
    x, tx, T = h["x"].to_numpy(), h["tx"].to_numpy(), h["T"].to_numpy()
    first = (A + B + x - 1) / (A - 1)
    second = 1 - ((ALPHA + T) / (ALPHA + T + t)) ** (R + x) * hyp2f1(R + x, B + x, A + B + x - 1, t / (ALPHA + T + t))
    odds = np.where(x > 0, A / (B + x - 1) * ((ALPHA + T) / (ALPHA + tx)) ** (R + x), 0.0)
    return first * second / (1 + odds)


if only is None or only & {"PALIVE", "EXPECTEDPURCHASES"}:
    hist = pd.DataFrame({"x": f64("btyd_x"), "tx": f64("btyd_tx"), "T": f64("btyd_T")})
    run("PALIVE", lambda: palive(hist), lambda o: np.asarray(o, dtype="<f8").tofile(f"{out_dir}/PALIVE.f64"))
    run("EXPECTEDPURCHASES", lambda: expectedpurchases(hist), lambda o: np.asarray(o, dtype="<f8").tofile(f"{out_dir}/EXPECTEDPURCHASES.f64"))

GG_P, GG_Q, GG_V = cfg["gg"]


def expectedvalue(h):
    # lifetimes' GammaGammaFitter.conditional_expected_average_profit (x = 0: the population mean)
    x, m = h["x"].to_numpy(), h["m"].to_numpy()
    return np.where(x > 0, (GG_P * (GG_V + x * m)) / (GG_P * x + GG_Q - 1), (GG_P * GG_V) / (GG_Q - 1))


def conditional_purchases(x, tx, T, t):
    from scipy.special import hyp2f1

    first = (A + B + x - 1) / (A - 1)
    second = 1 - ((ALPHA + T) / (ALPHA + T + t)) ** (R + x) * hyp2f1(R + x, B + x, A + B + x - 1, t / (ALPHA + T + t))
    odds = np.where(x > 0, A / (B + x - 1) * ((ALPHA + T) / (ALPHA + tx)) ** (R + x), 0.0)
    return first * second / (1 + odds)


def clvpredict(h):
    # lifetimes' customer_lifetime_value: the expected purchases of each period, discounted, times
    # the Gamma-Gamma expected value and the margin
    x, tx, T = h["x"].to_numpy(), h["tx"].to_numpy(), h["T"].to_numpy()
    value = expectedvalue(h)
    total = np.zeros(len(x))
    prev = np.zeros(len(x))
    for k in range(1, cfg["clvHorizon"] + 1):
        cur = conditional_purchases(x, tx, T, k)
        total += (cur - prev) / (1 + cfg["clvRate"]) ** k
        prev = cur
    return total * value * cfg["clvMargin"]


def gammagammafit(h):
    # the same likelihood as lifetimes' GammaGammaFitter on the customers with x > 0, equal (x, m)
    # folded into weights, scipy's Nelder-Mead on log-parameters from the add-in's start
    from scipy.optimize import minimize
    from scipy.special import gammaln

    g = h.loc[h["x"] > 0].groupby(["x", "m"]).size().reset_index(name="w")
    x, m, w = (g[c].to_numpy(dtype=float) for c in ("x", "m", "w"))
    n = w.sum()

    def ll(p, q, v):
        px = p * x
        return float((w * (-gammaln(q) + q * np.log(v) + gammaln(px + q) - gammaln(px) + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(x * m + v))).sum())

    def objective(theta):
        value = ll(*np.exp(theta))
        return -value / n if np.isfinite(value) else np.inf

    start = [2, 2, max((w * m).sum() / n / 2, 1e-6)]
    res = minimize(objective, np.log(start), method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-13, "maxfev": 8000, "maxiter": 8000})
    p = np.exp(res.x)
    return np.array([*p, ll(*p), n], dtype="<f8")


if only is None or only & {"EXPECTEDVALUE", "CLVPREDICT", "GAMMAGAMMAFIT"}:
    spend = pd.DataFrame({"x": f64("btyd_x"), "tx": f64("btyd_tx"), "T": f64("btyd_T"), "m": f64("gg_mean")})
    run("EXPECTEDVALUE", lambda: expectedvalue(spend), lambda o: np.asarray(o, dtype="<f8").tofile(f"{out_dir}/EXPECTEDVALUE.f64"))
    run("CLVPREDICT", lambda: clvpredict(spend), lambda o: np.asarray(o, dtype="<f8").tofile(f"{out_dir}/CLVPREDICT.f64"))
    run("GAMMAGAMMAFIT", lambda: gammagammafit(spend), lambda o: o.tofile(f"{out_dir}/GAMMAGAMMAFIT.f64"))

print(json.dumps(timings))
