"""No cell of a CSV we write runs as a spreadsheet formula; numbers stay numbers."""
from decimal import Decimal

import pytest

from core.spreadsheet import cell


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1:A9)",
                                  "\t=1", "\r=1", "=cmd|' /C calc'!A0"])
def test_text_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(text):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-12.30", "+5", "-0.5", "1e5", Decimal("-3.00"), -7, -1.5, "Li Na", "", None,
                                   "a=b", "x-1"])
def test_numbers_and_ordinary_text_are_written_as_they_are(value):
    assert cell(value) == value
