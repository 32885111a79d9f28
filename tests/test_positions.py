"""Positions: stances from quotes and proposals; disputed issues without stance."""

from newsgraph.analysis import analyze


def test_quote_stance_and_open_issues():
    text = ('Volodymyr Zelensky said that recognizing Crimea as part of Russia would violate the Ukrainian constitution. '
            'There are also differences of opinion regarding the lifting of sanctions and the form of security guarantees.')
    a = analyze(text)
    pos = [p for p in a.positions if p.issue == "Crimea"]
    assert pos and pos[0].stance == "oppose recognition"
    assert "recognizing Crimea" in pos[0].evidence.text
    assert a.open_issues == ["sanctions", "security guarantees"]


def test_proposal_owner_postpone():
    a = analyze("The Ukrainian documents stipulate that discussions on territorial issues will be postponed until a ceasefire is reached.")
    pos = [p for p in a.positions if p.issue == "occupied territories"]
    assert pos and pos[0].stance == "postpone until a ceasefire"


def test_spokesman_states_his_governments_position():
    a = analyze('White House press secretary Karoline Leavitt said the United States backs a ceasefire in Ukraine. '
                '"We oppose any easing of the sanctions against Russia," Leavitt told reporters.')
    holders = {(p.holder_name, p.issue) for p in a.positions}
    assert ("United States", "sanctions") in holders
    assert not any(p.holder_name == "Karoline Leavitt" for p in a.positions)


def test_president_keeps_his_own_position():
    a = analyze("Ukrainian President Volodymyr Zelensky said that Ukraine would never recognize Crimea as Russian.")
    [pos] = [p for p in a.positions if p.issue == "Crimea"]
    assert pos.holder_name.startswith("Volodymyr Zelensk") and pos.stance == "oppose recognition"


def test_seat_of_government_speaks_for_its_state():
    a = analyze("The Kremlin said Russia supports lifting the sanctions. Moscow wants talks.")
    assert [(p.holder_name, p.issue, p.stance) for p in a.positions] == [("Russia", "sanctions", "lift")]


def test_negated_governing_verb_turns_the_stance():
    a = analyze('"Russia will never accept the lifting of sanctions as a precondition," the Kremlin said on Monday.')
    assert [(p.holder_name, p.issue, p.stance) for p in a.positions] == [("Russia", "sanctions", "keep")]
