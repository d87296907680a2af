"""A trigger word reports an event or not by its arguments (extract/arguments.py)."""

import pytest

import frontwatch

NOT_EVENTS = [
    "A survey plane captured images of the flooded valley on Thursday.",
    "The government expelled three diplomats and closed the consulate on Monday.",
    "Customs officers intercepted a suspected people smuggler at the border crossing.",
    "The minister said dialogue had defused tensions between the two communities.",
    "The regime tested a new ballistic missile on Friday, state media said.",
    "The council imposed sanctions on the firm over its missile programme.",
    "Two ambassadors were expelled after a poison attack on a defector in the capital.",
    "Police said two robbers were arrested after a shop was held up with a pistol.",
    "Border guards detained 40 people hidden in a lorry. The driver belonged to a smuggling ring.",
]

EVENTS = [
    ("Rebels captured the town of Kidal after two days of fighting.",
     "Non-state actor overtakes territory"),
    ("Air defences intercepted two drones over the city overnight.", "Disrupted weapons use"),
    ("Army engineers defused a roadside bomb near the bridge on Tuesday.",
     "Disrupted weapons use"),
    ("Militants fired a missile at a navy ship off the coast on Sunday.",
     "Shelling/artillery/missile attack"),
    ("Police arrested 12 opposition activists at their party offices on Monday.", "Arrests"),
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_arguments_show_no_event(text: str, gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert frontwatch.classify(text, gazetteer, learned=False) == "none"


@pytest.mark.parametrize("text, expected", EVENTS)
def test_the_same_words_with_event_arguments(text: str, expected: str,  # type: ignore[no-untyped-def]
                                             gazetteer) -> None:
    assert frontwatch.classify(text, gazetteer, learned=False) == expected
