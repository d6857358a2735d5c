from datetime import date

import pytest

from tollwatch.extract.dates import find_dates
from tollwatch.extract.numbers import bounds, read_number, read_qualifier


@pytest.mark.parametrize(
    "text,value,vague",
    [
        ("a hundred people", 100, False),
        ("seventy - three", 73, False),
        ("one hundred and twenty", 120, False),
        ("1,200", 1200, False),
        ("a dozen", 12, False),
        ("two dozen", 24, False),
        ("dozens of", 12, True),
        ("hundreds", 100, True),
        ("tens of thousands", 10000, True),
    ],
)
def test_read_number(text, value, vague):
    num = read_number(text.split(), 0)
    assert num is not None and num.value == value and num.vague == vague


def test_not_a_number():
    assert read_number(["people"], 0) is None
    assert read_number(["a", "car"], 0) is None


@pytest.mark.parametrize(
    "words,qualifier",
    [
        ("at least 8", "at least"),
        ("more than 148", "more than"),
        ("nearly 30", "nearly"),
        ("up to 50", "up to"),
        ("148", "exact"),
    ],
)
def test_read_qualifier(words, qualifier):
    w = words.split()
    assert read_qualifier(w, len(w) - 1)[0] == qualifier


def test_bounds():
    assert bounds(148, "more than", False) == (149, None, "more than")
    assert bounds(41, "at least", False) == (41, None, "at least")
    assert bounds(50, "up to", False) == (None, 50, "up to")
    assert bounds(12, "exact", True) == (12, None, "vague")
    assert bounds(78, "exact", False) == (78, 78, "exact")


MONDAY = date(2016, 5, 23)


@pytest.mark.parametrize(
    "text,expected,history",
    [
        ("were killed Monday in", date(2016, 5, 23), False),
        ("on Sunday gunmen", date(2016, 5, 22), False),
        ("last Monday", date(2016, 5, 16), False),
        ("last night", date(2016, 5, 22), False),
        ("yesterday", date(2016, 5, 22), False),
        ("on 23 May", date(2016, 5, 23), False),
        ("on December 25", date(2015, 12, 25), True),  # never after publication
        ("attacks in 1986 that", date(1986, 1, 1), True),
        ("In 1986 the editor was murdered", date(1986, 1, 1), True),  # opening a sentence
        ("During 2009 there were", date(2009, 1, 1), True),
        ("on 3 FEB 90", date(1990, 2, 3), True),
        ("bombed it last week", date(2016, 5, 16), False),
        ("earlier this week", date(2016, 5, 23), False),
        ("last month", date(2016, 4, 1), False),
        ("in the past 48 hours", date(2016, 5, 22), False),
        ("over the weekend", date(2016, 5, 21), False),
        ("came eight days after an ambush", date(2016, 5, 15), True),
    ],
)
def test_dates_resolve_against_publication(text, expected, history):
    found = find_dates(text, MONDAY)
    assert found and found[0].date == expected and found[0].history == history


def test_dates_without_publication_stay_unresolved():
    found = find_dates("gunmen attacked on Sunday", None)
    assert found and found[0].date is None


def test_hours_after_an_event_say_nothing_of_its_day():
    assert not find_dates("the gunmen stayed in the house 1 hour after the shooting", MONDAY)
    assert not find_dates("a second bomb went off two hours after the first", MONDAY)


def test_a_weekday_before_a_date_of_the_month_is_part_of_it():
    published = date(1989, 9, 6)
    found = find_dates("was shot dead in Bogota on Tuesday, 5 August.", published)
    assert [(d.text, d.date) for d in found] == [("Tuesday, 5 August", date(1989, 8, 5))]
    found = find_dates("on Friday the 4th of August", published)
    assert [d.date for d in found] == [date(1989, 8, 4)]
    # apart, each is read on its own
    found = find_dates("on Tuesday gunmen attacked; on 5 August they left", published)
    assert [d.date for d in found] == [date(1989, 9, 5), date(1989, 8, 5)]


