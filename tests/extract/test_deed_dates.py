"""A sentence that dates a deed told before ("the crime took place on Saturday")."""

from datetime import date


def test_a_sentence_that_dates_the_deed_told_before_dates_the_report(current):
    # the lead dates only the statement; "the crime took place on Saturday" dates the murder
    [r] = current(
        "Gunmen shot dead the mayor of Ocana, Colombian police said on Monday. Police have "
        "identified two suspects in the murder. The crime took place on Saturday night outside "
        "his home."
    )
    assert r.date == date(2023, 5, 6)
    assert r.date_evidence.text == "Saturday"


def test_a_crime_perpetrated_on_a_day_dates_the_murder_told_in_the_lead(current):
    [r] = current(
        "The government will name within days the soldiers implicated in the murder of three "
        "priests in Guatemala City. The spokesman said the crime perpetrated on 2 May at the "
        "parish house was the work of two groups."
    )
    assert r.date == date(2023, 5, 2)


def test_a_day_of_another_deed_does_not_date_the_report(current):
    # "the trial took place on Saturday" tells no deed
    [r] = current(
        "Gunmen shot dead the mayor of Ocana, Colombian police said on Monday. The funeral "
        "took place on Saturday in his home town."
    )
    assert r.date != date(2023, 5, 6)
