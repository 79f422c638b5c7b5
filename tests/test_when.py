"""Dates as minutes write them: kg finds where a date stands, dateutil reads it (day first)."""
from datetime import date

import pytest

from kg.segment.when import dates_in, dates_without_year


@pytest.mark.parametrize("text, expected", [
    ("Monday, 28th February, 2011", date(2011, 2, 28)),
    ("Tuesday 10TH DECEMBER, 2019", date(2019, 12, 10)),
    ("the 18thday of JULY 2023", date(2023, 7, 18)),
    ("15th JANUARY,\n2015", date(2015, 1, 15)),
    ("April 20, 2020", date(2020, 4, 20)),
    ("Sept 5, 2019", date(2019, 9, 5)),
    ("5 Sept. 2019", date(2019, 9, 5)),
    ("14/11/2023", date(2023, 11, 14)),
    ("04.11.2023", date(2023, 11, 4)),   # day first, as British minutes write it
    ("2020-04-05", date(2020, 4, 5)),    # ISO is year, month, day: never read day first
])
def test_a_located_date_is_read_day_first(text, expected):
    assert [d for d, _, _ in dates_in(f"Held on {text} at the Guildhall")] == [expected]


@pytest.mark.parametrize("text", ["05/13/2023", "31 February 2020", "29/02/2021", "2021-02-30"])
def test_no_such_day_is_no_date_and_month_and_day_are_never_swapped(text):
    assert dates_in(f"Held on {text}.") == []


def test_offsets_point_at_the_date_in_the_text():
    text = "Minutes of the meeting held on 3 March 2022."
    [(d, start, end)] = dates_in(text, offset=100)
    assert d == date(2022, 3, 3) and text[start - 100:end - 100] == "3 March 2022"


def test_a_date_without_its_year_takes_the_year_given():
    got = dates_without_year("MONDAY 4 DECEMBER, then April 20", 2020)
    assert [d for d, _, _ in got] == [date(2020, 12, 4), date(2020, 4, 20)]


@pytest.mark.parametrize("text, expected", [
    ("HELD ON TUESDAY, 14 TH NOVEMBER 2017 in the Hall", date(2017, 11, 14)),
    ("held on Monday 3 rd May 2016 at 7.30pm", date(2016, 5, 3)),
    ("ON THURSDAY 1 ST SEPTEMBER 2016 AT 7.30 PM", date(2016, 9, 1)),
    ("on September 22 nd, 2016", date(2016, 9, 22)),
])
def test_a_day_parted_from_its_raised_suffix(text, expected):
    assert [d for d, _, _ in dates_in(text)] == [expected]


def test_a_number_before_a_saints_name_is_no_day():
    assert dates_in("Item 1 St Mary's Church, May 2020") == []
