"""The demo brand's stores, staff and member profiles (who they are; what they buy is `behaviour`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from cli.demo.brand import names, seasons

STORES = (
    ("S01", "栖木生活 上海静安嘉里中心旗舰店", "上海"),
    ("S02", "栖木生活 杭州湖滨银泰店", "杭州"),
    ("S03", "栖木生活 苏州中心店", "苏州"),
)
STORE_SHARES = (0.5, 0.3, 0.2)  # the flagship holds half the members
FLAGSHIP = "S01"
# (staff_id, name, role, store_id, language); G03 serves the flagship's English-speaking members.
STAFF = (
    ("G01", "陈晓雯", "guide", "S01", "zh"),
    ("G02", "李思琪", "guide", "S01", "zh"),
    ("G03", "Emily Zhang", "guide", "S01", "en"),
    ("G04", "王佳慧", "guide", "S02", "zh"),
    ("G05", "刘梦瑶", "guide", "S02", "zh"),
    ("G06", "赵子轩", "guide", "S03", "zh"),
    ("M01", "周静怡", "manager", FLAGSHIP, "zh"),
)
PERSONAS = ("护肤", "母婴", "食品", "服饰", "家居")
PERSONA_SHARES = (0.38, 0.2, 0.2, 0.12, 0.1)
FEMALE_SHARE = {"护肤": 0.92, "母婴": 0.85, "食品": 0.6, "服饰": 0.72, "家居": 0.65}
# Buying type: never bought (joined in a campaign), bought once by nature, repeat buyer, VIP.
KINDS = ("none", "once", "repeat", "vip")
KIND_SHARES = (0.04, 0.58, 0.35, 0.03)
# Members who joined before the period: the loyal base still buying when it starts, and old
# members who went quiet before it (their orders predate the export, as in a real CRM dump).
LEGACY_SHARE = 0.25
LEGACY_KIND_SHARES = (0.22, 0.0, 0.7, 0.08)
LEGACY_YEARS = 3
# Skin-care series and the skin-type tag a guide would have noted for its buyers.
SERIES_SHARES = (("HYA", 0.25, "干皮"), ("CER", 0.2, "敏感肌"), ("NIA", 0.2, "混合皮"),
                 ("SAL", 0.15, "油皮"), ("RET", 0.12, "熟龄肌"), ("CAM", 0.08, "熟龄肌"))
# What food and home members come back for, with the tag that says so.
INTERESTS = {"食品": (("COF", "咖啡控"), ("DRP", "咖啡控"), ("TEA", "爱茶"), ("NUT", "零食"), ("OAT", "早餐")),
             "家居": (("CND", "香氛"), ("DIF", "香氛"), ("LDT", "居家"), ("HSP", "居家")),
             "服饰": (("LDT", "穿搭"), ("WOL", "穿搭"), ("CND", "穿搭"))}
EN_SHARE = 0.1
NO_OWNER_SHARE = 0.03


@dataclass(slots=True)
class Profile:
    name: str
    gender: str
    language: str
    birthday: date | None
    store_id: str
    guide_id: str  # "" when no guide owns the member
    persona: str  # the category they came for
    kind: str
    joined: date
    series: str = ""  # skin-care line that suits their skin
    interest: str = ""  # the family food/home/apparel members come back for
    child_birth: date | None = None  # baby persona: the child's age sizes diapers and formula
    tags: list[str] = field(default_factory=list)


def _pick(rng: np.random.Generator, options: tuple, shares: tuple) -> object:
    return options[int(rng.choice(len(options), p=np.asarray(shares) / sum(shares)))]


def _birthday(rng: np.random.Generator, persona: str, end: date) -> date | None:
    if rng.random() < 0.15:
        return None  # members often skip the birthday field
    age = int(rng.integers(25, 39)) if persona == "母婴" else int(np.clip(rng.normal(34, 9), 19, 62))
    first = date(end.year - age, 1, 1)
    return first + timedelta(int(rng.integers(365)))


def _owner(rng: np.random.Generator, store_id: str, language: str) -> str:
    if rng.random() < NO_OWNER_SHARE:
        return ""  # left behind by a guide who quit, or joined online
    if language == "en" and store_id == FLAGSHIP and rng.random() < 0.7:
        return "G03"
    guides = [s[0] for s in STAFF if s[2] == "guide" and s[3] == store_id]
    return guides[int(rng.integers(len(guides)))]


def _persona_details(rng: np.random.Generator, p: Profile, start: date) -> None:
    if p.persona == "护肤":
        p.series, _, tag = SERIES_SHARES[int(rng.choice(6, p=[s[1] for s in SERIES_SHARES]))]
        if p.kind == "vip" and rng.random() < 0.5:
            p.series, tag = "CAM", "熟龄肌"  # big spenders gravitate to the premium line
        if rng.random() < 0.8:
            p.tags.append(tag)
    elif p.persona == "母婴":
        # A long-standing member still buying baby goods has a young (often second) child now.
        anchor = max(p.joined, start - timedelta(days=240))
        p.child_birth = anchor - timedelta(int(rng.integers(-60, 300)))
        p.tags.append("宝妈" if p.gender == "F" else "宝爸")
        if p.child_birth > anchor:
            p.tags.append("孕期")
    else:
        p.interest, tag = INTERESTS[p.persona][int(rng.integers(len(INTERESTS[p.persona])))]
        if rng.random() < 0.7:
            p.tags.append(tag)


def _profile(rng: np.random.Generator, joined: date, start: date, end: date) -> Profile:
    legacy = joined < start
    persona = _pick(rng, PERSONAS, PERSONA_SHARES)
    gender = "F" if rng.random() < FEMALE_SHARE[persona] else "M"
    language = "en" if rng.random() < EN_SHARE else "zh"
    store_id = FLAGSHIP if language == "en" and rng.random() < 0.8 else _pick(rng, STORES, STORE_SHARES)[0]
    name = names.english_name(rng, gender) if language == "en" else names.chinese_name(rng, gender)
    p = Profile(name=name, gender=gender, language=language, birthday=_birthday(rng, persona, end),
                store_id=store_id, guide_id=_owner(rng, store_id, language), persona=persona,
                kind=_pick(rng, KINDS, LEGACY_KIND_SHARES if legacy else KIND_SHARES), joined=joined)
    _persona_details(rng, p, start)
    if rng.random() < 0.08:
        p.tags.append("爱打折")  # only comes for promotions
    return p


def _birthdays_this_week(rng: np.random.Generator, profiles: list[Profile], end: date) -> None:
    # Guarantee the "birthdays this week" care task has members even in a small demo.
    count = max(3, len(profiles) // 300)
    for i in rng.choice(len(profiles), size=min(count, len(profiles)), replace=False):
        day = end + timedelta(int(rng.integers(1, 7)))
        age = int(rng.integers(24, 50))
        year = end.year - age - (end.year - age) % 4 if (day.month, day.day) == (2, 29) else end.year - age
        profiles[i].birthday = date(year, day.month, day.day)


def build_profiles(rng: np.random.Generator, count: int, start: date, end: date) -> list[Profile]:
    """`count` members in the order they joined (member numbers grow with time)."""
    legacy = int(count * LEGACY_SHARE)
    before = np.sort(rng.integers(1, 365 * LEGACY_YEARS, size=legacy))[::-1]
    during = np.sort(rng.choice((end - start).days, size=count - legacy, p=seasons.day_weights(start, end)))
    profiles = [_profile(rng, start - timedelta(int(d)), start, end) for d in before]
    profiles += [_profile(rng, start + timedelta(int(d)), start, end) for d in during]
    _birthdays_this_week(rng, profiles, end)
    return profiles
