"""Tolls from lists of victims, and killing words that killed no one (sentences the team wrote)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tollwatch.extract.modality import asserted
from tollwatch.types import Article

PUB = datetime(1989, 11, 20, tzinfo=UTC)


def current(extractor, text, published=PUB):
    """The reports of ``text`` that tell a current incident (references left out)."""
    out = extractor.extract(Article(id="k", text=text, published=published))
    return [r for r in out if not r.is_reference]


def killed(extractor, text):
    return [r.killed.best for r in current(extractor, text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Six Jesuit priests and their two employees were murdered in San Salvador on Thursday.",
            8,
        ),
        (
            "Gunmen murdered Presidency Minister Antonio Rodriguez Porth and two of his escorts "
            "in San Salvador on Friday.",
            3,
        ),
        # a list that breaks no count down adds up
        ("Gunmen killed six Jesuits, their cook and her daughter in San Salvador on Thursday.", 8),
        (
            "The Spanish Jesuit Ignacio Ellacuria, five other priests, and two Salvadoran women "
            "were murdered in San Salvador at dawn today.",
            8,
        ),
        # a list the parse breaks apart after the count (read from the words)
        (
            "The killing of 6 clergymen, a maid, and her daughter on Thursday in San Salvador "
            "has outraged the country.",
            8,
        ),
        ("A bomb killed two policemen, a woman and a child in Lima on Thursday.", 4),
        # a clause after the count is no list
        ("Guerrillas killed three soldiers in Lima on Thursday, the army said, and fled.", 3),
        # items of their own description between semicolons
        (
            "A car bomb exploded under a bridge in Bogota on Thursday, killing Ana Ruiz, 40; "
            "Lucia Ruiz, 17; a boy known only as Pedro; Jorge Mesa Rojas, and a police officer "
            "who died in hospital.",
            5,
        ),
        (
            "The mayor's son, Luis; Pedro Gomez Vera, the municipal secretary; and bodyguard "
            "Mario Diaz were also killed by guerrillas in Abrego on Thursday.",
            3,
        ),
        # semicolons between clauses list nobody
        (
            "Rebels murdered Judge Carlos Perez Leal in Cali on Thursday; the rebels have denied "
            "it and the police have arrested two men.",
            1,
        ),
    ],
)
def test_a_list_of_victims_is_one_total(extractor, text, expected):
    assert killed(extractor, text) == [expected]


def test_the_day_a_report_came_in_from_the_capital_is_not_the_event_date(extractor):
    text = (
        "It was reported in this capital today that heavily armed men kidnapped three "
        "European engineers in Tecun Uman last night."
    )
    published = datetime(1989, 9, 27, tzinfo=UTC)
    out = current(extractor, text, published)
    assert [str(r.date) for r in out] == ["1989-09-26"]


@pytest.mark.parametrize(
    "text",
    [
        "The cartel threatened to kill 10 judges for every Colombian sent abroad, and a bomb "
        "wounded two guards at a court in Medellin on Sunday.",
        "Police said the gunmen had planned to kill three ministers; a guard was wounded in "
        "Bogota on Sunday.",
    ],
)
def test_threats_and_plans_are_not_tolls(extractor, text):
    assert all(k is None for k in killed(extractor, text))


def test_deaths_during_a_year_are_a_running_total(extractor):
    text = (
        "A bomb wounded four people in San Salvador on Sunday. Political violence has claimed "
        "19,000 lives, and 700 people have died during 1989."
    )
    assert all(k is None for k in killed(extractor, text))


def test_casualties_since_a_date_are_a_running_total(extractor):
    text = (
        "The army regrets the deaths of 390 soldiers and about 700 wounded in clashes since "
        "12 October, the defence minister said in San Salvador today."
    )
    assert all(r.killed.best is None and r.injured.best is None for r in current(extractor, text))
    # a "since" inside a clause of its own dates that clause, not the attack
    farm = (
        "Guerrillas attacked the farm near Escuintla where the president has been staying "
        "since 15 November, killing a guard on Friday."
    )
    assert killed(extractor, farm) == [1]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # the date of a statement before its verb
        (
            "Party leader Armando Calderon Sol today called for an "
            "inquiry into the assassination of the Jesuit priests. President Cristiani implicated "
            "nine soldiers in the assassination of six Jesuit priests and two women on 16 "
            "November at the Central American University.",
            datetime(1990, 1, 15, tzinfo=UTC),
            "1989-11-16",
        ),
        # the day a source spoke: the 1989 massacre of peasant patrol members in Ayacucho
        (
            "According to military sources today, three members of the peasant defense patrols "
            "were murdered by Shining Path guerrillas in Ayacucho on Tuesday.",
            datetime(1989, 10, 5, tzinfo=UTC),
            "1989-10-03",
        ),
        # the day a statement was made, with a noun: the murder keeps the day it was told on
        (
            "Yesterday, the director of the Archbishop's legal office made official statements "
            "before the court on the murder of six Jesuit priests in San Salvador on 16 "
            "November.",
            datetime(1989, 12, 15, tzinfo=UTC),
            "1989-11-16",
        ),
        # the day a wire item went out dates the item: the murder, told without a day, keeps
        # the publication's
        (
            "According to a news item transmitted on 11 December by a US agency, the archbishop "
            "accused the government of pressing the only witness of the murder of six Jesuit "
            "priests in San Salvador.",
            datetime(1989, 12, 13, tzinfo=UTC),
            "1989-12-13",
        ),
    ],
    ids=["statement", "source", "statement-noun", "transmitted"],
)
def test_the_day_of_a_statement_or_a_source_is_not_the_event_date(
    extractor, text, published, expected
):
    out = current(extractor, text, published)
    assert [str(r.date) for r in out] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Who kidnapped the two Italian engineers in Medellin on Sunday?",
        "If guerrillas bomb the power station in Ayacucho, the city will have no electricity.",
        "The rebels warned that they would bomb the power station in Ayacucho.",
    ],
)
def test_questions_suppositions_and_modals_tell_no_incident(extractor, text):
    assert killed(extractor, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Angel Marroquin and Jose Flores, members of the civil defense, were abducted and "
            "subsequently murdered by guerrillas near Chalatenango on Friday.",
            2,
        ),
        ("In a battle near Quezaltepeque on Friday, a rebel was killed and two were wounded.", 1),
    ],
)
def test_single_deaths_the_parse_hangs_elsewhere(extractor, text, expected):
    assert killed(extractor, text) == [expected]


def test_a_name_the_parse_typed_only_in_part_is_still_a_person(extractor):
    text = (
        "BOGOTA, 6 SEP 89 (RADIO) -- [TEXT] LUZ AMPARO GOMEZ SERNA, A 29-YEAR-OLD WOMAN FROM "
        "CALI, WAS MURDERED AT 1620 THIS AFTERNOON."
    )
    published = datetime(1989, 9, 6, tzinfo=UTC)
    out = [r for r in extractor.extract(Article(id="p", text=text, published=published))]
    assert [r.killed.best for r in out] == [1]
    assert [v.text.lower() for r in out for v in r.victims] == ["luz amparo gomez serna"]


def test_a_claimed_days_bombing_keeps_its_day(extractor):
    text = (
        "The Kurdistan Freedom Hawks claimed Sunday's suicide car bombing in Ankara's Kizilay "
        "square that killed 37 people, including the bomber."
    )
    published = datetime(2016, 3, 17, 10, tzinfo=UTC)
    out = [r for r in extractor.extract(Article(id="s", text=text, published=published))]
    assert [str(r.date) for r in out] == ["2016-03-13"]


def test_a_distance_in_a_victims_description_is_no_running_total(extractor):
    text = (
        "Councilman Juan Manuel Garabito from Piura, 1,100 km north of Lima, has also been shot "
        "to death."
    )
    assert killed(extractor, text) == [1]


def injured(extractor, text):
    return [r.injured.best for r in current(extractor, text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A policeman was wounded when guerrillas attacked a patrol in Lima on Monday.", [1]),
        ("Guerrillas wounded a soldier in Lima on Monday.", [1]),
        ("Two soldiers were wounded in Lima on Monday.", [2]),
        ("Gunmen attacked a former minister in Lima on Monday, wounding his bodyguard.", [1]),
        ("Three people were injured in a car crash in Lima on Monday.", []),
    ],
)
def test_people_hurt_make_an_incident_and_its_toll(extractor, text, expected):
    assert injured(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Two journalists were found dead in Veracruz on Monday.", [2]),
        ("Police fired tear gas at protesters in Nairobi; two demonstrators were shot dead.", [2]),
    ],
)
def test_bodies_found_and_protesters_shot_are_incidents(extractor, text, expected):
    assert killed(extractor, text) == expected


def test_an_attacker_and_the_building_they_burned_make_an_incident(extractor):
    text = "Unknown assailants set fire to a church in Minya on Sunday, police said."
    out = [r for r in extractor.extract(Article(id="f", text=text, published=PUB))]
    assert len(out) == 1
    assert [t.text for t in out[0].targets] == ["church"]
    assert [a.text for a in out[0].perpetrators] == ["Unknown assailants"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Six Jesuit priests were assassinated in San Salvador on Thursday.", [6]),
        ("Gunmen gunned down three policemen in Medellin on Sunday.", [3]),
        ("Militants decapitated two hostages in Raqqa on Sunday.", [2]),
    ],
)
def test_more_verbs_of_killing_count_their_dead(extractor, text, expected):
    assert killed(extractor, text) == expected


def test_a_named_person_the_model_took_for_an_organisation_still_dies(extractor):
    # spaCy's small model tags "Diego Vargas Escobar" ORG here; only people are assassinated
    text = (
        "The authorities have reported that radio announcer Diego Vargas Escobar was "
        "assassinated today in Medellin."
    )
    assert killed(extractor, text) == [1]


def test_a_player_injured_in_a_match_is_no_incident(extractor):
    text = (
        "Playing without their injured forwards, the home side attacked from the first whistle. "
        "The midfielder, who came on at half-time after the full-back was injured, then scored "
        "twice in two minutes."
    )
    assert injured(extractor, text) == []


def test_dead_told_in_a_later_sentence_with_also_add_up(extractor):
    text = (
        "Presidency Minister Antonio Rodriguez Porth was murdered in San Salvador on Friday. "
        "Two of his bodyguards were also killed."
    )
    assert killed(extractor, text) == [3]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the nominal "murder of" counts whatever it counts: only people are murdered
        ("The president condemned the murder of six Jesuits and two women in San Salvador.", [8]),
        # a part after the total ("five of them Spaniards") is no total of its own
        ("The bishop condemned the assassination of six Jesuits, five of them Spaniards.", [6]),
        # a list of ranks and names, its items joined by commas and "and"
        (
            "A police colonel, a judge and presidential candidate Luis Carlos Galan were "
            "murdered in Medellin on Friday.",
            [3],
        ),
        (
            "Jesuits Ignacio Ellacuria, Ignacio Martin Baro, Segundo Montes, Amando Lopez, Juan "
            "Ramon Moreno, and Joaquin Lopez were killed in San Salvador on 16 November.",
            [6],
        ),
        # a kin of the named person is another person; the description of a name is not
        ("Police said Rodriguez Gacha, his son, and 15 others were killed near Tolu.", [17]),
        ("The mayor, Ricardo Bohorquez, was shot dead in Medellin on Sunday.", [1]),
        # people killed by two verbs of one sentence add up
        ("The magistrate and the colonel had been murdered; Galan was murdered that evening.", [3]),
        # a named person and the others killed in the attack the sentence tells
        (
            "The government denounced the assassination of Presidency Minister Jose Antonio "
            "Rodriguez Porth in San Salvador today in an attack in which his bodyguard and driver "
            "were also killed.",
            [3],
        ),
        (
            "The assassination of Galan, who was killed in Soacha on Friday, shocked the country.",
            [1],
        ),
        # "along with N other": the named person and the others
        (
            "Party leader Cecilio Rivera was shot to death along with two other party militants "
            "in Sonsonate on Monday.",
            [3],
        ),
        # people listed where the parse broke the list are counted from the words
        # ... the parse hangs the second item as an apposition and the third under it
        ("Guerrillas yesterday killed a judge, a police commander, and a mayor in Cali.", [3]),
        # ... or under the place of the first
        (
            "Three judges investigating the murders of the governor of Antioquia, another "
            "magistrate, and the Antioquia police commander resigned on Friday.",
            [3],
        ),
        # names hung elsewhere before a subject that is a name
        ("Oqueli and Gilda Flores were kidnapped and killed on Friday in Guatemala City.", [2]),
        # one person's titles joined by "and" are one person
        (
            "Gunmen on Friday murdered Carlos Valencia, Colonel Franklin Quintero, and Senator "
            "and presidential candidate Luis Carlos Galan in Bogota.",
            [3],
        ),
        # a description after a comma, with no "and" to close a list, is the same person
        (
            "Pablo Pelaez, Mayor of Medellin, in the north of the country, was murdered on "
            "Friday by gunmen.",
            [1],
        ),
        # a sentence's first adverb is no name before the subject
        (
            "Meanwhile, Amalio Escobar, 21, a member of the civil patrols, was shot to death "
            "on Friday in San Pablo.",
            [1],
        ),
    ],
)
def test_lists_and_clauses_of_victims_add_up(extractor, text, expected):
    assert killed(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a later count of others adds to the dead told before
        (
            "Union leader Febe Elisabeth Velasquez died at the scene of the bombing in San "
            "Salvador on Tuesday, medical sources said. The blast at the union's office left 7 "
            "other people dead and 35 wounded.",
            [8],
        ),
        # a later count of someone's companions restates the dead told before
        (
            "Three members of a peasant union have been killed by soldiers in the city of "
            "Sonsonate, according to the union.\n\nAmong the dead is Cecilio Rivera, its "
            "treasurer. Rivera was shot to death along with two other union members whose names "
            "were not given.",
            [3],
        ),
    ],
)
def test_a_later_count_of_others_adds_to_the_dead_told_before_or_restates_them(
    extractor, text, expected
):
    assert killed(extractor, text) == expected


def test_the_other_dead_of_a_group_told_before_are_a_part_of_it(extractor):
    text = (
        "Ten people were killed when guerrillas attacked the village of Tenancingo on Monday. "
        "Three died at the scene; the other seven died in hospital."
    )
    assert killed(extractor, text) == [10]


def test_a_plural_name_of_a_group_is_not_one_dead_person(extractor):
    text = "Soldiers stood guard outside the house where the Jesuits were killed in San Salvador."
    assert killed(extractor, text) in ([], [None])


def test_a_named_person_assassinated_whom_the_model_took_for_an_organisation(extractor):
    text = (
        "Regarding the assassination of Hector Oqueli Colindres, leader of the National "
        "Revolutionary Movement, in Guatemala City on Friday, the party said it held the "
        "army responsible."
    )
    assert killed(extractor, text) == [1]


@pytest.mark.parametrize(
    "text, reference",
    [
        ("Two hours ago a bomb exploded at a bank in Medellin, wounding three clerks.", False),
        ("A few minutes ago a bomb exploded at a bank in Medellin, wounding three clerks.", False),
        ("Ten years ago a bomb exploded at a bank in Medellin, wounding three clerks.", True),
    ],
)
def test_minutes_and_hours_ago_are_news_and_years_ago_history(extractor, text, reference):
    out = extractor.extract(Article(id="g", text=text, published=PUB))
    assert [r.is_reference for r in out] == [reference]


def test_the_killers_are_not_counted_and_him_is_one_dead(extractor):
    text = (
        "Mayor Carlos Ossa left his office in Medellin on Friday. Two gunmen on a motorcycle "
        "shot him dead outside the building."
    )
    out = [r for r in extractor.extract(Article(id="h", text=text, published=PUB))]
    assert [r.killed.best for r in out] == [1]
    assert not [f for r in out for f in r.figures if f.low == 2]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The mayor of Segovia was found dead together with his wife on Sunday.", 2),
        ("The labour minister was killed along with his bodyguard and his driver in Lima.", 3),
        ("Judge Carlos Ortiz was murdered along with his driver on Monday in Medellin.", 2),
        # a named victim and a count joined by "and" under one verb
        (
            "Soldiers murdered party leader Cecilio Ramos and two other party supporters near "
            "San Miguel on Monday.",
            3,
        ),
        # a proper name the small model may type as an organisation, and its companion named
        (
            "Tomas Ayala Reyes, a leader of the Socialist Union, was found dead along with "
            "Marta Quiroga, a member of the same party, in a town near the border.",
            2,
        ),
    ],
)
def test_people_found_dead_or_killed_along_with_others_add_up(extractor, text, expected):
    assert killed(extractor, text) == [expected]


def test_a_named_victim_goes_with_the_incident_that_dates_and_places_the_death(extractor):
    # a story on one massacre that asks, in passing, about another man's murder, and then
    # tells where and when that man was found dead: two incidents, each with its own victims
    text = (
        "SAN SALVADOR, 15 Jan 90 -- The ruling party today called for an inquiry into the "
        "murder of six Jesuit priests and two women on 16 November at the Central American "
        "University. In addition, the party asked the governments of El Salvador and "
        "Guatemala for an exhaustive investigation into the murder of opposition leader Tomas "
        "Ayala Reyes. Ayala Reyes was found dead along with Marta Quiroga on 13 January "
        "in a town in southeastern Guatemala."
    )
    out = current(extractor, text, datetime(1990, 1, 15, tzinfo=UTC))
    assert len(out) == 2
    jesuits, ayala = sorted(out, key=lambda r: r.date)
    assert jesuits.killed.best == 8
    assert not any("Ayala" in v.text for v in jesuits.victims)
    assert ayala.location.country == "GT"
    assert ayala.killed.best == 2
    assert any("Ayala" in v.text for v in ayala.victims)


@pytest.mark.parametrize(
    "text",
    [
        "The party said the assassination on Sunday of its candidate Bernardo Jaramillo forced "
        "it to withdraw from the elections.",
        "The president believes a right-wing group took part in the assassination in Guatemala "
        "of opposition leader Tomas Ayala Reyes.",
    ],
)
def test_the_murder_of_a_named_person_past_a_date_or_place_is_one_dead(extractor, text):
    assert killed(extractor, text) == [1]


@pytest.mark.parametrize(
    "text",
    [
        "During the last six months, five judges have been killed by hired gunmen in Medellin.",
        "Over the course of a month, two mayors have been killed in our department.",
        "The movement blamed the army for the assassination of four candidates in the past few "
        "years.",
    ],
)
def test_running_totals_over_a_period_are_no_toll(extractor, text):
    assert all(k is None for k in killed(extractor, text))


def test_the_number_of_people_kidnapped_is_no_count_of_dead(extractor):
    text = (
        "Two bodies were found shot to death in a park south of Guatemala City today. Another "
        "student disappeared, bringing to eight the number of students kidnapped during the past few "
        "weeks."
    )
    assert killed(extractor, text) == [2]


def test_an_undated_incident_is_news_of_its_day_and_an_older_massacre_is_another(extractor):
    published = datetime(1989, 1, 20, tzinfo=UTC)  # a Friday
    text = (
        "It has been confirmed that two leaders of the Patriotic Union were killed by unknown "
        "persons near Rio Blanco, Tolima. According to the police, a paramilitary group is "
        "responsible for the massacre of 12 peasants last Monday."
    )
    out = current(extractor, text, published)
    assert sorted(r.killed.best for r in out) == [2, 12]
    # the day before the story ran is the same news: one incident
    text = (
        "Two leaders of the Patriotic Union were killed by unknown persons near Rio Blanco, "
        "Tolima. They were shot on Thursday night as they left a meeting."
    )
    out = current(extractor, text, published)
    assert [r.killed.best for r in out] == [2]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Relatives mourned three soldiers who died in the ambush near Tikrit on Tuesday.", [3]),
        ("Crowds buried the 11 miners who were killed by the landslide and the gunmen.", [11]),
        # the killers, not the dead; and a running total
        ("Police in Lima arrested two men who killed a bank guard on Monday.", [1]),
        ("The war has displaced 270,000 people who have been killed since 2011.", []),
    ],
)
def test_people_a_relative_clause_says_were_killed_are_counted(extractor, text, expected):
    assert [k for k in killed(extractor, text) if k is not None] == expected


def test_a_funeral_of_people_killed_on_another_day_mourns_another_incident(extractor):
    published = datetime(1989, 11, 2, tzinfo=UTC)
    text = (
        "Urban guerrillas wounded a policeman in San Salvador today when they attacked the guards "
        "of a power station. The attack came hours before hundreds attended the funeral of the "
        "nine trade unionists who were killed on 31 October in a bombing of their union's offices."
    )
    out = current(extractor, text, published)
    assert sorted((str(r.date), r.killed.best) for r in out) == [
        ("1989-10-31", 9),
        ("1989-11-02", None),
    ]
    # the funeral of the victims of the day's own attack stays with it
    text = (
        "Gunmen killed nine trade unionists in San Salvador on 31 October. On 2 November "
        "hundreds attended the funeral of the nine trade unionists who were killed on 31 October."
    )
    out = current(extractor, text, published)
    assert [(str(r.date), r.killed.best) for r in out] == [("1989-10-31", 9)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a count the list after it only breaks down
        ("Gunmen killed five people, three soldiers and two civilians, in Kabul on Monday.", 5),
        ("The blast in Quetta on Monday killed four people, two men and two women.", 4),
        (
            "Soldiers killed three reporters, two Salvadorans and a Netherlander, near Suchitoto "
            "on Friday.",
            3,
        ),
        (
            "Gunmen killed two journalists, John Hoagland and Ian Mates, near Suchitoto on Sunday.",
            2,
        ),
    ],
)
def test_a_list_that_breaks_down_a_count_is_not_added_to_it(extractor, text, expected):
    assert killed(extractor, text) == [expected]


def test_people_almost_killed_are_not_dead(extractor):
    text = (
        "Two American teachers were killed in crossfire in San Salvador on Saturday. The daughter "
        "of the Egyptian ambassador, Nadine Elkashes, was almost killed."
    )
    assert killed(extractor, text) == [2]
    assert killed(extractor, "Nearly 50 people were killed in the attack in Lima on Monday.") == [
        50
    ]


def test_a_crime_the_victim_was_investigating_is_no_toll_of_their_murder(extractor):
    text = (
        "Gunmen shot dead Judge Bernardo Jaramillo in Medellin today. The judge was investigating "
        "the massacre of 43 persons in the town of Segovia."
    )
    assert killed(extractor, text) == [1]
    # the police investigating the bombing told is no background
    text = "Police are investigating the massacre of 43 persons in the town of Segovia on Friday."
    assert killed(extractor, text) == [43]


def test_an_undated_incident_named_again_with_its_day_is_one_incident(extractor):
    published = datetime(1989, 12, 2, tzinfo=UTC)
    text = (
        "The Salvadoran defence ministry has flatly denied charges that soldiers killed six "
        "Jesuit priests. The six Jesuits and two other persons were killed on 16 November, shot "
        "during the night by a group of armed men."
    )
    out = current(extractor, text, published)
    assert [(str(r.date), r.killed.best) for r in out] == [("1989-11-16", 8)]
    # other victims of another day are another incident
    text = (
        "Two policemen were killed by a car bomb in Kabul. Two other policemen were killed in an "
        "ambush in Kandahar on 20 November."
    )
    out = current(extractor, text, published)
    assert sorted(str(r.date) for r in out) == ["1989-11-20", "1989-12-02"]


def test_a_sentence_with_several_days_does_not_date_an_incident_a_later_one_dates(extractor):
    published = datetime(1989, 12, 3, tzinfo=UTC)
    text = (
        "Today the defence ministry flatly denied charges raised yesterday that officers "
        "ordered the murder of six Jesuit priests. The six Jesuits and two other persons were "
        "killed on 16 November, shot during the night by a group of armed men."
    )
    out = current(extractor, text, published)
    assert [(str(r.date), r.killed.best) for r in out] == [("1989-11-16", 8)]


def test_the_names_after_a_plural_victim_word_are_counted(extractor):
    text = (
        "The committee condemned the recent murder in Guatemala of political leaders Hector "
        "Oqueli Colindres and Gilda Amparo Flores Arevalo."
    )
    assert killed(extractor, text) == [2]


def test_a_count_after_a_name_that_opens_the_next_clause_is_no_victim(extractor):
    # the parse sets "the 4,015 judges" in apposition to Galan; they decided, nobody killed them
    text = (
        "After the assassination of liberal leader Luis Carlos Galan, the 4,015 judges of the "
        "country decided to lift the strike they had called on 17 August."
    )
    assert all(r.killed.best != 4015 for r in current(extractor, text))
    assert killed(
        extractor,
        "Soldiers murdered Rector Ignacio Ellacuria, five other Jesuits, and two women on "
        "16 November in San Salvador.",
    ) == [8]


def test_the_dead_a_war_has_left_over_a_period_are_no_toll(extractor):
    text = (
        "Costa Rica proposed a truce in the wake of the heightened fighting in El Salvador, "
        "which has left 2,000 dead in the past month."
    )
    assert all(r.killed.best is None for r in current(extractor, text))
    assert killed(extractor, "A car bomb left 12 dead in Lima on Monday.") == [12]


def test_a_person_shot_in_a_part_of_the_body_is_wounded(extractor):
    out = current(
        extractor,
        "Gunmen attacked the embassy in Bogota on Monday. A U.S. marine was shot in the shoulder.",
    )
    assert [(r.killed.best, r.injured.best) for r in out] == [(None, 1)]
    # a death told in the sentence is no wound besides
    out = current(extractor, "A policeman was shot in the head and killed in Lima on Monday.")
    assert all(r.injured.best is None for r in out)


def test_a_person_shot_who_then_died_is_dead(extractor):
    text = "A policeman was shot in the head and died on the way to hospital in Lima on Monday."
    assert [(r.killed.best, r.injured.best) for r in current(extractor, text)] == [(1, None)]
    text = "A policeman was shot in the head in Lima on Monday and later passed away."
    assert [(r.killed.best, r.injured.best) for r in current(extractor, text)] == [(1, None)]


@pytest.mark.parametrize(
    "second",
    [
        "The victim was taken to a military hospital, where he passed away.",
        "The victim was taken to a military hospital, where he succumbed to his wounds.",
        "The victim was taken to a military hospital, where he died.",
    ],
)
def test_he_passed_away_or_succumbed_counts_one_dead(extractor, second):
    """The 1990 murder of a retired Peruvian defence minister, paraphrased by the team."""
    text = (
        "At 0945 this morning, a group of subversives attacked former Defense Minister Enrique "
        "Lopez Albujar in the San Isidro district of Lima. " + second
    )
    assert [r.killed.best for r in current(extractor, text)] == [1]


def test_a_friend_passing_by_is_no_death(extractor):
    text = "Gunmen attacked a bank in Lima on Monday. A friend passed by the scene later."
    assert all(r.killed.best is None for r in current(extractor, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The candidate who replaced the assassinated Carlos Pizarro spoke on Sunday.", [1]),
        (
            "The government launched an offensive to find those responsible for his "
            "assassination after the death of Luis Carlos Galan on Friday.",
            [1],
        ),
        # a group, not one named person; a body is no killing word with an owner
        ("The family of the murdered Jesuits asked for justice on Sunday.", []),
    ],
)
def test_a_named_person_told_as_killed_without_a_verb_is_one_dead(extractor, text, expected):
    assert killed(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gunmen gunned down Judge Hector Jimenez Rodriguez in Medellin on Sunday.", [1]),
        ("Two policemen were gunned down in Medellin on Sunday.", [2]),
    ],
)
def test_gunned_down_is_killed(extractor, text, expected):
    assert killed(extractor, text) == expected


def test_a_killing_whose_date_stands_between_it_and_its_victim_names_the_victim(extractor):
    text = (
        "Several labor unions condemned the kidnapping and assassination on 15 November of "
        "Eduardo Antonio Lopez Palencia, a student whose corpse showed signs of torture."
    )
    [r] = current(extractor, text)
    assert r.killed.best == 1 and str(r.date) == "1989-11-15"
    assert [v.text for v in r.victims] == ["Eduardo Antonio Lopez Palencia"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("An airliner blew up in midair on Monday, killing all 107 passengers and crew.", [107]),
        ("Six Jesuits, a maid and her daughter were killed on Thursday.", [8]),
        ("Six soldiers, a colonel, were killed on Thursday.", [6]),
        # the list goes on with the counted noun's "and"
        ("Soldiers killed six priests, a maid, and her daughter on Thursday.", [8]),
        ("Soldiers killed six priests, a maid said on Monday.", [6]),
    ],
)
def test_a_crew_is_no_one_more_and_a_list_after_a_count_adds_up(extractor, text, expected):
    assert killed(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On 3 November 12 people were killed in Medellin, police said.",
        "Police said that on November 3 12 people were killed in Medellin.",
    ],
)
def test_a_day_of_the_month_is_no_toll(extractor, text):
    [r] = current(extractor, text)
    assert sorted({f.low for f in r.figures if f.kind == "killed"}) == [12]


def test_an_event_verb_in_a_clause_of_condition_is_not_asserted(extractor):
    def told(text, word="bomb"):
        doc = extractor.nlp(text)
        tok = next(t for t in doc if t.lower_ == word)
        return asserted(tok, tok.sent)

    assert not told("A union said it will call a strike if the air force continues to bomb towns.")
    assert told("A union said the air force continues to bomb towns near the capital.")
    # an event noun in such a clause was told: the killing happened
    text = "He said that if the soldiers involved in the killing are punished, justice will win."
    assert told(text, "killing")


def test_the_datelines_date_does_not_date_the_sentence_it_opens(extractor):
    text = (
        "SUCRE, 14 MAR 90 (EFE) -- [EXCERPT] TWO BOMBS EXPLODED OUTSIDE A BANK IN SUCRE LAST "
        "NIGHT, DAMAGING ITS DOORS, THE POLICE SAID."
    )
    out = current(extractor, text, datetime(1990, 3, 14, tzinfo=UTC))
    assert [str(r.date) for r in out] == ["1990-03-13"]


def test_events_counted_over_a_period_are_a_statistic_not_an_incident(extractor):
    # a human rights group's tally of political killings in Colombia in 1989
    for tally in (
        "Death squads have carried out 700 political assassinations so far this year.",
        "Rightist gangs committed 120 murders of union leaders in the past two months.",
    ):
        assert current(extractor, tally) == []
    # counted events of one day are incidents
    day = "Gunmen carried out two assassinations in Cali on Monday, killing a judge and a mayor."
    assert [r.killed.best for r in current(extractor, day)] == [2]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the murder of the Jesuits at the UCA (16 November 1989), told as in later reports
        ("Two domestic servants were killed together with the six priests on Thursday.", [8]),
        ("Three soldiers died along with two civilians when the bomb exploded.", [5]),
        # a parse that loses the subject keeps the names joined by "and" (Guazapa, March 1989)
        (
            "The report indicates Angel Marroquin Hernandez and Jose Angel Flores, members of the "
            "civil defense, were abducted and subsequently murdered by the rebels.",
            [2],
        ),
    ],
)
def test_dead_together_with_others_add_up(extractor, text, expected):
    assert killed(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a count no single incident reaches is a war's, whatever the sentence says around it
        ("The new charter was written over the bodies of more than 70,000 people killed.", []),
        ("Ten years of fighting meant ruined villages and the death of 60,000 civilians.", []),
        # a thousand or more with no day of its own is a total too
        ("The month of fighting in the capital left more than 1,000 people dead.", []),
        ("Those rifles have made it possible to kill thousands of peasants.", []),
        # with its day it is one incident's toll
        (
            "Insurgents killed as many as 1,200 villagers in Baga on Saturday, officials said.",
            [1200],
        ),
        ("Gunmen killed 12 people at a market in Kano on Monday, police said.", [12]),
    ],
)
def test_counts_too_large_for_one_incident_are_no_tolls(extractor, text, expected):
    published = datetime(2015, 1, 12, tzinfo=UTC)
    out = current(extractor, text, published)
    assert [r.killed.best for r in out if r.killed.best is not None] == expected


def test_a_big_bombing_wounds_a_thousand_without_a_day_of_its_own(extractor):
    text = (
        "A week later, a truck bomb went off outside the security police headquarters in "
        "Bogota, leaving 63 dead and about 1,000 wounded."
    )
    out = current(extractor, text, datetime(1989, 12, 20, tzinfo=UTC))
    assert [(r.killed.best, r.injured.best) for r in out] == [(63, 1000)]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels killed 5 soldiers near San Miguel and seized 2 M-70 machine guns.",
        "We seized 37 rifles, a 90-mm cannon, 2 M-70 machine guns and 3 LAW rocket launchers "
        "after killing 5 soldiers near San Miguel.",
    ],
)
def test_a_count_of_arms_is_no_toll(extractor, text):
    out = current(extractor, text)
    assert [r.killed.best for r in out] == [5]
    assert [f.kind for r in out for f in r.figures] == ["killed"]
    # arms seized were not used
    assert all(w.text.lower() not in ("law rocket", "machine guns") for r in out for w in r.weapons)


def test_someone_the_sentence_names_is_one_dead(extractor):
    # "foreigner" is no person word of the lexicon: the name given to it makes one
    assert killed(
        extractor,
        "A foreigner named Erika Suleman was killed in crossfire in San Salvador on Saturday.",
    ) == [1]


def test_a_persons_murder_is_one_dead_unless_it_only_dates_something(extractor):
    assert killed(
        extractor,
        "The minister denounced Carlos Pizarro Leongomez' assassination aboard a plane over "
        "Bogota today.",
    ) == [1]
    assert (
        killed(
            extractor,
            "Shortly after Luis Carlos Galan's assassination, the United States asked for the "
            "extradition of the drug lord.",
        )
        == []
    )