def test_that_day_and_days_later_take_the_date_before_them():
    """Sentences written by the team (the 1989 murders of a Medellin police chief and two
    Colombian politicians, paraphrased)."""
    published = date(1989, 9, 11)

    def dated(text):
        return [(d.text, d.date) for d in find_dates(text, published)]

    assert dated(
        "He chaired a peace forum on 18 August. On that very day, a colonel was murdered."
    )[1] == ("that very day", date(1989, 8, 18))
    assert dated("The statement came on 18 August, the same day the senator was shot.")[1][1] == (
        date(1989, 8, 18)
    )
    assert dated("A leader was killed on 27 February; only 4 days later another one was shot.")[
        1
    ] == ("4 days later", date(1989, 3, 3))
    assert dated("A plane blew up on 27 July. A week later, a bus bomb exploded.")[1] == (
        "A week later",
        date(1989, 8, 3),
    )
    assert dated("A car bomb went off on 2 June and 5 weeks later another one.")[1][1] == (
        date(1989, 7, 7)
    )
    assert dated("Rebels attacked on 2 September. The following day, troops struck back.")[1][
        1
    ] == date(1989, 9, 3)
    [(text, day)] = dated("Guerrillas raided the town on 4 September; the previous day was calm.")[
        1:
    ]
    assert day == date(1989, 9, 3)


def test_a_time_converted_to_gmt_names_no_day_of_the_incident():
    published = date(1990, 1, 12)
    text = "The first bomb went off at 2230 [0230 GMT on 12 January] near the ministry."
    assert not find_dates(text, published)
    found = find_dates("At 2230 (0230 GMT, 12 January) on 11 January a bomb went off", published)
    assert [d.date for d in found] == [date(1990, 1, 11)]
    # outside brackets it is the time of a real day
    found = find_dates("Madrid EFE at 2132 GMT on 13 December reports the kidnapping", published)
    assert [d.date for d in found] == [date(1989, 12, 13)]


def test_that_day_without_a_day_before_it_dates_nothing():
    published = date(1989, 9, 11)
    assert not find_dates("The next day, gunmen attacked a bus.", published)
    # a year or a month names no day to count from
    assert [d.text for d in find_dates("In 1986 bombs killed 144. The same day...", published)] == [
        "In 1986"
    ]
    # nor may it fall after the publication: "Monday" is the publication day itself
    assert [
        d.text for d in find_dates("On Monday rebels attacked; the next day...", published)
    ] == ["Monday"]
    assert find_dates("three days later", None) == []


def test_may_as_verb_is_not_a_date():
    assert find_dates("the court may rule on 3 June", MONDAY)[0].text == "3 June"
    assert not find_dates("officials said it may take weeks", MONDAY)


def test_a_day_to_come_is_after_publication():
    [d] = find_dates("The rebels will strike next Tuesday.", date(1989, 3, 15))
    assert d.date == date(1989, 3, 21)
    [d] = find_dates("The rebels will strike this coming Friday.", date(1989, 3, 15))
    assert d.date == date(1989, 3, 17)


def test_a_date_to_come_never_dates_an_incident(extractor):
    from datetime import UTC, datetime

    from tollwatch.types import Article

    text = (
        "Guerrillas killed two soldiers in Usulutan. The rebels, who oppose the 1991 elections, "
        "said they will attack the capital next Tuesday."
    )
    published = datetime(1989, 3, 15, tzinfo=UTC)
    out = extractor.extract(Article(id="f", text=text, published=published))
    assert [str(r.date) for r in out if not r.is_reference] == ["1989-03-15"]


def test_the_day_of_a_homily_or_an_interview_dates_no_incident(extractor):
    from datetime import UTC, datetime

    from tollwatch.extract.segment import statement_date
    from tollwatch.types import Article

    for said in ("In his homily today, the bishop", "in an interview on Sunday the minister"):
        start = said.index("today") if "today" in said else said.index("Sunday")
        assert statement_date(said, start, start + 5)
    assert not statement_date("In the capital today, rebels", 15, 20)
    # the murder of the Jesuits (16 November 1989), recalled in a sermon weeks later
    text = (
        "SAN SALVADOR, 10 DEC 89 -- In his homily today, the archbishop denounced the massacre "
        "of six Jesuit priests once more. The Jesuit priests were murdered in the early morning "
        "of 16 November at their residence."
    )
    out = extractor.extract(
        Article(id="h", text=text, published=datetime(1989, 12, 10, tzinfo=UTC))
    )
    assert [str(r.date) for r in out if not r.is_reference] == ["1989-11-16"]


def test_an_address_or_remarks_date_the_statement():
    from tollwatch.extract.segment import statement_date

    for said in ("in his address today, the president", "in her remarks on Sunday, she"):
        start = said.index("today") if "today" in said else said.index("Sunday")
        assert statement_date(said, start, start + 5)
