"""HTML for the customer's product-list page: small, mobile-first, every value escaped, no scripts.

The page shows names, prices, reasons and the guide's display name: nothing internal (no scores,
notes, tags or other customers). Interest buttons are plain forms, so they work without JavaScript.
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote

from copilot.customers.product_page import Page

TEXTS = {
    "zh": {"title": "为您精选", "by": "{guide} 为{name}挑选的商品", "by_anon": "您的导购为您挑选的商品",
           "want": "我感兴趣", "sold_out": "暂时缺货", "thanks": "已告诉导购您对「{item}」感兴趣，TA 会尽快联系您。",
           "empty": "商品清单正在准备中，请稍后再看。", "gone_title": "链接已过期",
           "gone": "这个商品清单已过期。请在聊天中点「我的商品清单」获取最新清单。",
           "missing_title": "找不到页面", "missing": "这个链接无效。请在聊天中点「我的商品清单」。",
           "busy_title": "请稍候", "busy": "系统正忙，请几秒后刷新页面或再点一次。"},
    "en": {"title": "Picked for you", "by": "{guide} picked these for {name}", "by_anon": "Picked for you by your guide",
           "want": "I'm interested", "sold_out": "Sold out for now",
           "thanks": "Your guide now knows you like {item} and will get back to you soon.",
           "empty": "Your list is being prepared. Please check again later.", "gone_title": "Link expired",
           "gone": "This product list has expired. Tap \u201cMy product list\u201d in the chat for a fresh one.",
           "missing_title": "Page not found", "missing": "This link is not valid. Tap \u201cMy product list\u201d in the chat.",
           "busy_title": "One moment", "busy": "We are busy right now. Please reload the page or tap again in a few seconds."},
}

# No scripts, no outside resources; the token is in the URL, so it is never sent on as a referrer.
HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                      "frame-ancestors https://web.telegram.org",
           "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex", "Cache-Control": "no-store"}

_STYLE = """body{font-family:-apple-system,system-ui,sans-serif;margin:0;background:#f6f6f6;color:#222}
main{max-width:560px;margin:0 auto;padding:16px}h1{font-size:1.3em;margin:.2em 0}p.by{color:#666;margin-top:0}
.item{background:#fff;border-radius:12px;padding:14px;margin:12px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.name{font-weight:600}.price{color:#c0392b;font-weight:600;float:right}.reason{color:#2d7d46;font-size:.9em}
.desc{color:#555;font-size:.9em}button{width:100%;padding:10px;border:0;border-radius:8px;background:#2481cc;
color:#fff;font-size:1em;margin-top:8px}.out{color:#999}.note{background:#e8f5e9;padding:10px;border-radius:8px}"""


def _shell(language: str, title: str, body: str) -> str:
    return (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body><main>{body}</main></body></html>")


def product_list(page: Page, clicked: str | None = None) -> str:
    t = TEXTS[page.language]
    by = (t["by"].format(guide=escape(page.guide_name), name=escape(page.customer_name or ""))
          if page.guide_name and page.customer_name else t["by_anon"])
    parts = [f"<h1>{t['title']}</h1>", f'<p class="by">{by}</p>']
    chosen = next((i for i in page.items if i.sku == clicked), None)
    if chosen is not None:
        parts.append(f'<p class="note" id="thanks">{t["thanks"].format(item=escape(chosen.name))}</p>')
    for item in page.items:
        action = f"/l/{quote(page.token)}/click/{quote(item.sku, safe='')}"
        button = (f'<form method="post" action="{escape(action)}"><button type="submit" '
                  f'data-sku="{escape(item.sku)}">{t["want"]}</button></form>'
                  if item.in_stock else f'<p class="out">{t["sold_out"]}</p>')
        parts.append(f'<section class="item" data-sku="{escape(item.sku)}"><span class="price">{escape(item.price)}</span>'
                     f'<div class="name">{escape(item.name)}</div><div class="reason">{escape(item.reason)}</div>'
                     f'<div class="desc">{escape(item.description)}</div>{button}</section>')
    if not page.items:
        parts.append(f"<p>{t['empty']}</p>")
    return _shell(page.language, t["title"], "".join(parts))


def problem(kind: str) -> str:
    """kind: gone (expired) | missing (unknown token or product) | busy (try again shortly). The token may be unknown, and with it
    the customer's language: both languages are shown."""
    zh, en = TEXTS["zh"], TEXTS["en"]
    body = (f"<h1>{zh[kind + '_title']}</h1><p>{zh[kind]}</p>"
            f'<h2 lang="en">{en[kind + "_title"]}</h2><p lang="en">{en[kind]}</p>')
    return _shell("zh", f"{zh[kind + '_title']} · {en[kind + '_title']}", body)
