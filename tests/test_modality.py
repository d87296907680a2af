import pytest

from frontwatch.extract.modality import certainty
from frontwatch.nlp import annotate


def _certainty(sentence: str, trigger: str) -> str:
    doc = annotate(sentence)
    token = next(t for t in doc if t.text == trigger)
    return certainty(token)


@pytest.mark.parametrize("sentence, trigger, expected", [
    ("Rebels attacked the base on Monday.", "attacked", "reported"),
    ("Residents fear mass executions if the militants enter.", "executions", "feared"),
    ("The group launched a campaign to capture the airport.", "capture", "hypothetical"),
    ("The militants could attack the town within days.", "attack", "hypothetical"),
    ("The army denied that it shelled the village.", "shelled", "denied"),
    ("The group claimed it attacked the convoy.", "attacked", "claimed"),
    ("Civilians fear reprisals as the rebels battle for control of the town.", "battle",
     "reported"),
    ("Troops did not fire on the crowd.", "fire", "denied"),
    ("Russia says it targets only military infrastructure.", "targets", "hypothetical"),
    ("People are trapped after fighters cut the only road to the town.", "cut", "reported"),
    # A verb conjoined to a claimed one is claimed too.
    ("The group claimed to have killed 20 soldiers and seized their weapons.", "seized",
     "claimed"),
    # Readiness and conditions are no deeds; nor are a report's recommendations.
    ("The bloc said it is ready to send troops if diplomacy fails.", "send", "hypothetical"),
    ("Scale up case management in Kaya; reinforce protection monitoring in Titao.",
     "reinforce", "hypothetical"),
    ("Soldiers reinforced positions around the town on Monday.", "reinforced", "reported"),
])
def test_certainty(sentence: str, trigger: str, expected: str) -> None:
    assert _certainty(sentence, trigger) == expected
