from copilot.campaigns.messages import title


def test_a_rules_campaign_reads_as_words_and_its_day_never_as_the_rules_key():
    assert title("silent 2026-11-23", "silent", "zh") == "沉默顾客召回 11月23日"
    assert title("vip_quiet 2026-11-23", "vip_quiet", "en") == "VIP care 23 Nov"
    assert title("双十一老客回馈", None, "zh") == "双十一老客回馈"
    assert title("birthday", "birthday", "en") == "Birthday care"
