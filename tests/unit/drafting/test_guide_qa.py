import json

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from copilot.drafting import Drafter, LLMWriter
from tests.unit.drafting.drafting_fakes import CATALOGUE, CONTENT, FakeKnowledge

QUESTION = "what do I recommend for dry skin in winter?"


class StaleKnowledge(FakeKnowledge):
    """Still returns an out-of-stock product, as an index that has not caught up would."""

    def search_products(self, query, *, top_k=10, filters=None):
        return super().search_products(query, top_k=top_k, filters=None)


async def test_the_offline_answer_lists_in_stock_products_with_prices_and_its_sources(offline_drafter):
    result = await offline_drafter.answer_question(QUESTION, "en", FakeKnowledge(CATALOGUE, CONTENT))
    assert result.writer == "offline" and len(result.products) == 3
    for _sku, name in result.products:
        assert name in result.text
    assert "¥" in result.text
    assert result.sources == (("ART-2", "Winter care for dry skin"),)
    assert "Winter care for dry skin" in result.text


async def test_products_out_of_stock_or_inactive_are_never_recommended(offline_drafter):
    knowledge = StaleKnowledge(CATALOGUE, CONTENT)
    assert {"SK-NIGHT", "SK-OLD"} & {h.sku for h in knowledge.search_products("dry skin night lotion", top_k=20)}
    result = await offline_drafter.answer_question("dry skin night lotion", "en", knowledge, top_k=6)
    assert not {"SK-NIGHT", "SK-OLD"} & {sku for sku, _ in result.products}


async def test_a_question_with_no_match_says_so(offline_drafter):
    result = await offline_drafter.answer_question("潜水装备", "zh", FakeKnowledge(CATALOGUE, CONTENT))
    assert result.products == () and "潜水装备" in result.text


async def test_the_model_answer_is_used_when_grounded(prompts):
    knowledge = FakeKnowledge(CATALOGUE, CONTENT)
    text = "For dry winter skin, start with the Hydra Cream (¥199) and add the Hand Cream (¥49)."
    model = FakeListChatModel(responses=[json.dumps({"message": text, "products": []})])
    drafter = Drafter(prompts, CATALOGUE, llm=LLMWriter(model, prompts))
    result = await drafter.answer_question(QUESTION, "en", knowledge)
    assert (result.text, result.writer) == (text, "llm")


async def test_a_model_answer_recommending_a_product_not_retrieved_falls_back(prompts):
    knowledge = FakeKnowledge(CATALOGUE, CONTENT)
    text = "Try the Ionic Hair Dryer (¥899)."
    model = FakeListChatModel(responses=[json.dumps({"message": text, "products": []})])
    drafter = Drafter(prompts, CATALOGUE, llm=LLMWriter(model, prompts))
    result = await drafter.answer_question(QUESTION, "en", knowledge)
    assert result.writer == "offline" and "Hair Dryer" not in result.text
    assert "unknown product: SK-DRYER" in result.notes[0]
