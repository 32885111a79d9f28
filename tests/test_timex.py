"""The time component on news sentences: recognition, TIMEX3 values, unresolved values, the seed."""

from __future__ import annotations

import json

import pytest

from newsgraph.evaluate import shared_dir
from newsgraph.extract.timex import extract_timexes, governing_date
from newsgraph.nlp import load_pipeline, make_doc

PUBLISHED = "2025-04-26"  # a Saturday, ISO week 17


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def run(nlp, text: str, published: str | None = PUBLISHED):
    return nlp(make_doc(nlp, text, published))


def found(nlp, text: str, published: str | None = PUBLISHED) -> dict[str, tuple[str, str]]:
    doc = run(nlp, text, published)
    return {t.text: (t.type, t.value) for t in doc._.timexes}


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # absolute dates in common formats
        ("The ceasefire was signed on March 3, 2022 in Minsk.", "March 3, 2022", ("DATE", "2022-03-03")),
        ("The summit opened on 14 February 2024 in Munich.", "14 February 2024", ("DATE", "2024-02-14")),
        ("The ruling, dated 2023-11-05, was published late.", "2023-11-05", ("DATE", "2023-11-05")),
        ("Elections were held in October 2019 amid protests.", "October 2019", ("DATE", "2019-10")),
        ("The company was founded in 1998 by two engineers.", "1998", ("DATE", "1998")),
        ("The reforms of the 1990s left deep scars.", "the 1990s", ("DATE", "199")),
        ("Sales peaked in the early 1980s.", "the early 1980s", ("DATE", "198")),
        ("Wages stagnated through the 1970s and 1980s.", "1980s", ("DATE", "198X")),
        # relative days and weekdays
        ("The minister resigned yesterday after the vote.", "yesterday", ("DATE", "2025-04-25")),
        ("The court will rule tomorrow on the appeal.", "tomorrow", ("DATE", "2025-04-27")),
        ("Police said on Thursday that two suspects were held.", "Thursday", ("DATE", "2025-04-24")),
        ("The two leaders will meet on Tuesday in Geneva.", "Tuesday", ("DATE", "2025-04-29")),
        ("Talks resume next Monday, officials said.", "next Monday", ("DATE", "2025-04-28")),
        # weeks, months, quarters, seasons, years
        ("Officials met earlier this week to discuss the plan.", "earlier this week", ("DATE", "2025-W17")),
        ("The envoy returns to Kyiv next week.", "next week", ("DATE", "2025-W18")),
        ("Prices rose sharply last month, the agency said.", "last month", ("DATE", "2025-03")),
        ("The strike began last December and is not over.", "last December", ("DATE", "2024-12")),
        ("Profit fell in the third quarter of 2024.", "the third quarter of 2024", ("DATE", "2024-Q3")),
        ("The offensive is expected next spring.", "next spring", ("DATE", "2026-SP")),
        ("Inflation was lower last year than expected.", "last year", ("DATE", "2024")),
        ("The factory closed three years ago.", "three years ago", ("DATE", "2022")),
        # vague references
        ("Tensions have grown in recent months along the border.", "recent months", ("DATE", "PAST_REF")),
        ("The next few days will be decisive, he said.", "The next few days", ("DATE", "FUTURE_REF")),
        ("Markets will stay volatile over the next few days, analysts said.", "the next few days", ("DURATION", "PXD")),
        ("For the past few weeks the mayor has avoided reporters.", "the past few weeks", ("DURATION", "PXW")),
        ("Prices have risen in recent weeks and months, traders said.", "recent weeks and months", ("DATE", "PAST_REF")),
        ("Talks will resume in the coming weeks, the envoy said.", "the coming weeks", ("DURATION", "PXW")),
        ("The two leaders meet Monday in Geneva, officials said.", "Monday", ("DATE", "2025-04-28")),
        ("Until Thursday, the police had not named a suspect.", "Thursday", ("DATE", "2025-04-24")),
        ("The plant is currently closed for repairs.", "currently", ("DATE", "PRESENT_REF")),
        # durations
        ("After a three-hour meeting, the sides issued a statement.", "three-hour", ("DURATION", "PT3H")),
        ("The war is now well into its fourth year.", "fourth year", ("DURATION", "P4Y")),
        ("He was held for 18 months without charge.", "18 months", ("DURATION", "P18M")),
        ("It has been under their control for a long time.", "a long time", ("DURATION", "PXY")),
        ("The talks lasted two and a half hours.", "two and a half hours", ("DURATION", "PT2H30M")),
        ("He has ruled for a quarter of a century.", "a quarter of a century", ("DURATION", "P25Y")),
        ("The meeting lasted three quarters of an hour.", "three quarters of an hour", ("DURATION", "PT45M")),
        # sets and times
        ("The council meets every week in the town hall.", "every week", ("SET", "P1W")),
        ("The envoys meet every other week in Istanbul.", "every other week", ("SET", "P2W")),
        ("Protesters march every other Sunday.", "every other Sunday", ("SET", "XXXX-WXX-7")),
        ("The paper publishes daily updates on the outbreak.", "daily", ("SET", "P1D")),
        ("The blast happened at 3:15 p.m. yesterday near the station.", "3:15 p.m. yesterday",
         ("TIME", "2025-04-25T15:15")),
        ("Negotiators will meet again at 1500 GMT on Monday.", "1500 GMT on Monday", ("TIME", "2025-04-28T15:00")),
        ("The museum hosts a night market each July.", "each July", ("SET", "XXXX-07")),
        # after a clause that names a day, 'the next morning' and 'in the morning' are that day's
        ("The riots began on April 10. The next morning, the army moved in.", "The next morning",
         ("TIME", "2025-04-11TMO")),
        ("By mid-afternoon, crowds had filled the square.", "mid-afternoon", ("TIME", "2025-04-26TAF")),
        ("Three days later, the rebels withdrew from the town.", "Three days", ("DURATION", "P3D")),
        ("The weeklong strike shut the port.", "weeklong", ("DURATION", "P1W")),
        ("Days later, the minister resigned.", "Days", ("DURATION", "PXD")),
        ("The decades-long feud ended with a handshake.", "decades-long", ("DURATION", "PXY")),
        ("The company expects to cut its debt by year-end, the CFO said.", "year-end", ("DATE", "2025")),
        ("Rates will stay low in the near term, the bank said.", "the near term", ("DATE", "FUTURE_REF")),
        ("Shares fell 3% for the week, the worst since January.", "the week", ("DATE", "2025-W17")),
        # 'the following month/year' count from the date the story last named
        ("The firm was sold in March 2019. The following month, its founder resigned.", "The following month",
         ("DATE", "2019-04")),
        ("He fled in June 2008 and returned later that year.", "later that year", ("DATE", "2008")),
        ("Voting was set for this coming Sunday, the commission said.", "this coming Sunday", ("DATE", "2025-04-27")),
        ("The pope celebrated Mass on Palm Sunday in the square.", "Palm Sunday", ("DATE", "2025-04-13")),
        ("Sales in the first half of the year beat forecasts.", "the first half of the year", ("DATE", "2025-H1")),
        ("Foreign ministers met in Brussels on March 3-4, diplomats said.", "4", ("DATE", "2025-03-04")),
        ("Borrowing will fall next financial year, the chancellor said.", "next financial year", ("DATE", "2026")),
        ("Sales came in slightly above fiscal 2024 sales, the company said.", "fiscal 2024", ("DATE", "2024")),
        ("The March accession will let the three states vote.", "March", ("DATE", "2025-03")),
        ("The polls open on Monday, May 5. Voting starts at 7 a.m. in the capital.", "7 a.m.",
         ("TIME", "2025-05-05T07:00")),
        ("The index closed at a record on Monday, April 14, up from the previous Friday.", "the previous Friday",
         ("DATE", "2025-04-11")),
        # a rate is not a duration: '$4 million a year' is not annotated, 'meetings a week' recur
        ("Analysts hold five meetings a week with the ministry.", "a week", ("SET", "P1W")),
    ],
)
def test_categories(nlp, text, phrase, expected):
    assert found(nlp, text).get(phrase) == expected


def test_generic_today_is_not_a_date(nlp):
    assert "today" not in found(nlp, "Social media shapes how today's young voters see politics.")
    assert "tomorrow" not in found(nlp, "He wants to build the cities of tomorrow.")
    assert found(nlp, "The offer ran in today's editions of the paper.").get("today") == ("DATE", "2025-04-26")


