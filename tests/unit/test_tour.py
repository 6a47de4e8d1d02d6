"""scripts/tour turns a transcript of the demo chat into docs/tour.md with the images it sent."""
import pytest

from cli.demo import tour


def _transcript(data_dir, photo) -> str:
    return ("Loading…\nType a message, or a button's number to press it.\n"
            + "".join(f"> {line}\nanswer to {line}\n" for line in tour.script().splitlines())
            .replace("answer to /me\n", f"[photo saved to {photo}]\n我的业绩\n"))


def test_the_tour_puts_each_answer_under_its_line_and_the_photo_where_it_was_sent(tmp_path):
    photo = tmp_path / "data" / "demo-chat" / "001-month.png"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\x89PNG")
    out = tmp_path / "docs" / "tour.md"
    out.parent.mkdir()
    tour.write_tour(_transcript(tmp_path / "data", photo), tmp_path / "data", out)
    page = out.read_text()
    assert "> /today\nanswer to /today" in page and "/as manager" not in page
    assert "![001-month](tour/001-month.png)\n\n```\n我的业绩" in page
    assert (out.parent / "tour" / "001-month.png").read_bytes() == b"\x89PNG"
    assert page.index("## As the manager") < page.index("> /campaigns")


def test_a_button_the_script_presses_but_the_screen_lacks_stops_the_tour(tmp_path):
    with pytest.raises(SystemExit, match=r"\[写消息\]"):
        tour.write_tour("Type a message\n> [写消息]\n  (no single button [写消息] here; the buttons are: none)\n",
                        tmp_path, tmp_path / "tour.md")
