"""Whether a customer's message asks to stop messages, however it is typed.

People write "STOP" on a Chinese keyboard (full-width ＳＴＯＰ), reply "TD" as Chinese SMS teaches
them, write 取消订阅 or "unsubscribe me", add "please" or "!!!". The message is normalised first
(NFKC folds full-width forms, case is folded, punctuation and emoji become spaces), then
it must *be* a request to stop: a stop phrase with at most a few polite or object words around it.
A sentence that merely contains "stop" ("can I stop by on Saturday?") is a message for the guide.
"""
from __future__ import annotations

import re
import unicodedata

# Whole messages that always mean "stop" (normalised).
_WORDS = frozenset({
    "stop", "stopall", "stop all", "unsubscribe", "unsub", "opt out", "optout", "opt-out", "remove me", "td",
    "退订", "取消订阅", "取消订阅消息", "退订消息", "拒收", "停止", "停止发送", "不要再发了", "别再发了", "不要再发",
    "别再发", "不要发了", "别发了", "不再接收", "取消推送", "关闭推送",
})
# Not "cancel", "end" or "quit" (SMS keywords): in a chat with a guide they are about an order.
_EN_CORE = r"(?:stop|unsubscribe|unsub|opt[ -]?out|remove me)"
_EN_BEFORE = r"(?:(?:please|pls|plz|kindly|just|i want to|i'd like to|i would like to)\s+)*"
_EN_AFTER = (r"(?:\s+(?:me|please|pls|plz|now|thanks|thank you|it|this|all|messages|texts|texting|texting me|"
             r"messaging|messaging me|sending|sending me|sending messages|sending me messages|contacting me|"
             r"from (?:this|the) list|from (?:all )?messages|from everything))*")
_ENGLISH = re.compile(rf"^{_EN_BEFORE}{_EN_CORE}{_EN_AFTER}$")
_ZH_CORE = r"(?:退订|取消订阅|拒收|停止发送|停止推送|不要再发|别再发|不要发|别发|不再接收|取消推送|关闭推送|td)"
_CHINESE = re.compile(rf"^(?:请|麻烦|帮我|我要|我想|我想要)*{_ZH_CORE}(?:了|吧|啊|哦|呢|谢谢|消息|短信|信息|推送|通知)*$")
_MARKS = re.compile(r"[^\w\s'-]+|_")  # punctuation, symbols and emoji, anywhere


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", _MARKS.sub(" ", folded)).strip(" '-")


def is_opt_out(text: str | None) -> bool:
    words = normalise(text or "")
    if not words or len(words) > 60:
        return False
    return words in _WORDS or bool(_ENGLISH.match(words)) or bool(_CHINESE.match(words.replace(" ", "")))
