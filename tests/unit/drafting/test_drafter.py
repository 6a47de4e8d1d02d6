import json
from dataclasses import replace

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from copilot.drafting import Adjust, Drafter, LLMWriter
from core.domain import Persona
from core.settings import LLMSettings
from tests.unit.drafting.drafting_fakes import CATALOGUE, make_request

GOOD_EN = "Hi Lily, your Hydra Cream (¥199) is probably running low. Shall I keep one for you? – Amy"
GOOD_ZH = "丽丽您好！您的水润面霜（¥199）差不多该补货了，要帮您留一支吗？——小美"


class RecordingModel(FakeListChatModel):
    """Fake chat model that also keeps every prompt it was given."""

    prompts: list = []

    def _call(self, messages, stop=None, run_manager=None, **kwargs):
        self.prompts.append("\n".join(str(m.content) for m in messages))
        return super()._call(messages, stop, run_manager, **kwargs)


def answer(message, *products):
    return json.dumps({"message": message, "products": [{"sku": s, "reason": "r"} for s in products]})


def drafter_with(prompts, *responses) -> tuple[Drafter, RecordingModel]:
    model = RecordingModel(responses=list(responses), prompts=[])
    return Drafter(prompts, CATALOGUE, llm=LLMWriter(model, prompts)), model


def test_without_an_llm_configured_the_offline_writer_drafts(prompts):
    drafter = Drafter.from_settings(LLMSettings(), CATALOGUE, prompts)
    assert drafter.llm_enabled is False


async def test_a_clean_model_draft_is_used_as_written(prompts):
    drafter, _ = drafter_with(prompts, answer(GOOD_EN, "SK-CREAM"))
    [draft] = await drafter.draft(make_request("en"))
    assert (draft.message, draft.writer, draft.notes) == (GOOD_EN, "llm", ())
    assert draft.products == (("SK-CREAM", "r"),)


async def test_a_model_that_invents_a_product_loses_that_sentence(prompts):
    text = GOOD_EN + " Our Gold Radiance Cream is also lovely."
    drafter, _ = drafter_with(prompts, answer(text, "SK-CREAM", "SK-LUX"))
    [draft] = await drafter.draft(make_request("en"))
    assert "Gold Radiance" not in draft.message and draft.writer == "llm"
    assert draft.products == (("SK-CREAM", "r"),)
    assert "unknown product: SK-LUX" in draft.notes[0]
    assert "dropped SK-LUX from the product list: not a candidate" in draft.notes


async def test_a_model_whose_draft_is_mostly_invented_is_asked_once_more(prompts):
    bad = "Hi Lily! Everything is 50% off. Free gifts today. Hydra Cream for ¥99."
    drafter, model = drafter_with(prompts, answer(bad), answer(GOOD_EN))
    [draft] = await drafter.draft(make_request("en"))
    assert (draft.message, draft.writer) == (GOOD_EN, "llm")
    assert draft.notes[0].startswith("regenerated once")
    assert "broke the rules" in model.prompts[1]


async def test_a_model_that_answers_in_the_wrong_language_twice_falls_back_offline(prompts):
    drafter, _ = drafter_with(prompts, answer(GOOD_EN), answer(GOOD_EN))
    [draft] = await drafter.draft(make_request("zh"))
    assert draft.writer == "offline" and "丽丽" in draft.message
    assert "wrong language" in draft.notes[0]


async def test_a_malformed_model_answer_falls_back_offline(prompts):
    drafter, _ = drafter_with(prompts, '{"message": ')
    [draft] = await drafter.draft(make_request("en"))
    assert draft.writer == "offline" and draft.notes[0].startswith("fell back to offline writer")


async def test_a_model_answer_inside_a_code_fence_is_accepted(prompts):
    drafter, _ = drafter_with(prompts, "```json\n" + answer(GOOD_EN, "SK-CREAM") + "\n```")
    [draft] = await drafter.draft(make_request("en"))
    assert draft.message == GOOD_EN


async def test_a_too_long_model_draft_is_trimmed_at_a_sentence_end(prompts):
    drafter, _ = drafter_with(prompts, answer(" ".join([GOOD_EN] * 10)))
    [draft] = await drafter.draft(make_request("en"))
    assert len(draft.message) <= 600 and draft.message[-1] in ".?!"
    assert "trimmed to fit the length limit" in draft.notes


async def test_variants_come_back_numbered_and_different(prompts):
    drafter, _ = drafter_with(prompts, answer(GOOD_EN), answer("Hi Lily! Time for a new Hydra Cream? – Amy"))
    drafts = await drafter.draft(make_request("en"), variants=2)
    assert [d.variant for d in drafts] == [0, 1]
    assert drafts[0].message != drafts[1].message


async def test_offline_variants_are_deterministic_and_different(offline_drafter):
    first = await offline_drafter.draft(make_request("zh"), variants=2)
    again = await offline_drafter.draft(make_request("zh"), variants=2)
    assert first == again and first[0].message != first[1].message


async def test_streaming_yields_chunks_then_the_checked_draft(prompts):
    drafter, _ = drafter_with(prompts, GOOD_ZH)
    events = [e async for e in drafter.stream(make_request("zh"))]
    deltas = [e.delta for e in events if e.draft is None]
    assert len(deltas) > 1 and "".join(deltas) == GOOD_ZH
    assert events[-1].draft.message == GOOD_ZH and events[-1].draft.writer == "llm"


async def test_streaming_offline_gives_sentences_then_the_draft(offline_drafter):
    events = [e async for e in offline_drafter.stream(make_request("en"))]
    assert "".join(e.delta for e in events[:-1]) == events[-1].draft.message


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_shorter_drafts_name_one_product_within_280_characters(offline_drafter, language):
    [normal] = await offline_drafter.draft(make_request(language))
    [short] = await offline_drafter.draft(make_request(language), adjust=Adjust.SHORTER)
    assert len(short.message) <= 280 and len(short.message) < len(normal.message)
    assert len(short.products) == 1


async def test_more_formal_drops_emoji_and_warmer_adds_warmth(offline_drafter):
    request = make_request("en", persona=Persona("Amy", "playful", True))
    [formal] = await offline_drafter.draft(request, adjust=Adjust.MORE_FORMAL)
    [warmer] = await offline_drafter.draft(request, adjust=Adjust.WARMER)
    assert formal.message.startswith("Dear Lily,") and "✨" not in formal.message
    assert "I always enjoy hearing from you." in warmer.message and "😊" in warmer.message


async def test_the_model_is_told_how_to_adjust(prompts):
    drafter, model = drafter_with(prompts, answer(GOOD_EN))
    await drafter.draft(make_request("en"), adjust=Adjust.MORE_FORMAL)
    assert "more formal" in model.prompts[0] and "polite and formal" in model.prompts[0]


def test_outreach_to_a_customer_who_opted_out_is_refused_but_a_reply_is_allowed():
    from copilot.drafting import build_request
    from core.domain import Consent
    from core.errors import OptedOut
    from tests.unit.drafting.drafting_fakes import BY_SKU, GUIDE, NOW, customer

    gone = replace(customer(1), consent=Consent.REVOKED)
    args = dict(picks=[], orders=[], catalogue=BY_SKU, now=NOW)
    with pytest.raises(OptedOut):
        build_request("silent_recall", gone, GUIDE, **args)
    assert build_request("reply", gone, GUIDE, **args).customer.first_name == "丽丽"


def test_draft_blocking_serves_synchronous_callers_twice_in_a_row(offline_drafter):
    first = offline_drafter.draft_blocking(make_request("en"))
    assert offline_drafter.draft_blocking(make_request("en")) == first