def test_year_ago_is_a_quarter_only_in_earnings_stories(nlp):
    macro = "The economy grew 0.1% in the fourth quarter. Unemployment is lower than a year ago, the bank said."
    assert found(nlp, macro).get("a year ago") == ("DATE", "2024")
    earnings = "Net income rose to $5 million, or 20 cents a share, in the first quarter from $3 million a year ago."
    assert found(nlp, earnings).get("a year ago") == ("DATE", "2024-Q1")


def test_rate_amount_is_not_a_time(nlp):
    assert "a year" not in found(nlp, "The deal will save the city $4 million a year in fuel costs.")
    assert "annually" not in found(nlp, "Exports have grown about 8% annually since the reform.")
    assert found(nlp, "The ministry updates the figures monthly.").get("monthly") == ("SET", "P1M")
    assert "per second" not in found(nlp, "The new chip runs 15 million instructions per second.")
    assert "daily" not in found(nlp, "Volume was a fifth of the exchange's average daily volume.")


@pytest.mark.parametrize(
    ("text", "published", "phrase", "expected"),
    [
        # earnings stories compare with the same quarter a year before
        ("Acme said third-quarter net income rose 12% to $40 million, or 80 cents a share, from $35.7 million a "
         + "year earlier.", "1989-10-26", "a year earlier", ("DATE", "1988-Q3")),
        ("Acme's third-quarter profit rose. In the year-ago quarter, it earned $3 million.", "1989-10-26",
         "the year-ago quarter", ("DATE", "1988-Q3")),
        ("Acme's third-quarter sales fell; the 1988 period included a one-time gain.", "1989-10-26",
         "the 1988 period", ("DATE", "1988-Q3")),
        # outside earnings stories 'a year ago' is the year
        ("The plant closed a year ago and has not reopened.", "2025-04-26", "a year ago", ("DATE", "2024")),
        # holidays and spelled-out years
        ("Turkey prices jumped before Thanksgiving Day, grocers said.", "1999-12-01", "Thanksgiving Day",
         ("DATE", "1999-11-25")),
        ("Turnout on Election Day was the lowest in decades.", "1998-11-20", "Election Day", ("DATE", "1998-11-03")),
        ("The family came home last Christmas.", "2025-04-26", "last Christmas", ("DATE", "2024-12-25")),
        ("The treaty was signed in nineteen ninety-six in Geneva.", "1998-02-27", "nineteen ninety-six",
         ("DATE", "1996")),
        ("Computers may fail in the year two thousand, experts warn.", "1998-03-03", "the year two thousand",
         ("DATE", "2000")),
        # a weekday with a part of the day is a TIME of that day (TimeML); 'had been due' is past
        ("The strike ended Friday night after talks.", "2025-04-26", "Friday night", ("TIME", "2025-04-25TNI")),
        ("The offer had been due to expire Friday evening.", "1989-10-30", "Friday evening",
         ("TIME", "1989-10-27TEV")),
        ("Lawmakers will debate the bill tonight in Nicosia.", "2013-03-22", "tonight", ("TIME", "2013-03-22TNI")),
        ("Analysts blamed current market conditions.", "2025-04-26", "current", ("DATE", "PRESENT_REF")),
        ("Shares slid mid-afternoon yesterday.", "1989-11-02", "mid-afternoon yesterday", ("TIME", "1989-11-01TAF")),
        ("The fire broke out at 4 in the morning.", "2000-04-05", "4 in the morning", ("TIME", "2000-04-05T04:00")),
        ("It was the first such drop in a decade.", "2025-04-26", "a decade", ("DURATION", "P10Y")),
        ("For the year, sales rose 4%.", "1989-10-30", "the year", ("DATE", "1989")),
        ("Results are due at the end of the month.", "2013-03-22", "the end of the month", ("DATE", "2013-03")),
        ("This past weekend, thousands marched.", "2013-03-22", "This past weekend", ("DATE", "2013-W11-WE")),
        ("This past week, markets in Nicosia slumped.", "2013-03-22", "This past week", ("DATE", "2013-W11")),
        ("The talks resumed in the summer.", "2013-10-02", "the summer", ("DATE", "2013-SU")),
        ("The vote is set for the week of April 8.", "2013-03-22", "the week of April 8", ("DATE", "2013-W15")),
        ("The prosecutor has scheduled a news conference Thursday.", "1999-05-05", "Thursday", ("DATE", "1999-05-06")),
        ("The team planned to leave Nairobi on Thursday.", "1998-09-30", "Thursday", ("DATE", "1998-10-01")),
        ("Two bidders extended their offers to acquire the maker Friday.", "1989-10-30", "Friday", ("DATE", "1989-10-27")),
        ("The standoff lasted a year and a half.", "2013-03-22", "a year and a half", ("DURATION", "P1Y6M")),
        ("The Nikkei index hit a four-and-a-half-year high.", "2013-03-22", "four-and-a-half-year",
         ("DURATION", "P4Y6M")),
        ("Talks went on until late Thursday.", "2013-03-22", "Thursday", ("DATE", "2013-03-21")),
        ("Officials postponed until Tuesday any action on the permit.", "2000-03-30", "Tuesday", ("DATE", "2000-04-04")),
        ("The newspaper is published every Sunday.", "2013-03-22", "every Sunday", ("SET", "XXXX-WXX-7")),
        ("The storm hit on Jan. 5; the day before, officials had warned residents.", "2013-03-22", "the day before",
         ("DATE", "2013-01-04")),
        ("It's the second day of an offensive by the security forces.", "1998-03-06", "the second day",
         ("DATE", "1998-03-06")),
        ("Many of the leaders of the 1992 protests have moved away.", "1998-10-25", "1992", ("DATE", "1992")),
        ("The king promised a referendum next year after delegates voted.", "1998-02-13", "next year", ("DATE", "1999")),
        ("The shooting happened shortly after midnight Saturday.", "2013-03-22", "midnight Saturday",
         ("TIME", "2013-03-16T24:00")),
        ("They met on June 3. That night, the rebels withdrew.", "2013-06-10", "That night", ("TIME", "2013-06-03TNI")),
        ("In the year ended June 30, it lost money.", "1989-10-30", "the year", ("DURATION", "P1Y")),
        # vague spans: 'over the years', and bare plurals after verbs of lasting
        ("Over the years, the island's banks grew far beyond its economy.", "2013-03-22", "the years",
         ("DURATION", "PXY")),
        ("Depositors waited hours outside the shuttered branches.", "2013-03-22", "hours", ("DURATION", "PTXH")),
        ("Investigators said the inquiry could take months.", "2013-03-22", "months", ("DURATION", "PXM")),
        ("The investigation could last months, his lawyers said.", "2013-03-22", "months", ("DURATION", "PXM")),
        # 'one day' after a modal is some future day; after 'lasted' it is a length
        ("Analysts say Cyprus could one day export natural gas.", "2013-03-22", "one day", ("DATE", "FUTURE_REF")),
        ("The general strike lasted one day.", "2013-03-22", "one day", ("DURATION", "P1D")),
        ("Later in the day, Cyprus's parliament met behind closed doors.", "2013-03-22", "Later in the day",
         ("DATE", "2013-03-22")),
        # a quarter 'ended <date>' belongs to the (fiscal) year of that date; an 'ended' date has passed
        ("FedEx said profit for its fiscal third quarter, which ended Feb. 28, fell 31%.", "2013-03-21",
         "fiscal third quarter", ("DATE", "2013-Q3")),
        ("Sun reported a loss for its fourth quarter ended June 30.", "2013-03-21", "June 30", ("DATE", "2012-06-30")),
        # 'a Monday deadline' lies ahead unless the clause is past
        ("The deadline for the bailout is Monday, officials said.", "2013-03-22", "Monday", ("DATE", "2013-03-25")),
        ("The vote in parliament is on Sunday.", "2013-03-22", "Sunday", ("DATE", "2013-03-24")),
        ("Monday is the deadline for the deal.", "2013-03-22", "Monday", ("DATE", "2013-03-25")),
        ("The next election is in January.", "2013-03-22", "January", ("DATE", "2014-01")),
        ("Campaigning intensified ahead of Sunday's election.", "2013-03-22", "Sunday", ("DATE", "2013-03-24")),
        ("The rejected levy would have hit savers from Tuesday.", "2013-03-22", "Tuesday", ("DATE", "2013-03-19")),
        ("Shares rose ahead of the release of January data.", "2013-03-22", "January", ("DATE", "2013-01")),
        ("Ahead of the vote on Sunday, protesters gathered in Nicosia.", "2013-03-22", "Sunday",
         ("DATE", "2013-03-24")),
        ("Cyprus races to meet a Monday deadline set by the central bank.", "2013-03-22", "Monday",
         ("DATE", "2013-03-25")),
        ("The rebels ignored a Tuesday deadline to leave the city.", "2013-03-22", "Tuesday", ("DATE", "2013-03-19")),
        # a decade counted from the publication date is written at decade granularity
        ("Wages fell behind inflation in the last decade.", "1998-02-06", "the last decade", ("DATE", "198")),
        # 'the second day' right after a date is that date; years before 1600 after a preposition
        ("The Argentine was elected on March 13, on the second day of the conclave.", "2013-03-22",
         "the second day", ("DATE", "2013-03-13")),
        ("Benedict was the first pope to resign since 1415.", "2013-03-22", "1415", ("DATE", "1415")),
        ("The pope will lead the Holy Week services in Rome.", "2013-03-22", "Holy Week", ("DATE", "2013-W13")),
        # British 'fortnight' is two weeks
        ("Talks on the budget collapsed a fortnight ago.", "2013-03-22", "a fortnight ago", ("DATE", "2013-W10")),
        ("The strike lasted a fortnight.", "2013-03-22", "a fortnight", ("DURATION", "P2W")),
        # 'through January' looks ahead unless the clause is simple past
        ("Lenders have extended the company $90 million in loans through January.", "2013-03-22", "January",
         ("DATE", "2014-01")),
        ("The strike lasted through January.", "2013-03-22", "January", ("DATE", "2013-01")),
        ("Losses will cut the bank's tax payments in future quarters.", "2013-03-22", "future quarters",
         ("DATE", "FUTURE_REF")),
        ("We do not minimize the challenges of the near term, the chairman said.", "2013-03-22", "the near term",
         ("DATE", "FUTURE_REF")),
        ("Capital controls will stay in place for the foreseeable future.", "2013-03-22", "the foreseeable future",
         ("DATE", "FUTURE_REF")),
        # a promise or agreement to act looks ahead even when it was made in the past
        ("The summit, which ended Tuesday, agreed to meet again in the fall.", "2013-03-22", "the fall",
         ("DATE", "2013-FA")),
        ("The junta vowed to hold elections in December, a spokesman said.", "2013-03-22", "December",
         ("DATE", "2013-12")),
        ("The junta held elections in December, a spokesman said.", "2013-03-22", "December", ("DATE", "2012-12")),
        # 'last Oct. 23' is the latest such day; a record 'set on Aug. 6' lies in the past
        ("Slepian was shot to death last Oct. 23 at his home.", "1999-04-19", "last Oct. 23", ("DATE", "1998-10-23")),
        ("The trial opens next Jan. 7, the court said.", "2013-03-22", "next Jan. 7", ("DATE", "2014-01-07")),
        ("The index ended within 70 points of its record high set on Aug. 6.", "1998-02-06", "Aug. 6",
         ("DATE", "1997-08-06")),
        ("The vote, set for Aug. 6, was postponed.", "1998-02-06", "Aug. 6", ("DATE", "1998-08-06")),
        # in an earnings story 'this quarter's loss' is the quarter reported; 'a profit this quarter' the current one
        (("Acme reported a net loss of $8.1 million, or $2.14 a share, for the third quarter ended Sept. 30. This "
          "quarter's loss includes charges of $4.9 million."), "1989-11-01", "This quarter", ("DATE", "1989-Q3")),
        ("Acme reported a third-quarter net loss of $8.1 million, or $2.14 a share. It expects a profit this quarter.",
         "1989-11-01", "this quarter", ("DATE", "1989-Q4")),
        ("Tourist arrivals fell 8 percent from the same period last year, the ministry said.", "2013-03-22",
         "the same period last year", ("DATE", "2012")),
        ("Talks between the two sides are set for the first week of April.", "2013-03-22", "the first week of April",
         ("DATE", "2013-W14")),
        # 'is due' and 'is to' look ahead
        ("The former minister is due in court on Monday.", "2013-03-22", "Monday", ("DATE", "2013-03-25")),
        ("On Wednesday, the court is to rule on the appeal.", "2013-03-22", "Wednesday", ("DATE", "2013-03-27")),
        # 'last' the verb is not part of the duration
        ("The talks, which begin Monday, are expected to last a week.", "2013-03-22", "a week", ("DURATION", "P1W")),
        ("Prices rose sharply in the last two weeks.", "2013-03-22", "the last two weeks", ("DURATION", "P2W")),
        # a past event dated 'in April' / 'on April 2' just after the publication date happened last year
        ("The man, who was arrested in April, denies the charges.", "2013-03-22", "April", ("DATE", "2012-04")),
        ("The first round was held on April 2, officials recalled.", "2013-03-22", "April 2", ("DATE", "2012-04-02")),
        ("The bid, which was extended to April 16, expires soon.", "2013-03-22", "April 16", ("DATE", "2013-04-16")),
        ("Sales rose in March, the agency said.", "2013-03-22", "March", ("DATE", "2013-03")),
        ("The run-off will be held in February, officials said.", "2013-03-22", "February", ("DATE", "2014-02")),
        ("The law will take effect in March.", "2013-03-22", "March", ("DATE", "2013-03")),
        ("The ban, which took effect in January, expires in December.", "2013-03-22", "December",
         ("DATE", "2013-12")),
        ("The first round was held on April 2 last year.", "2013-03-22", "April 2 last year", ("DATE", "2012-04-02")),
        # 'effective' puts the date ahead even after a past-tense announcement
        ("The bank also created a four-member office of the chairman, effective Feb. 1.", "1989-10-26", "Feb. 1",
         ("DATE", "1990-02-01")),
        ("Costs were boosted by the company's new labor pact effective June 1.", "1989-10-26", "June 1",
         ("DATE", "1990-06-01")),
    ],
)
def test_context_rules(nlp, text, published, phrase, expected):
    assert found(nlp, text, published).get(phrase) == expected


