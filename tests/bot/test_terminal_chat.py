import io

from bot.app import build_dispatcher
from bot.terminal import chat_in_terminal, run_terminal_chat, terminal_bot
from tests.bot.conftest import GUIDE, MANAGER, STRANGER


def _settings_of(uow_factory, external_id):
    with uow_factory() as uow:
        return uow.staff_settings.get(uow.staff.get_by_external(external_id).id)


def _dispatcher(brand, settings, clock):
    return build_dispatcher(uow_factory=brand, clock=clock, settings=settings)


def test_the_terminal_chat_presses_numbered_buttons_and_ends_at_end_of_input(brand, settings, clock):
    typed = io.StringIO("/settings\n1\n2\n")  # Settings -> [1] Language -> [2] English, then EOF
    out = io.StringIO()
    run_terminal_chat(_dispatcher(brand, settings, clock), None, GUIDE.id, input=typed, output=out)
    printed = out.getvalue()
    assert "  [1] 语言" in printed and "  [2] English" in printed
    assert "Language: English" in printed and "<b>" not in printed
    assert printed.rstrip().endswith("(end of chat)")
    assert _settings_of(brand, "G1").language == "en"


def test_typed_text_goes_to_the_bot_and_a_backslash_sends_a_number_as_text(brand, settings, clock):
    typed = io.StringIO("/settings\n5\n\\7\n")  # [5] Daily contacts, then the text "7"
    out = io.StringIO()
    run_terminal_chat(_dispatcher(brand, settings, clock), None, GUIDE.id, input=typed, output=out)
    assert _settings_of(brand, "G1").daily_budget == 7
    assert "已保存" in out.getvalue()


async def test_the_terminal_chat_serves_a_stranger_the_same_explanation(brand, settings, clock):
    out = io.StringIO()
    bot = terminal_bot(settings, out)
    await chat_in_terminal(_dispatcher(brand, settings, clock), bot, STRANGER.id,
                           io.StringIO("hello\n"), out)
    assert "这个机器人仅供品牌门店员工使用" in out.getvalue()


async def test_an_empty_input_ends_the_chat_at_once(brand, settings, clock):
    out = io.StringIO()
    await chat_in_terminal(_dispatcher(brand, settings, clock), terminal_bot(settings, out), GUIDE.id,
                           io.StringIO(""), out)
    assert out.getvalue().strip().splitlines()[-1] == "(end of chat)"


def test_a_copy_button_shows_what_it_would_copy_without_calling_the_bot(brand, settings, clock):
    out = io.StringIO()
    run_terminal_chat(_dispatcher(brand, settings, clock), None, MANAGER.id,
                      input=io.StringIO("/invite G3\n1\n"), output=out)
    printed = out.getvalue()
    link = printed.split("链接：")[1].split()[0]
    assert "  [1] 复制链接" in printed and f"  (copied) {link}" in printed
