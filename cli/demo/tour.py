"""`scripts/tour`: a real scripted run of the demo chat, written up as docs/tour.md with its charts.

It runs `guide-copilot --now <moment> demo --regenerate` in a fresh data folder with the lines of
STEPS as the chat's input, exactly as a newcomer would type them, and turns the transcript into a
page: each step's words, what the bot answered, and the images it sent. Re-run it after changing a
screen and read the page: the tour is only as true as the last run.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

NOW = "2026-12-05T10:30+08:00"  # a Saturday morning in Shanghai: outside quiet hours, a month under way


@dataclass(frozen=True)
class Step:
    role: str  # guide | manager | customer: who types these lines
    says: str  # the tour's words for the reader
    lines: tuple[str, ...]


STEPS = (
    Step("guide", "The guide starts the day: what can the bot do, and whom to contact today?", ("/help", "/today")),
    Step("guide", "The top customer's card: what they bought, what is due, when they were last contacted.",
         ("[1.]",)),
    Step("guide", "A draft for them, with the products it suggests; the guide sends it personally and marks it "
                  "sent. Back on the list, the day's count went down by one.",
         ("[写消息]", "[标记已发送]", "/today")),
    Step("guide", "The month: the gap to the target and whom to call to close it, then sales and commission "
                  "with a chart by the day of each sale.", ("/goal", "/me")),
    Step("manager", "The store manager builds a care campaign for first-time buyers who have not bought again.",
         ("/campaigns", "[➕ 新建活动]", "[首购未复购]", "[首购转复购]", "第二次到店送小样，提醒顾客上次买的用得怎么样",
          "[2]", "[10%]", "[7 天后]", "[✅ 创建]")),
    Step("manager", "The campaign's report (a chart and a CSV file) and the team's leaderboard.",
         ("/report", "/team")),
    Step("guide", "The manager's tasks are on the guide's day, marked 📋; the guide opens one as a draft card "
                  "(products with prices, the customer's product list) and marks it sent.",
         ("/today", "/tasks", "[第二次到店送小样]", "1", "[标记已发送]")),
    Step("customer", "A customer opens the guide's personal link, agrees, and asks a question.",
         ("[✅ 同意并开始]", "/help", "你好，我的面霜快用完了，有什么推荐吗？")),
    Step("guide", "The question reaches the guide with the customer's context; the guide answers.",
         ("[✍️ 回复]", "您好明明！上次的面霜差不多该补货了，我把适合您的几款放在商品清单里了～")),
    Step("customer", "The customer reads the answer, opens their product list (the page is served by the demo's "
                     "HTTP API), and later stops messages.", ("[🛍 我的商品清单]", "退订", "/help")),
)


def script() -> str:
    lines, current = [], "guide"
    for step in STEPS:
        if step.role != current:
            lines.append(f"/as {step.role}")
            current = step.role
        lines += step.lines
    return "\n".join(lines) + "\n"


def run_demo(data_dir: Path) -> str:
    env = {**os.environ, "GC_DATA_DIR": str(data_dir), "COLUMNS": "110", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "cli.main", "--now", NOW, "demo", "--regenerate", "--customers", "3000"]
    done = subprocess.run(command, input=script(), capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the demo failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def write_tour(transcript: str, data_dir: Path, out: Path) -> None:
    missing = re.findall(r"\(no single button (\[.*?\]) here", transcript)
    if missing:  # a screen changed under the script: say which step broke instead of writing a false tour
        raise SystemExit(f"the tour's script pressed buttons that were not there: {', '.join(missing)}")
    images = out.parent / "tour"
    shutil.rmtree(images, ignore_errors=True)
    images.mkdir(parents=True)
    setup, _, chat = transcript.partition("Type a message")
    pieces = _split_by_inputs(chat)
    page = [HEADER.format(now=NOW), "## Loading the demo brand", "", "```", setup.strip(), "```", ""]
    role = ""
    for step in STEPS:
        if step.role != role:
            page += [f"## As the {step.role}", ""]
            role = step.role
        page += [f"**{step.says}**", ""]
        for line in step.lines:
            page += _block(f"> {line}\n" + (pieces.pop(0) if pieces else ""), images, out.parent)
    text = "\n".join(page).replace(str(data_dir.resolve()), ".guide-copilot")
    out.write_text(text + "\n", encoding="utf-8")


def _split_by_inputs(chat: str) -> list[str]:
    """What followed each typed line, skipping the /as switches (they are the sections)."""
    parts = re.split(r"^> (.*)$", chat, flags=re.M)
    replies = []
    for typed, reply in zip(parts[1::2], parts[2::2]):
        if typed.startswith(("/as ", "/start c_")):  # the sections; the customer's link, opened on entry
            continue
        replies.append(reply.strip("\n").replace("(end of chat)", "").rstrip())
    return replies


def _block(text: str, images: Path, root: Path) -> list[str]:
    """A transcript block; a saved photo becomes the image itself, right where the bot sent it."""
    out, lines = [], []
    for line in text.splitlines():
        saved = re.match(r"\[(photo|document) saved to (.+)\]$", line.strip())
        if saved and saved.group(1) == "photo":
            source = Path(saved.group(2))
            target = images / source.name
            shutil.copyfile(source, target)
            out += _code(lines) + [f"![{source.stem}]({target.relative_to(root).as_posix()})", ""]
            lines = []
        else:
            lines.append(line)
    return out + _code(lines)


def _code(lines: list[str]) -> list[str]:
    body = "\n".join(lines).strip("\n")
    return ["```", body, "```", ""] if body.strip() else []


HEADER = """# A tour of Guide Copilot: the guide, the manager and a customer

This page is written by `scripts/tour` from a real run of the demo chat (`scripts/demo`, the clock
pinned to {now}): every line after `>` was typed into the chat, everything else is what the bot
answered. Buttons are pressed by their label in brackets (`[写消息]`), as the terminal chat allows.
The guide and the manager use Chinese, as the demo brand's staff do; each screen is also in English
for staff who choose it in /settings.
"""

def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/tour.md")
    with tempfile.TemporaryDirectory(prefix="gc-tour-") as folder:
        data = Path(folder).resolve()
        write_tour(run_demo(data), data, out)
    print(f"wrote {out} and {out.parent / 'tour'}/")


if __name__ == "__main__":
    main()
