"""Realistic personal names and mobile numbers for the demo brand's members."""
from __future__ import annotations

import numpy as np

# The most common surnames, in order of frequency; weights fall off like the real distribution.
SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任"
    "沈姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万钱戴严"
)
SURNAME_WEIGHTS = 1.0 / np.arange(1, len(SURNAMES) + 1) ** 0.8
FEMALE_CHARS = tuple("婷静敏燕艳娟霞芳丽娜颖琳雪慧佳欣怡悦晓雯倩萍洁璐瑶琪涵梦思雨诗嘉蕾薇晨露珊妍菲琦玲岚月彤可安宁")
MALE_CHARS = tuple("伟强磊军洋勇杰涛明超鹏浩宇辉刚健峰斌凯俊博文海志鑫晨阳林东睿哲航毅子轩")

EN_FEMALE = ("Emma", "Olivia", "Sophie", "Chloe", "Grace", "Lucy", "Hannah", "Emily", "Amelia", "Isabella",
             "Charlotte", "Mia", "Zoe", "Ella", "Anna", "Laura", "Sarah", "Julia", "Claire", "Natalie")
EN_MALE = ("James", "Daniel", "Thomas", "Lucas", "Oliver", "Henry", "David", "Michael", "Ethan", "Jack",
           "Ryan", "Mark", "Paul", "Leo", "Adam")
EN_LAST = ("Smith", "Johnson", "Brown", "Wilson", "Taylor", "Martin", "Anderson", "Thompson", "White",
           "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green",
           "Baker", "Miller", "Dubois", "Rossi", "Schmidt", "Tanaka", "Kim", "Nguyen", "Lee", "Chen", "Wong")

# Mainland mobile prefixes of the three carriers.
PHONE_PREFIXES = ("138", "139", "137", "136", "135", "150", "151", "152", "158", "159", "186", "187",
                  "188", "189", "130", "131", "132", "155", "156", "185", "133", "153", "180", "181",
                  "177", "199", "198")


def chinese_name(rng: np.random.Generator, gender: str) -> str:
    surname = SURNAMES[rng.choice(len(SURNAMES), p=SURNAME_WEIGHTS / SURNAME_WEIGHTS.sum())]
    chars = FEMALE_CHARS if gender == "F" else MALE_CHARS
    length = 1 if rng.random() < 0.3 else 2
    return surname + "".join(chars[i] for i in rng.integers(len(chars), size=length))


def english_name(rng: np.random.Generator, gender: str) -> str:
    first = EN_FEMALE if gender == "F" else EN_MALE
    return f"{first[rng.integers(len(first))]} {EN_LAST[rng.integers(len(EN_LAST))]}"


def phone_numbers(rng: np.random.Generator, count: int) -> list[str]:
    """`count` distinct mobile numbers: one member, one number, as CRM systems require."""
    seen: set[str] = set()
    numbers: list[str] = []
    while len(numbers) < count:
        number = PHONE_PREFIXES[rng.integers(len(PHONE_PREFIXES))] + f"{int(rng.integers(10**8)):08d}"
        if number not in seen:
            seen.add(number)
            numbers.append(number)
    return numbers
