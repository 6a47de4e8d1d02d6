import re
import string

from bot.texts import TABLES, Raw, Texts, pick_language


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_the_same_keys():
    zh, en = set(TABLES["zh"]), set(TABLES["en"])
    assert zh - en == set() and en - zh == set()


def test_every_text_has_the_same_placeholders_in_every_language():
    for key, template in TABLES["en"].items():
        assert _placeholders(TABLES["zh"][key]) == _placeholders(template), key


def test_values_are_html_escaped_unless_marked_raw():
    t = Texts("en")
    assert t("settings.name", value="<b>&") == "Display name: &lt;b&gt;&amp;"
    assert t("settings.name", value=Raw("<b>x</b>")) == "Display name: <b>x</b>"


def test_telegram_language_codes_map_to_our_languages():
    assert pick_language(None, "zh-hans", default="en") == "zh"
    assert pick_language("en", "zh", default="zh") == "en"
    assert pick_language(None, "de", default="zh") == "zh"


CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
# Latin words a Chinese text may carry: the VIP tier, Telegram's own words, formats and opt-out words.
LATIN_IN_ZH = {"VIP", "Telegram", "YYYY", "MM", "STOP", "A", "B", "HTML", "CSV", "AI", "ID"}
CJK_IN_EN = {"lang.zh"}  # the language menu names Chinese in Chinese


def _rendered(language: str, key: str) -> str:
    template = TABLES[language][key]
    values = dict.fromkeys(_placeholders(template), "9")
    text = Texts(language)(key, **values) if values else template
    text = re.sub(r"<[^>]+>", "", text)  # tags are markup, not words
    return re.sub(r"/\w+", "", text)  # commands are the same in every language


def test_every_text_key_renders_in_its_own_language_without_the_other_one():
    mixed = []
    for key in TABLES["en"]:
        en, zh = _rendered("en", key), _rendered("zh", key)
        if CJK.search(en) and key not in CJK_IN_EN:
            mixed.append(("en", key, en))
        latin = set(re.findall(r"[A-Za-z]{2,}", zh)) - LATIN_IN_ZH
        if latin and key not in {"lang.en"}:
            mixed.append(("zh", key, sorted(latin)))
    assert mixed == []


def test_no_text_shows_an_internal_key():
    for language, table in TABLES.items():
        for key in table:
            assert not re.search(r"\b[a-z]+(?:_[a-z]+)+\b", _rendered(language, key)), (language, key)
