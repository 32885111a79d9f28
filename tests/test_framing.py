"""Framing: technique and speaker of loaded language."""

from newsgraph.analysis import analyze


def test_speakers_of_framing():
    a = analyze('"The Kiev regime continues to engage in terrorist activities," Kremlin spokesman Dmitry Peskov said. '
                "Witkoff has been accused of repeating Kremlin narratives. The administration is desperately trying to show progress.")
    by_text = {f.text: f for f in a.framing}
    assert by_text["The Kiev regime"].technique == "Name_Calling-Labeling"
    assert by_text["repeating Kremlin narratives"].speaker.name == "(unnamed accusers)"
    assert by_text["desperately trying"].speaker.name == "(article author)"
