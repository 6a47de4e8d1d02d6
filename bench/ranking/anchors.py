"""The anchors we must beat, fitted with `lifetimes` 0.11.3 exactly as its docs show.

lifetimes 0.11.3 predates pandas 3 / numpy 2. Checked on this machine (pandas 3.1, numpy 2.4): the
fitters and `summary_data_from_transaction_data` run unpatched (only FutureWarnings, silenced
here), and BG/NBD reproduces the paper on the CDNOW summary, so no monkeypatch is needed.
`summary` below builds the calibration table with plain pandas so that all four rankers see
exactly the same customers and the same as_of-exclusive convention (freq = days).
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd


def _quiet_lifetimes():
    warnings.filterwarnings("ignore", module="lifetimes")
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter

    return BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter


def summary(tx: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """frequency / recency / T / monetary_value in days, lifetimes conventions, rows before as_of."""
    cal = tx[tx["ordered_at"] < as_of]
    daily = cal.groupby(["customer_id", cal["ordered_at"].dt.floor("D")])["amount"].sum().reset_index()
    g = daily.groupby("customer_id")
    first, last = g["ordered_at"].min(), g["ordered_at"].max()
    n = g.size()
    total = g["amount"].sum()
    first_amt = daily.sort_values("ordered_at").groupby("customer_id")["amount"].first()
    out = pd.DataFrame({
        "frequency": (n - 1).astype(float),
        "recency": (last - first).dt.days.astype(float),
        "T": (as_of - first).dt.days.astype(float),
    })
    out["monetary_value"] = np.where(out["frequency"] > 0,
                                     (total - first_amt) / out["frequency"].clip(lower=1), 0.0)
    out["first_amount"] = first_amt
    return out


def rfm_score(s: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Classic RFM cell code: quintiles of recency (days since last), frequency, monetary."""
    since = s["T"] - s["recency"]
    spend = np.where(s["frequency"] > 0, s["monetary_value"], s["first_amount"])

    def quint(v):
        return np.ceil(5 * pd.Series(v).rank(method="average", pct=True).to_numpy())

    score = 100 * quint(-since) + 10 * quint(s["frequency"]) + quint(spend)
    return score, score


def _spend(gg, s: pd.DataFrame) -> np.ndarray:
    repeat = (s["frequency"] > 0) & (s["monetary_value"] > 0)
    p, q, v = gg.params_["p"], gg.params_["q"], gg.params_["v"]
    out = np.full(len(s), p * v / (q - 1))  # population mean for first-time buyers
    out[repeat.to_numpy()] = gg.conditional_expected_average_profit(
        s.loc[repeat, "frequency"], s.loc[repeat, "monetary_value"]).to_numpy()
    return out


def lifetimes_model(s: pd.DataFrame, horizon_days: int, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """(buy score, value score): expected purchases, and expected purchases x Gamma-Gamma spend."""
    BG, GG, PNBD = _quiet_lifetimes()
    model = BG(penalizer_coef=0.0) if kind == "bgnbd" else PNBD(penalizer_coef=0.0)
    model.fit(s["frequency"], s["recency"], s["T"])
    n = model.conditional_expected_number_of_purchases_up_to_time(
        horizon_days, s["frequency"], s["recency"], s["T"])
    n = np.nan_to_num(np.asarray(n, float), nan=0.0)
    repeat = (s["frequency"] > 0) & (s["monetary_value"] > 0)
    gg = GG(penalizer_coef=0.0).fit(s.loc[repeat, "frequency"], s.loc[repeat, "monetary_value"])
    return n, n * _spend(gg, s)
