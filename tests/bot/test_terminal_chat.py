import io
from pathlib import Path

from cli.container import Container
from bot.terminal import chat_in_terminal, run_terminal_chat, terminal_bot
from tests.bot.conftest import GUIDE, MANAGER, STRANGER


def _settings_of(uow_factory, external_id):
    with uow_factory() as uow:
        return uow.staff_settings.get(uow.staff.get_by_external(external_id).id)


def _dispatcher(brand, settings, clock):
    return Container(settings, clock=clock, uow_factory=brand, indexed_knowledge=None).dispatcher()


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


def _users(brand):
    from bot.terminal import ChatUser
    from tests.bot.customer_steps import link_for

    return {"guide": ChatUser(GUIDE.id, "guide 李丽"),
            "customer": ChatUser(7401, "customer 周明明", first_name="明明", last_name="周", language_code="zh",
                                 opening=(f"/start {link_for(brand)}",))}


def test_as_switches_users_and_another_users_chat_is_printed_under_their_name(brand, settings, clock):
    # The customer opens the guide's link and agrees, writes; then the terminal becomes the guide.
    out = io.StringIO()
    typed = io.StringIO("1\n我的面霜快用完了\n/as guide\n")
    run_terminal_chat(_dispatcher(brand, settings, clock), None, _users(brand), input=typed, output=out,
                      start="customer")
    printed = out.getvalue()
    assert "══ you are now customer 周明明 ══" in printed and "  [1] ✅ 同意并开始" in printed
    relayed = printed.split("── in the chat of guide 李丽 ──")
    assert len(relayed) == 3 and "我的面霜快用完了" in relayed[2]  # "joined", then the message
    after = printed.split("══ you are now guide 李丽 ══")[1]
    assert "(the buttons of your latest message:)" in after and "✍️ 回复" in after


def test_photos_and_documents_are_saved_to_files_and_their_paths_printed(brand, settings, clock, tmp_path):
    out = io.StringIO()
    run_terminal_chat(_dispatcher(brand, settings, clock), None, GUIDE.id, input=io.StringIO("/me\n"), output=out,
                      media_dir=tmp_path / "media")
    [line] = [printed for printed in out.getvalue().splitlines() if printed.startswith("[photo saved to ")]
    path = Path(line.removeprefix("[photo saved to ").rstrip("]"))
    assert path.read_bytes().startswith(b"\x89PNG")
    assert "我的业绩" in out.getvalue().split(line)[1]  # the caption follows the file


def test_a_button_is_pressed_by_its_label_in_brackets_and_a_wrong_label_sends_nothing(brand, settings, clock):
    out = io.StringIO()
    typed = io.StringIO("/settings\n[语言]\n[Eng]\n[没有这个]\n")  # a label, the start of one, neither
    run_terminal_chat(_dispatcher(brand, settings, clock), None, GUIDE.id, input=typed, output=out)
    printed = out.getvalue()
    assert _settings_of(brand, "G1").language == "en"
    assert "(no single button [没有这个] here; the buttons are:" in printed
    assert "> [没有这个]" in printed  # a script's lines are echoed, so the transcript reads as a chat


def test_a_page_the_demo_serves_is_shown_as_its_text():
    from bot.terminal_page import html_text

    page = ("<html><head><style>.x{}</style></head><body><h1>为您精选</h1><p class='by'>李丽 为明明挑选的商品</p>"
            "<section><span>¥49</span><div>洗衣液</div><form><button>我感兴趣</button></form></section></body></html>")
    assert html_text(page) == ["为您精选", "李丽 为明明挑选的商品", "¥49", "洗衣液"]
