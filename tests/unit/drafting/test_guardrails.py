import pytest

from copilot.drafting import CatalogueIndex, GuardContext, Guardrails
from copilot.drafting.text import cjk_ratio, split_sentences
from tests.unit.drafting.drafting_fakes import CATALOGUE, make_request


@pytest.fixture
def guard() -> Guardrails:
    return Guardrails(CatalogueIndex(CATALOGUE))


def check(guard, text, language="en", **request_args):
    return guard.check(text, GuardContext.of(make_request(language, **request_args)))


def test_a_clean_draft_passes_unchanged(guard):
    text = "Hi Lily,\nYour Hydra Cream (¥199) may be running low. Shall I keep one for you? – Amy"
    result = check(guard, text)
    assert result.clean and result.text == text


def test_a_sentence_naming_a_catalogue_product_outside_the_candidates_is_removed(guard):
    result = check(guard, "Hi Lily, the Hydra Cream is back. You will love our Gold Radiance Cream too! – Amy")
    assert "Gold Radiance" not in result.text and "Hydra Cream" in result.text
    assert result.problems == ("unknown product: SK-LUX",)


def test_chinese_names_and_skus_of_other_products_are_caught(guard):
    result = check(guard, "丽丽您好！水润面霜该补货了。黄金臻颜霜也很好用。另外 SK-DRYER 在做活动。", "zh")
    assert result.text == "丽丽您好！水润面霜该补货了。"
    assert set(result.problems) == {"unknown product: SK-LUX", "unknown product: SK-DRYER"}


def test_the_customers_last_purchase_may_be_named(guard):
    result = check(guard, "How is the Hydra Cream working for you? The Hydrating Mask pairs well.", skus=("SK-MASK",))
    assert result.clean


def test_an_invented_price_is_removed_and_the_real_one_kept(guard):
    result = check(guard, "The Hydra Cream is ¥199. For you only ¥99! See you soon.")
    assert "¥99!" not in result.text and "¥199" in result.text
    assert result.problems == ("invented claim: money 99",)


@pytest.mark.parametrize(
    "claim",
    ["Everything is 30% off this week.", "Get a free gift with the cream.", "Buy one get one on masks!",
     "I have a coupon for you.", "全场5折。", "买一送一哦。", "满300减50。", "这周包邮。", "还有赠品。"],
)
def test_an_invented_discount_or_promotion_is_removed(guard, claim):
    language = "zh" if "。" in claim else "en"
    opener = "丽丽您好！" if language == "zh" else "Hi Lily! "
    result = check(guard, opener + claim, language)
    assert claim not in result.text
    assert result.removed == 1 and result.problems


def test_a_discount_in_the_brief_may_be_stated_even_in_the_other_language(guard):
    result = check(guard, "Hi Lily! Members get 20% off skincare this week.", brief="本周会员护肤8折")
    assert result.clean


def test_a_discount_in_brand_content_may_be_quoted(guard):
    result = check(guard, "Hi Lily! Masks are buy one get one this month.", snippets=("买一送一：补水面膜，本月",))
    assert result.clean


def test_feel_free_is_not_a_promotion(guard):
    assert check(guard, "Feel free to reply any time, Lily!").clean


def test_english_copy_for_a_chinese_customer_fails_the_language_check(guard):
    result = check(guard, "Hi Lily, your Hydra Cream is probably running low.", "zh")
    assert not result.language_ok and not result.usable


def test_chinese_copy_for_an_english_customer_fails_the_language_check(guard):
    result = check(guard, "丽丽您好！您的面霜快用完了吧？", "en")
    assert not result.language_ok


def test_product_names_in_another_script_do_not_fail_the_language_check(guard):
    result = check(guard, "丽丽您好！Hydra Cream 和 Hydrating Mask 一起用效果更好哦。", "zh")
    assert result.language_ok


def test_a_long_draft_is_trimmed_at_a_sentence_end(guard):
    text = " ".join(f"Sentence number {i} about the Hydra Cream." for i in range(40))
    result = check(guard, text)
    assert len(result.text) <= 600 and result.trimmed
    assert result.text.endswith("Cream.")


def test_a_single_overlong_sentence_is_cut_with_an_ellipsis(guard):
    result = check(guard, "Hi Lily " + "and more " * 100)
    assert len(result.text) == 600 and result.text.endswith("…")


def test_sentences_split_on_both_scripts_and_keep_decimal_prices_whole():
    text = "Price ¥19.90 today. 好的！还有吗？Yes!"
    assert split_sentences(text) == ["Price ¥19.90 today.", " 好的！", "还有吗？", "Yes!"]
    assert "".join(split_sentences(text)) == text


def test_cjk_ratio_counts_han_characters_against_latin_letters():
    assert cjk_ratio("面霜ab") == pytest.approx(0.5)
    assert cjk_ratio("123 !!") == 0.0


def test_free_shipping_in_a_chinese_brief_allows_it_in_english_copy(guard):
    assert check(guard, "Hi Lily! Free shipping all week.", brief="本周包邮").clean
    # A bare "free" is a broader promise than free shipping: still caught.
    assert not check(guard, "Hi Lily! Everything is free this week.", brief="本周包邮").clean


def test_a_decimal_discount_is_not_read_as_half_price(guard):
    result = check(guard, "丽丽您好！面霜8.5折。", "zh", brief="面霜8.5折")
    assert result.clean
    assert not check(guard, "丽丽您好！面霜5折。", "zh", brief="面霜8.5折").clean


def test_the_longest_catalogue_name_wins_and_latin_names_need_word_boundaries():
    from decimal import Decimal

    from core.domain import Product

    index = CatalogueIndex([Product("A", "Hydra Cream", "c", Decimal(1)),
                            Product("B", "Hydra Cream Mini", "c", Decimal(1)),
                            Product("C", "面霜", "c", Decimal(1), i18n={"en": {"name": "Face Cream"}})])
    assert index.mentions("try the hydra cream mini!") == [{"B"}]
    assert index.mentions("Hydra Creamy texture") == []
    assert index.mentions("Hydra Cream. 还有面霜, and a face cream") == [{"A"}, {"C"}, {"C"}]
    assert index.mentions("sku b and sku a") == []  # single letters are not SKUs
