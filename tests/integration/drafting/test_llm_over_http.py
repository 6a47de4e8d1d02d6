"""The LLM writer against a local OpenAI-compatible server: happy paths, every fallback, privacy."""
import json

import pytest

from copilot.drafting import Drafter
from tests.integration.drafting.conftest import TIMEOUT
from tests.integration.drafting.fake_openai import Reply
from tests.unit.drafting.drafting_fakes import CATALOGUE, CONTENT, FakeKnowledge, make_request

GOOD_ZH = "丽丽您好！您的水润面霜（¥199）差不多该补货了，要帮您留一支吗？——小美"
GOOD_EN = "Hi Lily, your Hydra Cream (¥199) is probably running low. Shall I keep one for you? – Amy"


def answer(message: str, *skus: str) -> str:
    return json.dumps({"message": message, "products": [{"sku": s, "reason": "r"} for s in skus]},
                      ensure_ascii=False)


FAILURES = {
    "timeout": Reply([answer(GOOD_ZH)], delay=TIMEOUT * 3),
    "http_500": Reply(status=500),
    "malformed_body": Reply(raw="<html>502 bad gateway</html>"),
}
STREAM_FAILURES = {**FAILURES, "malformed_stream": Reply(raw="data: {oops\n\n")}


@pytest.fixture
def drafter(llm_settings) -> Drafter:
    return Drafter.from_settings(llm_settings, CATALOGUE)


async def test_a_draft_comes_from_the_server_in_json_mode(drafter, llm_server):
    llm_server.reset(Reply([answer(GOOD_ZH, "SK-CREAM")]))
    [draft] = await drafter.draft(make_request("zh"))
    assert (draft.message, draft.writer, draft.products) == (GOOD_ZH, "llm", (("SK-CREAM", "r"),))
    sent = llm_server.requests[0]
    assert sent["response_format"] == {"type": "json_object"} and sent["model"] == "fake"
    assert "PRODUCTS" in sent["messages"][1]["content"] and "SK-CREAM" in sent["messages"][1]["content"]


async def test_variants_are_asked_for_with_n(drafter, llm_server):
    llm_server.reset(Reply([answer(GOOD_EN), answer("Hi Lily! A new Hydra Cream for you? – Amy")]))
    drafts = await drafter.draft(make_request("en"), variants=2)
    assert llm_server.requests[0]["n"] == 2 and len(llm_server.requests) == 1
    assert [d.writer for d in drafts] == ["llm", "llm"] and drafts[0].message != drafts[1].message


async def test_a_server_that_ignores_n_is_asked_again_for_the_missing_variants(drafter, llm_server):
    second = "Hi Lily! A new Hydra Cream for you? – Amy"
    llm_server.reset(Reply([answer(GOOD_EN), answer("unused")]), Reply([answer(second)]), ignore_n=True)
    drafts = await drafter.draft(make_request("en"), variants=2)
    assert len(llm_server.requests) == 2 and "n" not in llm_server.requests[1]
    assert [d.message for d in drafts] == [GOOD_EN, second]


async def test_a_draft_streams_from_the_server_in_chunks(drafter, llm_server):
    llm_server.reset(Reply([GOOD_ZH]))
    events = [e async for e in drafter.stream(make_request("zh"))]
    deltas = [e.delta for e in events if e.draft is None and e.delta]
    assert llm_server.requests[0]["stream"] is True and len(deltas) >= 3
    assert "".join(deltas) == GOOD_ZH and events[-1].draft.writer == "llm"


@pytest.mark.parametrize("failure", sorted(FAILURES))
async def test_a_failing_server_falls_back_to_the_offline_writer(drafter, llm_server, failure):
    llm_server.reset(FAILURES[failure])
    [draft] = await drafter.draft(make_request("zh"))
    assert draft.writer == "offline" and "丽丽" in draft.message and "¥199" in draft.message
    assert draft.notes[0].startswith("fell back to offline writer: LLM call failed")