def test_range_gives_both_ends(nlp):
    got = found(nlp, "The exhibition runs from March to May in the capital.")
    assert got["March"][0] == "DATE" and got["May"][0] == "DATE"
    got = found(nlp, "The pandemic of 2009-2010 killed thousands.")
    assert got["2009"] == ("DATE", "2009") and got["2010"] == ("DATE", "2010")


@pytest.mark.parametrize("text, phrase, value", [
    ("Officials said the repairs would take four to six months.", "four to six months", "P4M"),
    ("Ukraine expects the first deliveries within a week or two.", "a week or two", "P1W"),
    ("Sea levels could rise for 25 to 30 years.", "25 to 30 years", "P25Y"),
    ("Detainees are held for 10-30 days without charge.", "10-30 days", "P10D"),
])
def test_range_of_lengths_is_one_duration(nlp, text, phrase, value):
    doc = run(nlp, text)
    (timex,) = doc._.timexes
    assert (timex.text, timex.type, timex.value, timex.mod) == (phrase, "DURATION", value, "EQUAL_OR_MORE")


@pytest.mark.parametrize("text, phrase", [
    ("The home side won 3-2 days after the draw.", "2 days"),  # a score, not a range
    ("The bridge was hit two to three years ago.", "three years ago"),  # a date, read by the 'ago' rule
])
def test_range_look_alikes(nlp, text, phrase):
    assert [t.text for t in run(nlp, text)._.timexes] == [phrase]


@pytest.mark.parametrize("text, published, expected", [
    ("The offensive ran from March to May 2024.", PUBLISHED, {"March": "2024-03", "May 2024": "2024-05"}),
    ("Snow fell from December to February 2024.", PUBLISHED, {"December": "2023-12", "February 2024": "2024-02"}),
    ("The trial ran from October 2023 to March.", PUBLISHED, {"October 2023": "2023-10", "March": "2024-03"}),
    ("Prices rose between January and March 2023.", None, {"January": "2023-01", "March 2023": "2023-03"}),
    ("Talks were held from 5 to 7 March 2024 in Doha.", PUBLISHED, {"5": "2024-03-05", "7 March 2024": "2024-03-07"}),
    ("The fair ran March 3-5, 2024, in Kyiv.", PUBLISHED, {"March 3": "2024-03-03", "5, 2024": "2024-03-05"}),
])
def test_ends_of_a_range_share_the_named_year(nlp, text, published, expected):
    assert {t.text: t.value for t in run(nlp, text, published)._.timexes} == expected


def test_anchoring_to_a_date_in_the_text(nlp):
    got = found(nlp, "The vote took place on June 4, 2021. The next day, the results were challenged.")
    assert got["The next day"] == ("DATE", "2021-06-05")


