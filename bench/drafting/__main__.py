"""Offline drafts per second and guardrail check time per draft, against a bare template fill
(the anchor: no writer built on these templates can be faster than filling one once).

    python -m bench.drafting [--catalogue 5000] [--seconds 2]
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from string import Template

from copilot.drafting import CatalogueIndex, Drafter, GuardContext, Guardrails
from copilot.drafting.models import CustomerFacts, DraftKind, DraftRequest, ProductFact
from core.domain import Persona, Product
from prompts.loader import TEMPLATE_VARIABLES, PromptLibrary

WORDS_EN = "Hydra Silk Velvet Gold Rose Aqua Pure Night Day Glow Calm Repair Bright Soft".split()
KINDS_EN = "Cream Serum Toner Mask Balm Lotion Oil Mist Gel Cleanser".split()
WORDS_ZH = "水润 丝滑 丝绒 黄金 玫瑰 清透 纯净 夜间 日间 焕亮 舒缓 修护 亮白 柔软".split()
KINDS_ZH = "面霜 精华 爽肤水 面膜 唇膏 乳液 精油 喷雾 凝胶 洁面乳".split()


def catalogue(size: int, rng: random.Random) -> list[Product]:
    products = []
    for i in range(size):
        a, k = rng.randrange(len(WORDS_EN)), rng.randrange(len(KINDS_EN))
        name_en = f"{WORDS_EN[a]} {KINDS_EN[k]} No.{i}"
        name_zh = f"{WORDS_ZH[a]}{KINDS_ZH[k]}{i}号"
        products.append(Product(f"BK-{i:05d}", name_zh, KINDS_EN[k], Decimal(rng.randrange(39, 999)),
                                i18n={"en": {"name": name_en}}, usage_cycle_days=60))
    return products


def requests(products: list[Product], rng: random.Random) -> list[DraftRequest]:
    out = []
    for kind in DraftKind:
        for language, first in (("zh", "丽丽"), ("en", "Lily")):
            picks = rng.sample(products, 3)
            out.append(DraftRequest(
                kind=kind, language=language, persona=Persona("Amy", rng.choice(["warm", "formal", "playful"])),
                guide_name="Amy", customer=CustomerFacts(first, picks[0].name_in(language), 70, ("VIP",)),
                products=tuple(ProductFact.of(p, language, "") for p in picks),
                brief="本周会员护肤享8折。" if language == "zh" else "Members get 20% off skincare this week.",
            ))
    return out


def rate(fn: Callable[[int], object], items: int, seconds: float) -> float:
    """Calls per second: best of three timed rounds, each about `seconds` / 3 long."""
    fn(0)  # warm caches (templates read, regexes compiled)
    best = 0.0
    for _ in range(3):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            fn(count % items)
            count += 1
        best = max(best, count / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--catalogue", type=int, default=5000, help="products in the name index")
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    args = parser.parse_args()
    rng = random.Random(7)
    products = catalogue(args.catalogue, rng)
    reqs = requests(products, rng)
    prompts = PromptLibrary()
    drafter = Drafter(prompts, products)
    guard = Guardrails(CatalogueIndex(products))
    drafts = [drafter.offline_draft(r) for r in reqs]
    contexts = [GuardContext.of(r) for r in reqs]
    invented = [d.message + " Also try the " + products[-1].name_in(r.language) + ", 50% off today!"
                for d, r in zip(drafts, reqs)]
    # The anchor fills the same templates with already-composed values: no composition, no checks.
    raw = [Template(prompts.template(r.kind.value, r.language).template) for r in reqs]
    values = [{v: f"<{v}>" for v in TEMPLATE_VARIABLES[r.kind.value]} for r in reqs]

    anchor = rate(lambda i: raw[i].substitute(values[i]), len(reqs), args.seconds)
    offline = rate(lambda i: drafter.offline_draft(reqs[i]), len(reqs), args.seconds)
    compose = rate(lambda i: drafter._offline.compose(reqs[i]), len(reqs), args.seconds)
    check_ok = rate(lambda i: guard.check(drafts[i].message, contexts[i]), len(reqs), args.seconds)
    check_bad = rate(lambda i: guard.check(invented[i], contexts[i]), len(reqs), args.seconds)
    assert all(not guard.check(t, c).clean for t, c in zip(invented, contexts))
    streamed = asyncio.run(_first_stream_event(drafter, reqs[0]))

    lengths = [len(d.message) for d in drafts]
    print(f"bench.drafting: {len(reqs)} requests (7 kinds x zh/en), catalogue index {args.catalogue} products")
    print(f"draft length chars: median {statistics.median(lengths):.0f}, max {max(lengths)}")
    print(f"anchor  bare template fill        {anchor:>10,.0f} /s  {1e6 / anchor:8.1f} us")
    print(f"offline compose only              {compose:>10,.0f} /s  {1e6 / compose:8.1f} us"
          f"  ({anchor / compose:,.0f}x anchor time)")
    print(f"guardrails check, clean draft     {check_ok:>10,.0f} /s  {1e6 / check_ok:8.1f} us"
          f"  ({anchor / check_ok:,.0f}x anchor time)")
    print(f"guardrails check, invented claims {check_bad:>10,.0f} /s  {1e6 / check_bad:8.1f} us"
          f"  ({anchor / check_bad:,.0f}x anchor time)")
    print(f"offline drafts (compose + check)  {offline:>10,.0f} /s  {1e6 / offline:8.1f} us"
          f"  ({anchor / offline:,.0f}x anchor time)")
    print(f"first streamed offline event: {streamed!r}")


async def _first_stream_event(drafter: Drafter, request: DraftRequest) -> str:
    async for event in drafter.stream(request):
        return event.delta[:30]
    return ""


if __name__ == "__main__":
    main()
