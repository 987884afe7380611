from kg.extract.dates import find_dates


def _one(text, published="2018-06-15"):
    (hit,) = find_dates(text, published)
    return hit[2], hit[3]


def test_weekday_resolves_to_the_latest_such_day_before_publication():
    # 2018-06-15 was a Friday: "on Wednesday" is 2018-06-13
    assert _one("Shells fell on Wednesday near Idlib.") == ("on Wednesday", "2018-06-13")


def test_full_dates_in_both_orders():
    assert _one("It began 15 June, 2018 in Derna.", None) == ("15 June, 2018", "2018-06-15")
    assert _one("It began on March 3, 2022 in Kharkiv.", None)[1] == "2022-03-03"


def test_month_alone_keeps_text_without_a_day():
    assert _one("In May, the army launched an offensive.") == ("In May", None)


def test_relative_days_and_no_reference_date():
    assert _one("Two days ago gunmen attacked a convoy.")[1] == "2018-06-13"
    assert _one("Yesterday a drone struck Marib.")[1] == "2018-06-14"
    assert _one("Yesterday a drone struck Marib.", None) == ("Yesterday", None)