@pytest.mark.parametrize("failure", sorted(STREAM_FAILURES))
async def test_a_failing_server_falls_back_to_the_offline_writer_when_streaming(
    drafter, llm_server, failure
):
    llm_server.reset(STREAM_FAILURES[failure])
    events = [e async for e in drafter.stream(make_request("zh"))]
    final = events[-1].draft
    assert final.writer == "offline" and "丽丽" in final.message
    assert final.notes[0].startswith("fell back to offline writer: LLM stream failed")


async def test_a_malformed_json_answer_falls_back_to_the_offline_writer(drafter, llm_server):
    llm_server.reset(Reply(["Sure! Here is your message: Hi Lily"]))
    [draft] = await drafter.draft(make_request("en"))
    assert draft.writer == "offline" and "no JSON object" in draft.notes[0]


async def test_a_wrong_language_answer_is_regenerated_once_then_replaced(drafter, llm_server):
    llm_server.reset(Reply([answer(GOOD_EN)]), Reply([answer(GOOD_EN)]))
    [draft] = await drafter.draft(make_request("zh"))
    assert len(llm_server.requests) == 2
    assert "wrong language: expected zh" in llm_server.requests[1]["messages"][1]["content"]
    assert draft.writer == "offline" and "wrong language" in draft.notes[0]


async def test_a_streamed_draft_that_breaks_the_rules_is_regenerated_without_streaming(drafter, llm_server):
    llm_server.reset(Reply([GOOD_EN]), Reply([answer(GOOD_ZH, "SK-CREAM")]))
    events = [e async for e in drafter.stream(make_request("zh"))]
    assert events[-1].draft.message == GOOD_ZH and events[-1].draft.writer == "llm"
    assert llm_server.requests[1].get("stream") is False


async def test_nothing_beyond_what_the_copy_needs_reaches_the_server(drafter, llm_server):
    llm_server.reset(Reply([answer(GOOD_ZH)]))
    request = make_request(
        "zh", "reply", name="王丽丽", tags=("VIP", "手机13912345678"),
        note="送货地址：幸福路88号3栋", message="我的电话是 13912345678，邮箱 lili@example.com",
    )
    await drafter.draft(request)
    [body] = llm_server.raw_bodies
    text = json.loads(body)["messages"][0]["content"] + json.loads(body)["messages"][1]["content"]
    assert "丽丽" in text and "王丽丽" not in text
    for secret in ("13912345678", "13800138000", "幸福路88号", "lili@example.com"):
        assert secret not in text


async def test_guide_questions_are_answered_by_the_model_from_retrieved_facts(drafter, llm_server):
    reply = "For dry winter skin: the Hydra Cream (¥199), plus the Hand Cream (¥49) for hands."
    llm_server.reset(Reply([answer(reply)]))
    result = await drafter.answer_question("dry skin in winter?", "en", FakeKnowledge(CATALOGUE, CONTENT))
    assert (result.text, result.writer) == (reply, "llm")
    prompt = llm_server.requests[0]["messages"][1]["content"]
    assert all(sku in prompt for sku, _ in result.products)


async def test_guide_questions_fall_back_to_the_offline_answer_when_the_server_fails(drafter, llm_server):
    llm_server.reset(Reply(status=503))
    result = await drafter.answer_question("dry skin in winter?", "en", FakeKnowledge(CATALOGUE, CONTENT))
    assert result.writer == "offline" and result.products and "¥" in result.text


def test_one_drafter_serves_several_event_loops(drafter, llm_server):
    # Batch jobs call asyncio.run per job: a client bound to the first loop must not be reused.
    llm_server.reset(Reply([answer(GOOD_EN)]), Reply([answer(GOOD_EN)]))
    first = drafter.draft_blocking(make_request("en"))
    second = drafter.draft_blocking(make_request("en"))
    assert [first[0].writer, second[0].writer] == ["llm", "llm"]
