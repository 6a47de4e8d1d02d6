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
