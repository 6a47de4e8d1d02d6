import re

import pytest

from copilot.drafting import DraftKind
from prompts.loader import LANGUAGES, MESSAGE_KINDS, TEMPLATE_VARIABLES, PromptError, PromptLibrary
from tests.unit.drafting.drafting_fakes import make_request

PLACEHOLDER = re.compile(r"\$\{?[A-Za-z_]")


def sample_values(name: str) -> dict[str, str]:
    return {var: f"<{var}-value>" for var in TEMPLATE_VARIABLES[name]}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", sorted(TEMPLATE_VARIABLES))
def test_every_template_renders_every_variable_and_leaves_no_placeholder(prompts, name, language):
    values = sample_values(name)
    text = prompts.render(name, language, **values)
    assert not PLACEHOLDER.search(text)
    assert all(value in text for value in values.values())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", MESSAGE_KINDS)
async def test_every_kind_drafts_offline_with_facts_and_no_placeholder(offline_drafter, kind, language):
    request = make_request(language, kind)
    [draft] = await offline_drafter.draft(request)
    assert not PLACEHOLDER.search(draft.message)
    assert "丽丽" in draft.message if language == "zh" else "Lily" in draft.message
    assert request.guide_name in draft.message
    assert "¥199" in draft.message
    assert draft.writer == "offline" and draft.notes == ()


def test_every_message_kind_has_a_template_and_a_goal_in_both_languages(prompts):
    assert {k.value for k in DraftKind} == set(MESSAGE_KINDS)
    for language in LANGUAGES:
        for kind in MESSAGE_KINDS:
            assert prompts.phrase(language, f"goal.{kind}")


def test_the_phrase_tables_of_both_languages_have_the_same_keys(prompts):
    assert prompts.phrase_keys("zh") == prompts.phrase_keys("en")


def test_rendering_without_a_declared_variable_is_refused(prompts):
    values = sample_values("care_checkin")
    del values["products"]
    with pytest.raises(PromptError, match="missing \\['products'\\]"):
        prompts.render("care_checkin", "en", **values)


def test_rendering_with_an_undeclared_variable_is_refused(prompts):
    with pytest.raises(PromptError, match="unknown \\['coupon'\\]"):
        prompts.render("birthday", "zh", coupon="90%", **sample_values("birthday"))


def test_a_phrase_needs_exactly_its_own_placeholders(prompts):
    with pytest.raises(PromptError, match="missing"):
        prompts.phrase("en", "greeting.warm")
    assert prompts.phrase("en", "greeting.warm", name="Lily") == "Hi Lily,"


def test_unknown_template_or_language_is_refused(prompts):
    with pytest.raises(PromptError):
        prompts.render("coupon_blast", "en")
    with pytest.raises(PromptError):
        prompts.render("birthday", "fr", **sample_values("birthday"))


def test_a_template_file_that_drifts_from_its_declaration_fails_on_load(tmp_path, monkeypatch):
    package = tmp_path / "drifted_templates"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "birthday.en.txt").write_text("$greeting $guide_name $products $closing $discount")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PromptError, match="declared"):
        PromptLibrary("drifted_templates").template("birthday", "en")