def test_no_publication_date_leaves_relative_values_unresolved(nlp):
    got = found(nlp, "The minister resigned yesterday, and the envoy met officials on Thursday and last month.",
                published=None)
    assert got["yesterday"] == ("DATE", "XXXX-XX-XX")
    assert got["Thursday"] == ("DATE", "XXXX-WXX-4")
    assert got["last month"] == ("DATE", "XXXX-XX")
    # absolute dates still resolve
    assert found(nlp, "It happened on May 9, 1945.", published=None)["May 9, 1945"] == ("DATE", "1945-05-09")


def test_offsets_and_evidence(nlp):
    text = "Witkoff met Putin in Moscow yesterday for a three-hour discussion."
    doc = run(nlp, text)
    for t in doc._.timexes:
        assert text[t.start:t.end] == t.text
        assert t.sentence is not None and t.sentence.start <= t.start < t.sentence.end
        assert 0 < t.confidence <= 1


def test_text_that_grows_when_lower_cased(nlp):
    # 'İ' lower-cases to two characters: the rules then run on the original text, same results
    got = found(nlp, "İzmir officials met on Thursday and again on Christmas Day.")
    assert got["Thursday"] == ("DATE", "2025-04-24") and got["Christmas Day"] == ("DATE", "2024-12-25")
    assert "christmas" not in found(nlp, "A christmas tree stood in the hall.")


def test_typographic_apostrophes_hyphens_and_spaces(nlp):
    got = found(nlp, "Prices rose in the \u201990s; talks resumed on March\u00a022 after a two\u2011day break.", "2013-03-22")
    assert got["the \u201990s"] == ("DATE", "199")
    assert got["March\u00a022"] == ("DATE", "2013-03-22")
    assert got["two\u2011day"] == ("DURATION", "P2D")


def test_titles_are_not_dates(nlp):
    assert not found(nlp, "She was named Person of the Year by the magazine.")
    assert "noon" not in {k.lower() for k in found(nlp, "High noon comes today for the team.")}
    got = found(nlp, 'Baker said on ABC\'s "This Week" that talks would go on; Gonzalez spoke to "60 Minutes" later.')
    assert "This Week" not in got and "60 Minutes" not in got
    text = "The poll, published in USA Today, came out on Friday. Today, the senator responded."
    got = [(t.start, t.value) for t in run(nlp, text)._.timexes]
    assert got == [(text.index("Friday"), "2025-04-25"), (text.rindex("Today"), "2025-04-26")]


def test_clock_time_takes_the_day_after_a_bracketed_aside(nlp):
    got = found(nlp, "The deal was struck at 2:30 p.m. ET (1830 GMT) on Thursday.", "2013-03-22")
    assert got["2:30 p.m. ET"] == ("TIME", "2013-03-21T14:30")
    assert "1830" not in got  # the GMT clock time restated in brackets is not a year


def test_look_alikes_are_not_dates(nlp):
    got = found(nlp, "May I ask why 2000 soldiers and a 6-year-old boy were there? The march went ahead.")
    assert not got
    assert not found(nlp, "The chain closed 1200 stores in 1500 towns; the DAX fell to 1462.93.")


def test_governing_date(nlp):
    text = "Witkoff met with Putin in Moscow yesterday, and Trump will visit Rome next week."
    doc = run(nlp, text)
    assert governing_date(doc, text.index("met"), text.index("met") + 3) == "2025-04-25"
    assert governing_date(doc, text.index("visit"), text.index("visit") + 5) == "2025-W18"
    assert governing_date(doc, 0, 7) == "2025-04-25"
    plain = run(nlp, "Nothing is dated here.")
    assert governing_date(plain, 0, 7) is None


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u202e«»“", "In \"1999", "'s '80s", "9 a.m. - - ago ago",
                                  "İSTANBUL, Jan. 5 (AP) -- İ İ Christmas"])
def test_never_crashes(nlp, text):
    doc = run(nlp, text)
    assert isinstance(extract_timexes(doc), list)


