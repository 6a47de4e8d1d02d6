import pytest

from core.domain import Customer


@pytest.mark.parametrize(
    ("name", "gender", "expected"),
    [
        ("张小红", "F", "小红"),
        ("欧阳娜娜", "F", "娜娜"),
        ("张伟", "M", "张先生"),
        ("李娜", "F", "李女士"),
        ("王芳", "", ""),  # a one-character given name and no gender: greet neutrally
        ("Amy Chen", "F", "Amy"),
        ("", "F", ""),
    ],
)
def test_first_name_never_reveals_the_full_chinese_name(name, gender, expected):
    assert Customer(external_id="C1", name=name, gender=gender).first_name == expected
