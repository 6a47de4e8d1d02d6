"""Uplift against the holdout: difference in conversion, its 95% CI and a two-proportion z-test."""
from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Uplift:
    treated: int
    treated_converted: int
    holdout: int
    holdout_converted: int
    diff: float  # treated rate - holdout rate
    ci_low: float
    ci_high: float
    z: float
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < 0.05


def rate(hits: int, n: int) -> float:
    return hits / n if n else 0.0


def uplift(x1: int, n1: int, x2: int, n2: int) -> Uplift | None:
    """None without both groups. The CI uses the unpooled standard error (Wald), the test the pooled one."""
    if n1 == 0 or n2 == 0:
        return None
    p1, p2 = x1 / n1, x2 / n2
    diff = p1 - p2
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    pooled = (x1 + x2) / (n1 + n2)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = diff / se0 if se0 > 0 else 0.0
    p_value = math.erfc(abs(z) / math.sqrt(2))
    return Uplift(n1, x1, n2, x2, diff, diff - Z95 * se, diff + Z95 * se, z, p_value)
