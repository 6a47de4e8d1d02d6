"""Names in either order and script: a greeting uses the given name, or nothing when unsure."""
import pytest

from core.person_names import display_name, greeting_name, parse


@pytest.mark.parametrize(
    ("name", "gender", "expected"),
    [
        ("周明明", "", "明明"),
        ("明明 周", "", "明明"),  # Telegram's first name + last name, as full_name joins them
        ("周 明明", "", "明明"),
        ("欧阳娜娜", "F", "娜娜"),
        ("周明", "M", "周先生"),
        ("周明", "", ""),  # one-character given name, gender unknown: neutral, not "明"
        ("Smith, John", "", "John"),
        ("周, 明明", "", "明明"),
        ("John Smith", "", "John"),
        ("john smith", "", "John"),
        ("Mr John Smith", "M", "John"),
        ("ZHOU Mingming", "", "Mingming"),
        ("Mingming ZHOU", "", "Mingming"),
        ("Zhou Mingming", "", "Mingming"),
        ("Li Wei", "", ""),  # both words are surnames: either order is possible
        ("Anna", "", "Anna"),
        ("Zhou", "", ""),  # one word that is plainly a surname
        ("J. Smith", "", ""),
        ("小猫咪", "", ""),  # a nickname that does not start with a surname
        ("Anna 李", "", ""),  # mixed scripts: unsure
        ("   ", "", ""),
    ],
)
def test_the_greeting_name_copes_with_order_script_commas_and_one_word_names(name, gender, expected):
    assert greeting_name(name, gender) == expected


def test_a_greeting_never_keeps_the_comma_of_family_first_names():
    assert "," not in greeting_name("Smith, John") and "，" not in greeting_name("周，明明")


def test_telegram_names_are_joined_in_the_order_of_their_script():
    assert display_name("明明", "周") == "周明明"
    assert display_name("John", "Smith") == "John Smith"
    assert display_name("Anna") == "Anna"
    assert parse(display_name("明明", "周")).family == "周"
