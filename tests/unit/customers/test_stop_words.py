"""A customer who asks to stop, however they type it, is opted out; a message that only mentions
stopping is relayed to the guide as usual."""
import pytest

from copilot.customers import is_opt_out


@pytest.mark.parametrize("text", [
    "STOP", "stop", " Stop. ", "STOP!!!", "ＳＴＯＰ", "ｓｔｏｐ！", "TD", "td", "ＴＤ",
    "退订", "退订。", "取消订阅", "请退订", "我要退订谢谢", "不要再发了", "别再发了！", "拒收", "我要退订，谢谢",
    "unsubscribe", "Unsubscribe me", "unsubscribe me please", "please unsubscribe me", "Please stop",
    "stop sending me messages", "stop messaging me", "opt out", "Opt-out", "remove me", "STOP 🙏", "stop all",
    "Stop, thanks", "UNSUB",
])
def test_a_request_to_stop_in_any_of_its_usual_forms_opts_out(text):
    assert is_opt_out(text)


@pytest.mark.parametrize("text", [
    "Can I stop by on Saturday?", "don't stop the discounts", "stopwatch", "cancel my order", "end",
    "我想退货", "订单取消了吗", "TDK headphones?", "", None, "stop " * 40, "non-stop", "the bus stop is near",
])
def test_a_message_that_only_mentions_stopping_is_not_an_opt_out(text):
    assert not is_opt_out(text)