def test_seed_article():
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared data not found (set NEWSGRAPH_SHARED): the seed article is not available")
    seed = shared / "examples" / "seed"
    nlp = load_pipeline()
    text = (seed / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((seed / "gold.json").read_text(encoding="utf-8"))["timex"]
    doc = nlp(make_doc(nlp, text, "2025-04-26"))
    got = {(t.start, t.end): (t.type, t.value) for t in doc._.timexes}
    hits = sum(got.get((g["start"], g["end"])) == (g["type"], g["value"]) for g in gold)
    assert hits == len(gold)


def test_at_the_time(nlp):
    # TimeML leaves the preposition out; 'the time of its founding' is fixed by an event, not a time expression
    got = found(nlp, "He gave a speech six weeks ago, saying at the time he was willing to withdraw.", "1990-08-15")
    assert got.get("the time") == ("DATE", "PAST_REF")
    assert not found(nlp, "There were 12 original members of NATO at the time of its founding.")


def test_weekday_with_plural_day_part_is_a_set(nlp):
    text = "Two new flights will leave Bombay on Monday and Tuesday nights from March 30, the airline said Friday."
    got = found(nlp, text, "1998-02-13")
    assert got["Monday"] == ("SET", "XXXX-WXX-1TNI")
    assert got["Tuesday nights"] == ("SET", "XXXX-WXX-2TNI")
    assert got["Friday"] == ("DATE", "1998-02-13")
    assert found(nlp, "The talks resume on Monday and end Tuesday night.", "1998-02-13")["Monday"] == (
        "DATE", "1998-02-16")


def test_that_day_after_a_month_is_a_day_of_that_month(nlp):
    text = ("Protesters rallied on Thursday. Doctors on the list were killed, most recently last October when "
            "a doctor was shot at home. His name on the Web site was crossed out that same day.")
    assert found(nlp, text, "1999-02-06")["same day"] == ("DATE", "1998-10-XX")
    text = "The deal was signed on Oct. 23, weeks after talks began in October. Shares rose that day."
    assert found(nlp, text, "1999-02-06")["that day"] == ("DATE", "1998-10-23")


def test_names_and_generic_kinds_of_day_are_not_times(nlp):
    got = found(nlp, "The minister told The Sunday Times and Fox News Sunday that she would resign on Sunday.")
    assert got == {"Sunday": ("DATE", "2025-04-27")}
    got = found(nlp, "The council cited Resolution 1973 and met in Room 2012 before the vote in 2011.")
    assert got == {"2011": ("DATE", "2011")}
    got = found(nlp, "Shops expect crowds on Black Friday; the Good Friday Agreement was signed in 1998.")
    assert got == {"1998": ("DATE", "1998")}
    got = found(nlp, 'He discussed "The Day After Tomorrow" on CBS This Morning. This morning, he resigned.')
    assert got == {"This morning": ("TIME", "2025-04-26TMO")}
    assert not found(nlp, "It was a day when nobody in the city felt safe.")
    assert found(nlp, "The talks lasted a day.")["a day"] == ("DURATION", "P1D")


def test_following_and_previous_week_count_from_the_week_just_named(nlp):
    got = found(nlp, "The president will visit Israel next week and Jordan the following week.", "2013-03-22")
    assert got["next week"] == ("DATE", "2013-W13") and got["the following week"] == ("DATE", "2013-W14")
    got = found(nlp, "Talks were held last week; the previous week, rebels had shelled the city.", "2013-03-22")
    assert got["the previous week"] == ("DATE", "2013-W10")
    got = found(nlp, "On March 3, rebels seized the town, and the following week troops retook it.", "2013-03-22")
    assert got["the following week"] == ("DATE", "2013-W10")


def test_the_next_year_in_a_past_narrative(nlp):
    text = "In 2009, the firm moved to Texas. Later that year it was sold, and the next year it closed."
    assert found(nlp, text, "2013-03-22")["the next year"] == ("DATE", "2010")
    assert found(nlp, "The firm expects to open two plants next year.", "2013-03-22")["next year"] == ("DATE", "2014")


def test_approximate_and_open_ended_qualifiers_are_in_the_extent(nlp):
    # TIMEX3: 'or so', 'or later', 'and beyond' belong to the expression and set its mod
    doc = run(nlp, "The plant will close over the next year or so, and the firm sees no profit until 2027 or later. "
                   "It is confident about cash flow for 2026 and beyond; talks could last a week or so.")
    got = {t.text: (t.type, t.value, t.mod) for t in doc._.timexes}
    assert got["the next year or so"] == ("DATE", "2026", "APPROX")
    assert got["2027 or later"] == ("DATE", "2027", "ON_OR_AFTER")
    assert got["2026 and beyond"] == ("DATE", "2026", "ON_OR_AFTER")
    assert got["a week or so"] == ("DURATION", "P1W", "APPROX")
    assert found(nlp, "He said so on Monday, or later denied it.") == {"Monday": ("DATE", "2025-04-21")}


def test_half_of_a_decade_is_one_expression(nlp):
    doc = run(nlp, "Beer sales were flat through the last half of the '80s, the brewer said.", "1989-10-26")
    assert [(t.text, t.value, t.mod) for t in doc._.timexes] == [("the last half of the '80s", "198", "END")]
    assert found(nlp, "Growth slowed in the first half of the 1990s.")["the first half of the 1990s"] == ("DATE", "199")
    assert found(nlp, "Profit rose in the first half of 2024.")["the first half of 2024"] == ("DATE", "2024-H1")


def test_year_earlier_compares_with_the_period_last_named(nlp):
    # after 'the nine months' an earnings story's 'a year earlier' is those nine months a year before
    # (TIMEX3 can only write their year); after a quarter it is that quarter a year before
    text = ("Acme Corp. said third-quarter net income rose 12% to $40 million, or 80 cents a share, from $35 million "
            "a year earlier. For the nine months, net was $110 million, up from $98 million a year earlier. "
            "Net for the year-earlier nine months included a gain. In the year-ago quarter, Acme took a charge.")
    doc = run(nlp, text, "2025-10-26")
    got = [(t.text, t.type, t.value) for t in doc._.timexes]
    assert got == [("third-quarter", "DATE", "2025-Q3"), ("a year earlier", "DATE", "2024-Q3"),
                   ("the nine months", "DURATION", "P9M"), ("a year earlier", "DATE", "2024"),
                   ("the year-earlier nine months", "DURATION", "P9M"), ("the year-ago quarter", "DATE", "2024-Q3")]


def test_first_two_quarters_of_a_year_is_its_first_half(nlp):
    got = found(nlp, "Prices will stay weak through the first two quarters of 1990, the steelmaker said.", "1989-10-26")
    assert got == {"the first two quarters of 1990": ("DATE", "1990-H1")}
    # without 'of <year>' the last two quarters are a stretch of time up to now
    got = found(nlp, "Sales fell in the last two quarters, the company said.", "1989-10-26")
    assert got["the last two quarters"][0] == "DURATION"


def test_vague_count_of_quarters_is_not_a_fraction(nlp):
    got = found(nlp, "The unit turned a profit after several quarters of losses.")
    assert got["several quarters"] == ("DURATION", "PXQ")
    assert not found(nlp, "He won three quarters of the vote.")


def test_vague_count_after_in_points_ahead_in_a_future_clause(nlp):
    # like 'in three weeks' (a date three weeks on), 'in a few weeks' points ahead: FUTURE_REF
    assert found(nlp, "The results will be known in a few weeks.")["a few weeks"] == ("DATE", "FUTURE_REF")
    assert found(nlp, "The results will be known in three weeks.")["three weeks"] == ("DATE", "2025-W20")
    assert found(nlp, "He had not spoken to her in several years.")["several years"] == ("DURATION", "PXY")


def test_season_without_article_after_a_preposition(nlp):
    got = found(nlp, "The strike began in early autumn and was called off in late winter.", "2013-03-22")
    assert got == {"early autumn": ("DATE", "2012-FA"), "late winter": ("DATE", "2013-WI")}
    assert found(nlp, "He will decide in summer whether to run.", "2013-03-22") == {"summer": ("DATE", "2013-SU")}
    # a season as a modifier, or a generic present, is not a date
    assert not found(nlp, "Farmers planted more in spring wheat.", "2013-03-22")
    assert not found(nlp, "In winter, the lake freezes over.", "2013-03-22")


def test_quarter_named_by_its_end_date(nlp):
    # 'the quarter ended July 31' covers May to July: mostly the second calendar quarter; when the story
    # has named no quarter before, it is the quarter reported, so 'a year earlier' is that quarter a year before
    text = ("Jayark said net income rose 8% to $2.2 million in the quarter ended July 31 from $2 million a year "
            "earlier. Quarterly sales rose 5%.")
    got = [(t.text, t.value) for t in run(nlp, text, "1989-10-26")._.timexes]
    assert got == [("the quarter", "1989-Q2"), ("July 31", "1989-07-31"), ("a year earlier", "1988-Q2")]
    got = found(nlp, "Sales rose in the quarter ended Jan. 31, the retailer said.", "1989-03-10")
    assert got["the quarter"] == ("DATE", "1988-Q4")
    # after 'the fiscal first quarter' the quarter ended Sept. 29 is that fiscal quarter
    got = found(nlp, "Sun earned $5.2 million in the fiscal first quarter. Sales for the quarter ended Sept. 29 "
                     "rose 39%.", "1989-10-26")
    assert got["the quarter"] == ("DATE", "1989-Q1")


def test_year_period_after_nine_months_is_that_year(nlp):
    text = ("Travelers posted third-quarter net of $24 million. In the first nine months, net was $306 million, "
            "compared with a loss of $195 million in the 1988 period. The year-ago results included a charge.")
    got = found(nlp, text, "1989-11-02")
    assert got["the 1988 period"] == ("DATE", "1988") and got["year-ago"] == ("DATE", "1988")
    got = found(nlp, "Acme posted third-quarter profit of $24 million, up from $20 million in the 1988 period.",
                "1989-11-02")
    assert got["the 1988 period"] == ("DATE", "1988-Q3")


def test_since_year_end_is_the_last_year_end(nlp):
    got = found(nlp, "The index has gained 12% since year-end, traders said.", "1989-10-30")
    assert got["year-end"] == ("DATE", "1988-12-31")
    assert found(nlp, "The deal should close by year-end.", "1989-10-30")["year-end"] == ("DATE", "1989")


def test_a_unit_with_a_relative_clause_is_a_kind_not_a_date(nlp):
    assert not found(nlp, "Tax payments would be minimal in a quarter that produced such a big loss.", "1989-10-30")
    assert not found(nlp, "The firm will report in a year when rates are higher.", "1989-10-30")
    assert found(nlp, "The plant will reopen in a month, the company said.", "1989-10-30")["a month"] == (
        "DATE", "1989-11")


def test_now_that_is_the_present(nlp):
    # TimeML (and TimeBank, 3 of 3) annotates 'now' in 'now that ...' as PRESENT_REF
    got = found(nlp, "Aqaba is Iraq's only outlet now that an international noose has tightened.", "1990-08-16")
    assert got == {"now": ("DATE", "PRESENT_REF")}
    assert not found(nlp, "Now that's quite a surprise, he said.")  # a discourse marker


def test_post_and_pre_year_are_dates_before_a_plural_noun(nlp):
    doc = run(nlp, "The post-1959 politics have split families; banks must follow pre-2008 rules.", "2000-02-24")
    assert [(t.text, t.value, t.mod) for t in doc._.timexes] == [("post-1959", "1959", "AFTER"),
                                                                  ("pre-2008", "2008", "BEFORE")]
    assert not found(nlp, "The army sent 2000 soldiers to the border.")
    assert found(nlp, "The abbey has stood since 1415, monks said.") == {"1415": ("DATE", "1415")}


def test_latest_period_without_a_named_quarter(nlp):
    text = "There were no one-time gains or losses in the latest period, the retailer said."
    assert found(nlp, text, "1989-11-02")["the latest period"] == ("DATE", "1989-Q3")


def test_span_edges_of_attributive_and_prepositional_durations(nlp):
    # 'the [two day] rally' like 'the [two-day] rally'; 'over' before a vague count is the preposition
    got = found(nlp, "Thousands gathered for the two day rally; the system evolved over several years.", "1998-03-03")
    assert got == {"two day": ("DURATION", "P2D"), "several years": ("DURATION", "PXY")}
    doc = run(nlp, "The tour is likely to last over a week.", "1998-03-03")
    assert [(t.text, t.mod) for t in doc._.timexes] == [("over a week", "MORE_THAN")]
    assert "the 1988 quarter" in found(nlp, "Kirschner earned $376,000 in the 1988 quarter.", "1989-10-30")


def test_latest_year_is_the_last_completed_one(nlp):
    got = found(nlp, "The grocer had C$6.3 billion in sales in the latest fiscal year.", "1989-10-26")
    assert got["the latest fiscal year"] == ("DATE", "1988")
    assert found(nlp, "Profit rose in the most recent quarter.", "1989-10-26")["the most recent quarter"] == (
        "DATE", "1989-Q3")


def test_the_past_before_a_count_is_not_past_ref(nlp):
    got = found(nlp, "Marches have provoked violence for the past three summers. In the past, rallies were rare.")
    assert got == {"the past": ("DATE", "PAST_REF")}
    assert not found(nlp, "It was the coldest period of the past millennium.")


def test_in_the_last_few_months_points_at_the_recent_past(nlp):
    assert found(nlp, "Rates have fallen in the last few months.")["the last few months"] == ("DATE", "PAST_REF")
    got = found(nlp, "For the past few weeks the mayor has avoided reporters.")
    assert got["the past few weeks"] == ("DURATION", "PXW")


def test_more_fixed_date_holidays(nlp):
    got = found(nlp, "On April Fools' Day the carbon tax rose; rallies followed on Earth Day.", "2023-06-15")
    assert got == {"April Fools' Day": ("DATE", "2023-04-01"), "Earth Day": ("DATE", "2023-04-22")}
    got = found(nlp, "The restaurant was packed on Cinco de Mayo.", "2023-06-15")
    assert got == {"Cinco de Mayo": ("DATE", "2023-05-05")}


def test_month_of_a_relative_year(nlp):
    # 'May last year' is May of last year even when May is before the publication month
    got = found(nlp, "The strike began in May last year and ended in July this year.", "2023-06-15")
    assert got == {"May last year": ("DATE", "2022-05"), "July this year": ("DATE", "2023-07")}
    got = found(nlp, "Researchers released a paper in August of this year.", "2023-06-15")
    assert got == {"August of this year": ("DATE", "2023-08")}


def test_over_the_next_decade_is_ten_years(nlp):
    got = found(nlp, "The subsidies will be worth $10 billion over the next decade.", "2023-06-15")
    assert got == {"the next decade": ("DURATION", "P10Y")}
    assert found(nlp, "The next decade will be decisive, she said.", "2023-06-15") == {
        "The next decade": ("DATE", "203")}


def test_capitalized_season_in_a_name_is_not_a_date(nlp):
    assert not found(nlp, "The team finished sixth at the Summer Paralympics in Tokyo.", "2023-06-15")
    assert not found(nlp, "He studied at the Summer Palace in Beijing.", "2023-06-15")
    assert found(nlp, "The offensive stalled in the summer.", "2023-06-15") == {"the summer": ("DATE", "2023-SU")}


def test_words_that_begin_with_a_time_word_are_not_times(nlp):
    # every alternative of a rule keeps its word edges: 'Nowhere' is not 'now', 'Future2030' is a name
    assert not found(nlp, "There Is Nowhere Left For The Senator To Go.")
    assert not found(nlp, "The Future2030 fund, backed by two donors, bought the ads.")
    assert found(nlp, "The senator is now under pressure.") == {"now": ("DATE", "PRESENT_REF")}


def test_now_with_a_comma_opening_a_sentence_is_a_discourse_marker(nlp):
    got = found(nlp, 'The host pressed on. "Now, you said last year the story was over," he told the senator.')
    assert "Now" not in got and got["last year"] == ("DATE", "2024")
    assert not found(nlp, "Now, like every scandal before it, this one will fade.")
    # the adverb stays: not opening a clause, or without the comma
    assert found(nlp, "Prices are, right now, the highest in a decade.")["now"] == ("DATE", "PRESENT_REF")
    assert found(nlp, "Now the party is trying to win back rural voters.")["Now"] == ("DATE", "PRESENT_REF")


def test_at_that_time_and_at_this_moment(nlp):
    got = found(nlp, "At that time, the whole region welcomed the investment, the minister said.")
    assert got == {"that time": ("DATE", "PAST_REF")}
    got = found(nlp, "Many voters are undecided at this moment, the pollster said.")
    assert got == {"at this moment": ("DATE", "PRESENT_REF")}


def test_a_month_that_names_a_vote_lies_ahead(nlp):
    # published in June: November's election is this year's, not last year's
    got = found(nlp, "The mayor is now set to face a Green challenger in November's general election.", "2024-06-20")
    assert got["November"] == ("DATE", "2024-11")
    got = found(nlp, "Asked what he would do if he lost the election on Nov. 5, he laughed.", "2024-05-10")
    assert got["Nov. 5"] == ("DATE", "2024-11-05")
    got = found(nlp, "Analysts expect her to reach an early May runoff after the April vote.", "2024-09-01")
    assert got["early May"] == ("DATE", "2025-05")
    # a vote clearly in the past stays there
    got = found(nlp, "The governor lost the November election by a wide margin.", "2025-02-10")
    assert got["November"] == ("DATE", "2024-11")


def test_a_month_with_a_present_stance_verb_is_no_timetable(nlp):
    got = found(nlp, "The poll finds 40% support the governor, about the same as in February.", "2024-05-12")
    assert got["February"] == ("DATE", "2024-02")
    assert found(nlp, "The tax break expires in January.", "2024-05-12")["January"] == ("DATE", "2025-01")


def test_live_blog_heading_times_are_on_the_publication_day(nlp):
    text = ("The Latest on the storm (all times EDT):\n\n4:30 p.m.\n\nThe governor will visit the coast on "
            "Friday.\n\n___\n\n11:15 a.m.\n\nThe storm made landfall late Wednesday, officials said.")
    got = found(nlp, text, "2024-09-29")  # a Sunday
    assert got["4:30 p.m."] == ("TIME", "2024-09-29T16:30")
    assert got["11:15 a.m."] == ("TIME", "2024-09-29T11:15")
    assert got["Friday"] == ("DATE", "2024-10-04")


def test_one_day_as_some_day(nlp):
    for text in ("Engineers hope one day to power whole towns with the reactor.",
                 "My son says he can be a senator like her one day and fix the roads.",
                 "Supporters believe she will one day lead the party."):
        assert found(nlp, text)["one day"] == ("DATE", "FUTURE_REF"), text
    for text in ("The vote was delayed by one day.", "The strike lasted one day.", "They have one day to appeal.",
                 "Rescuers hoped for one day of calm before the storm."):
        assert found(nlp, text)["one day"] == ("DURATION", "P1D"), text


def test_a_range_of_weekdays_ends_after_its_start(nlp):
    # published on a Wednesday: the poll ran from last Thursday to the Monday after it, not next Monday
    got = found(nlp, "The survey of 900 adults, conducted Thursday through Monday, has a margin of error of 4 points.",
                "2024-03-13")
    assert got == {"Thursday": ("DATE", "2024-03-07"), "Monday": ("DATE", "2024-03-11")}


def test_nine_eleven_is_the_2001_date(nlp):
    got = found(nlp, "Security at airports has changed since 9/11, the official said.", "2021-09-10")
    assert got == {"9/11": ("DATE", "2001-09-11")}
    got = found(nlp, "Relatives gathered ahead of the anniversary of the Sept. 11 attacks.", "2021-09-10")
    assert got["Sept. 11"] == ("DATE", "2001-09-11")
    # a plain 'Sept. 11' and a full numeric date are this year's
    assert found(nlp, "The board will meet on Sept. 11.", "2021-09-10") == {"Sept. 11": ("DATE", "2021-09-11")}
    assert found(nlp, "The rally on 9/11/2020 drew crowds.", "2021-09-10") == {"9/11/2020": ("DATE", "2020-09-11")}


def test_a_decade_shortened_after_another(nlp):
    got = found(nlp, "She ruled the charts in the 1960s and 70s before moving to film.")
    assert got == {"the 1960s": ("DATE", "196"), "70s": ("DATE", "197X")}
    assert not found(nlp, "Highs will be in the 60s and 70s this week.").get("70s")


def test_a_handful_of_days_is_a_vague_duration(nlp):
    got = found(nlp, "The recount ended a handful of days before the inauguration.")
    assert got == {"a handful of days": ("DURATION", "PXD")}


def test_a_month_in_a_present_condition_lies_ahead(nlp):
    got = found(nlp, "The senator, if she wins in November, would chair the committee.", "2024-05-16")
    assert got == {"November": ("DATE", "2024-11")}


def test_a_month_after_a_possessive_before_an_attributive_noun(nlp):
    got = found(nlp, "Miners are still angry about her March remarks on coal.", "2024-06-10")
    assert got == {"March": ("DATE", "2024-03")}


def test_a_year_like_count_before_an_adjective_and_a_plural(nlp):
    got = found(nlp, "The survey of 2047 registered voters was released Wednesday.", "2024-03-14")
    assert got == {"Wednesday": ("DATE", "2024-03-13")}


def test_a_range_from_a_date_to_a_weekday_before_publication(nlp):
    got = found(nlp, "The survey was conducted from March 1 through Sunday.", "2024-03-14")  # a Thursday
    assert got == {"March 1": ("DATE", "2024-03-01"), "Sunday": ("DATE", "2024-03-10")}


def test_more_vague_references(nlp):
    assert found(nlp, "At this pivotal moment, the party must unite.") == {
        "this pivotal moment": ("DATE", "PRESENT_REF")}
    assert found(nlp, "Turnout has been weak of late, organizers said.") == {"of late": ("DATE", "PAST_REF")}
    assert found(nlp, "The startup went from garage to stock market in a matter of months.") == {
        "a matter of months": ("DURATION", "PXM")}
    assert found(nlp, "The debt rose sharply in late 2023.") == {"late 2023": ("DATE", "2023")}


def test_a_quoted_show_name_and_morning_shows_are_not_times(nlp):
    text = ("The anchor is joining the \"Today\" show. Her rival left ''Today.'' "
            "It is the latest shake-up in the morning shows.")
    assert not found(nlp, text)
    got = found(nlp, 'She said: "Today is a good day for the party." They met in the morning.')
    assert got == {"Today": ("DATE", "2025-04-26"), "the morning": ("TIME", "2025-04-26TMO")}


def test_a_dateline_a_day_off_the_publication_date_is_the_reference(nlp):
    text = ("Senator urges calm.\n\nWASHINGTON, March 5 (UPI) -- The senator spoke to donors on Monday evening "
            "and met reporters Tuesday morning.")
    got = found(nlp, text, "2024-03-04")  # listed a day early: the story is dated Tuesday, March 5
    assert got == {"March 5": ("DATE", "2024-03-05"), "Monday evening": ("TIME", "2024-03-04TEV"),
                   "Tuesday morning": ("TIME", "2024-03-05TMO")}
    # a dateline far from the publication date is a typo or an old story: the publication date stays
    got = found(nlp, "PARIS, Jan. 20 (Reuters) - Ministers met on Tuesday.", "2024-03-07")
    assert got["Tuesday"] == ("DATE", "2024-03-05")


def test_winning_or_voting_in_a_month_looks_ahead(nlp):
    published = "2024-04-22"
    for text in ("Strategists doubt the governor can win in November.",
                 "Many suburban voters are less likely to vote Republican in November.",
                 "The scandal could hurt her chances against the senator in November.",
                 "Democrats have 23 Senate seats up in November.",
                 "Party leaders want a nominee who can win the election come November."):
        assert found(nlp, text, published)["November"] == ("DATE", "2024-11"), text
    # the past stays past
    got = found(nlp, "The union endorsed the mayor in November after a long debate.", published)
    assert got["November"] == ("DATE", "2023-11")
    got = found(nlp, "The senator won in November by four points.", published)
    assert got["November"] == ("DATE", "2023-11")


def test_conventions_sept_11_without_a_space_and_reduced_relatives(nlp):
    got = found(nlp, "Delegates could still block him at the convention in July.", "2024-03-04")
    assert got == {"July": ("DATE", "2024-07")}
    got = found(nlp, "The memorial honors the victims of the Sept.11 attacks.", "2024-03-04")
    assert got == {"Sept.11": ("DATE", "2001-09-11")}
    got = found(nlp, "The county, carried easily by the governor in February's primary, is now in play.", "2024-04-20")
    assert got["February"] == ("DATE", "2024-02")


def test_names_rates_and_fractions_that_look_like_times(nlp):
    assert not found(nlp, "She was promoted to a top job at 21st Century Fox last year.").get("21st Century")
    assert found(nlp, "It was the defining war of the 20th Century. Historians agree.") == {
        "the 20th Century": ("DATE", "19")}
    assert not found(nlp, "The union backs a $15-an-hour minimum wage.")
    assert not found(nlp, "Turnout fell by between a quarter and a third.")
    # a single attack on Sept. 11 (Benghazi, 2012) is not the 2001 attacks
    assert found(nlp, "Lawmakers were briefed days after the Sept. 11 attack in Libya.", "2012-10-01")[
        "Sept. 11"] == ("DATE", "2012-09-11")


def test_quoted_show_titles_and_hyphenated_fractions(nlp):
    got = found(nlp, "The senator said Sunday on \u201cSunday Morning Futures\u201d that the bill was dead.")
    assert got == {"Sunday": ("DATE", "2025-04-20")}
    assert not found(nlp, "He spoke on the radio show \u201cMidday with Jane Smith\u201d about taxes.")
    assert not found(nlp, "About three-quarters said the same of the governor.")
    assert found(nlp, "Sales rose for three quarters.") == {"three quarters": ("DURATION", "P3Q")}


def test_a_season_of_the_vote_lies_ahead(nlp):
    published = "2024-04-12"
    for text in ("Strategists fear the party could lose in the fall.",
                 "The primary fight could hurt the party heading into the fall.",
                 "She is preparing for the fall debates.",
                 "The nomination battle could stretch well into the summer."):
        value = found(nlp, text, published)
        assert next(iter(value.values()))[1] in ("2024-FA", "2024-SU"), text
    # a season just past stays past
    got = found(nlp, "He led in the polls for most of the fall.", "2024-02-10")
    assert got == {"the fall": ("DATE", "2023-FA")}
    got = found(nlp, "The plant could not meet demand well into the summer.", "2024-11-20")
    assert got == {"the summer": ("DATE", "2024-SU")}


def test_a_quote_that_opens_with_a_time_is_not_a_title(nlp):
    got = found(nlp, "\u201cFourteen years in Congress is long enough,\u201d the challenger said.")
    assert got == {"Fourteen years": ("DURATION", "P14Y")}
    got = found(nlp, "\u201cNow Trump needs to show he is ready,\u201d the strategist said.")
    assert got == {"Now": ("DATE", "PRESENT_REF")}
    assert not found(nlp, "He was an analyst on ''Sunday Night Baseball'' broadcasts.")
    # a month before 'debate' is no vote: a past debate stays past
    got = found(nlp, "Asked during a January debate why he trailed, he smiled.", "2024-03-23")
    assert got == {"January": ("DATE", "2024-01")}


def test_year_counts_quoted_possessives_and_whether(nlp):
    # a dated 'the 2014 executive actions' stays a year; '2047 registered voters' is a count
    assert found(nlp, "The 2014 executive actions are blocked in court.") == {"2014": ("DATE", "2014")}
    got = found(nlp, "\u201cToday\u2019s speech shows the party is united,\u201d she said.", "2024-08-12")
    assert got == {"Today": ("DATE", "2024-08-12")}
    got = found(nlp, "The new overtime rule goes into effect on Dec. 1.", "2024-05-19")
    assert got == {"Dec. 1": ("DATE", "2024-12-01")}
    got = found(nlp, "It is unclear whether the report reflects the weak August figures.", "2024-11-09")
    assert got == {"August": ("DATE", "2024-08")}


def test_polnear_dev_review_durations_decades_and_generic_days(nlp):
    # durations: 'a single year', 'N-plus years'; a year before 'levels' dates them
    got = found(nlp, "The company lost $916 million in a single year and paid no tax for 15-plus years.")
    assert got["a single year"] == ("DURATION", "P1Y") and got["15-plus years"] == ("DURATION", "P15Y")
    assert found(nlp, "Emissions must fall to 32 percent below 2005 levels by 2030.")["2005"] == ("DATE", "2005")
    # decades written with an apostrophe, typographic or not
    got = found(nlp, "He grew rich in the 80\u2019s, and the market of the 1980\u2019s collapsed in the late 90's.")
    assert got["the 80\u2019s"] == ("DATE", "198") and got["the 1980\u2019s"] == ("DATE", "198")
    assert got["the late 90's"] == ("DATE", "199")
    # 'a long time ago' points back; 'not that long ago' is left alone (TimeBank)
    got = found(nlp, "NATO was set up a long time ago, many, many years ago, the candidate said.")
    assert got["a long time ago"] == ("DATE", "PAST_REF") and got["many, many years ago"] == ("DATE", "PAST_REF")
    assert "long ago" not in found(nlp, "Not that long ago, the party ruled the state.")
    # generic 'today's politicians' and 'a brighter tomorrow' are no days; 'today's vote' is
    got = found(nlp, "Today's politicians are cowards, he said, hoping for a brighter tomorrow before today's vote.")
    assert list(got) == ["today"] and got["today"] == ("DATE", "2025-04-26")


def test_polnear_dev_review_days_the_narrative_names(nlp):
    # 'earlier in the day' is the day the story just named, else the publication day
    text = ("Trump and Clinton vied for the title of commander in chief Wednesday at a forum in New York. "
            "During a national security speech earlier in the day, Trump attacked Clinton.")
    assert found(nlp, text, "2016-09-08")["earlier in the day"] == ("DATE", "2016-09-07")
    got = found(nlp, "Stocks fell at the open. Later in the day they recovered.", "2016-09-08")
    assert got["Later in the day"] == ("DATE", "2016-09-08")
    got = found(nlp, "Police arrested two men yesterday. Later in the day a third was held.", "2016-09-08")
    assert got["Later in the day"] == ("DATE", "2016-09-07")
    # 'the very next year' counts from the year the story is at
    got = found(nlp, "The company was founded in 2009 and went bankrupt the very next year.", "2016-09-08")
    assert got["the very next year"] == ("DATE", "2010")


def test_polnear_dev_review_one_weekday_per_article(nlp):
    # a mention whose clause leaves the week open takes the day the other mentions agree on
    text = ("Trump is raising questions about his microphone problems during Monday's debate. "
            "At Monday's debate, Clinton cited his remarks about a former beauty queen. "
            "Trump complained about the microphone the morning after Monday's debate.")
    doc = run(nlp, text, "2016-09-30")
    assert [t.value for t in doc._.timexes if t.text == "Monday"] == ["2016-09-26"] * 3
    # an infinitive with its own subject under a present 'expect' looks ahead
    got = found(nlp, "A majority of voters expect Clinton to win Monday's debate at Hofstra.", "2016-09-25")
    assert got["Monday"] == ("DATE", "2016-09-26")
    # 'ahead of Friday's meeting' in a past clause: the nearer Friday
    got = found(nlp, "Ahead of Friday's meeting, France and Germany unveiled a defense proposal.", "2016-09-18")
    assert got["Friday"] == ("DATE", "2016-09-16")
    # things of a holiday and morning meetings are no times
    assert found(nlp, "Mexico retaliated against Christmas trees from Oregon.", "2016-09-28") == {}
    assert found(nlp, "He will issue a chart in the morning meetings, he said.", "2016-09-28") == {}


def test_polnear_dev_review_weekdays_agree_with_tomorrow_and_nine_eleven_nouns(nlp):
    # 'tomorrow night' counts as a mention of Monday, so the open 'Monday night's debate' is the coming one
    text = ("Pence said Trump's tweet to invite Gennifer Flowers to Monday night's debate was only to mock "
            "Clinton. Will Flowers be there tomorrow night? She will not attend the debate tomorrow night.")
    assert found(nlp, text, "2016-09-25")["Monday night"] == ("TIME", "2016-09-26TNI")
    # a day named several paragraphs back still anchors 'earlier in the day'
    text = ("Trump and Clinton vied for the title of commander in chief Wednesday. " + "Clinton spoke of her record. " * 30
            + "During a speech earlier in the day, Trump attacked Clinton.")
    assert found(nlp, text, "2016-09-08")["earlier in the day"] == ("DATE", "2016-09-07")
    got = found(nlp, "The network has trafficked in Sept. 11 conspiracy theories.", "2016-09-19")
    assert got["Sept. 11"] == ("DATE", "2001-09-11")


def test_polnear_dev_review_second_sample_classes(nlp):
    # 'since January 1st' has begun, even when the month-day lies ahead of the reference date's month
    got = found(nlp, "In Chicago, they've had thousands of shootings since January 1st, he said.", "2016-09-29")
    assert got["January 1st"] == ("DATE", "2016-01-01")
    # 'on a day rich in symbolism' is a kind of day, not a length of time
    assert found(nlp, "On a day rich in symbolism, the president opened the museum.", "2016-09-25") == {}
    # news writes 'election day' in lower case too
    got = found(nlp, "Party insiders want black voters at the polls on election day.", "2016-09-28")
    assert got["election day"] == ("DATE", "2016-11-08")
    # a progressive dates its own act, not the possessive weekday's event: the nearer Monday
    got = found(nlp, "Clinton is attempting to reach black voters at Monday's presidential debate.", "2016-09-28")
    assert got["Monday"] == ("DATE", "2016-09-26")
    got = found(nlp, "Clinton is preparing for Monday's debate with Trump.", "2016-09-23")
    assert got["Monday"] == ("DATE", "2016-09-26")
    # 'o'clock' with the part of the day that follows
    got = found(nlp, "\u201cThe plan should be ready by 6 o\u2019clock this afternoon,\u201d he said.", "2016-09-12")
    assert got["6 o\u2019clock this afternoon"] == ("TIME", "2016-09-12T18:00")


def test_polnear_dev_review_third_sample_classes(nlp):
    # on a Monday, 'this weekend' in a past clause is the weekend just past; ahead in a future one
    got = found(nlp, "Obama's speech coincided this weekend with a voter drive.", "2016-09-19")
    assert got["this weekend"] == ("DATE", "2016-W37-WE")
    assert found(nlp, "He will rest this weekend.", "2016-09-19")["this weekend"] == ("DATE", "2016-W38-WE")
    # a month-day 'of last year'
    got = found(nlp, "\u201cWe started this journey on June 16th of last year,\u201d Trump said.", "2016-07-22")
    assert got["June 16th of last year"] == ("DATE", "2015-06-16")


def test_polnear_train_diff_guards(nlp):
    # found diffing all PolNeAR train articles against the component before this review
    got = found(nlp, "The question is not whether they have a job tomorrow, he said.", "2016-03-23")
    assert got["tomorrow"] == ("DATE", "2016-03-24")
    # a firm plan is not outvoted by the other mentions of the weekday
    text = ("Muhammad Ali died Friday in Phoenix. On Friday his family spoke. A public memorial service "
            "is planned Friday in Louisville.")
    assert [t.value for t in run(nlp, text, "2016-06-05")._.timexes][-1] == "2016-06-10"
    # 'ahead of Monday's caucuses' under a present verb still looks ahead
    got = found(nlp, "Trump and Cruz maintained their battle as they sit atop most polls ahead of Monday's caucuses.",
                "2016-01-26")
    assert got["Monday"] == ("DATE", "2016-02-01")
    # on a Friday 'this weekend' lies ahead even in a past clause
    got = found(nlp, "The win set the stage for another likely rout this weekend.", "2016-04-15")
    assert got["this weekend"] == ("DATE", "2016-W15-WE")
    # a finite clause under a past 'hoped' keeps its own tense
    got = found(nlp, "Leaders had hoped the deal might lead to GOP gains in November among Jewish voters.", "2016-03-18")
    assert got["November"] == ("DATE", "2016-11")
    got = found(nlp, "The firm does not offer workers a single day of paid leave.", "2016-08-09")
    assert got["a single day"] == ("DURATION", "P1D")
    # a 'today' in a quote is the day 'later in the day' follows, but 'that year' still follows the year named
    text = "Obama spoke Thursday. \u201cWhatever happens today, we stay,\u201d he said. He arrived in Philadelphia later in the day."
    assert found(nlp, text, "1998-02-13")["later in the day"] == ("DATE", "1998-02-13")
    text = "McCain won 62 percent in 2008. Trump's support today is below McCain's support that year."
    assert found(nlp, text, "2016-09-07")["that year"] == ("DATE", "2008")


def test_election_day_ahead_and_cued_weekdays_stay(nlp):
    # 'election day' in a present clause is the coming vote, months ahead
    got = found(nlp, "Start packing now, so that on election day you just hop on a bus.", "2016-02-18")
    assert got["election day"] == ("DATE", "2016-11-08")
    # a weekday a cue fixes ('ahead of Monday's caucuses') is not outvoted by past Mondays
    text = ("Obama spoke on Monday. On Monday he also met aides. Trump and Cruz maintained their battle as "
            "they sit atop most polls ahead of Monday's GOP caucuses.")
    assert [t.value for t in run(nlp, text, "2016-01-26")._.timexes] == ["2016-01-25", "2016-01-25", "2016-02-01"]
    # 'earlier in the day' does not follow a day the story places after publication: the publication day
    text = ("\u201cNot a president who is neutral on Monday and who knows what on Wednesday,\u201d she said. "
            "Earlier in the day, Trump met the editorial board.")
    assert found(nlp, text, "2016-03-22")["Earlier in the day"] == ("DATE", "2016-03-22")
