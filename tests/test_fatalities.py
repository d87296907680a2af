import pytest

from frontwatch.extract.fatalities import count_fatalities, parse_number
from frontwatch.nlp import annotate


def _count(sentence: str) -> int:
    return count_fatalities(next(iter(annotate(sentence).sents))).fatalities


@pytest.mark.parametrize("sentence, deaths", [
    ("Two soldiers and three civilians were killed when the bomb exploded.", 5),
    ("At least 12 people were killed and 30 wounded in the attack.", 12),
    ("At least five people were shot dead outside parliament and 31 injured.", 5),
    ("The strike killed seven civilians, including two children, and wounded 11.", 7),
    ("Dozens of villagers were killed.", 12),
    ("Scores of fighters have died since Friday.", 20),
    ("Five people were injured in the blast.", 0),
    ("No one was killed in the attack.", 0),
    ("A soldier was killed on Monday.", 1),
    ("Gunmen killed civilians in the village.", 3),
    ("Between 10 and 15 people died in the fighting.", 10),
    ("Police said 14 people were killed; residents said 23 died.", 14),
    ("18 killed or wounded by shells in the city.", 3),
    ("Warplanes executed more than 100 airstrikes on the town.", 0),
    ("The clashes left twenty-three fighters dead.", 23),
    ("A massive air strike on the market killed civilians.", 10),  # DOMAIN.md: a major attack
    ("Heavy fighting killed fighters on both sides.", 10),
    ("At least 15 people, including two babies, were killed.", 15),  # a subset, not a sum
    # every group after "including" is among the total; "those killed" were counted before
    ("Three people, including a student and a shop worker, were killed, the hospital said.", 3),
    ("Students held a funeral prayer for those killed.", 0),
    ("The death toll from Sunday's attack on a protest in the township has risen to five.", 5),
    ("The monitor counted 52 fighters killed; a pro-government outlet put the toll at 35.", 35),
    # a conjoined verb without a subject counts the first verb's
    ("A student who stood in front of the police line was hit and died in hospital.", 1),
    ("The shelling killed three farmers, a village chief said.", 3),  # the teller is no victim
    ("The blast killed nine pilgrims, according to a nurse and a driver.", 9),
    ("Fighting between two militias killed four fighters and a civilian.", 5),  # killers before
    ("The kidnappers called the family, threatening to kill the boy.", 0),  # a threat
    ("The group vowed to kill anyone who cooperates with the army.", 0),
    # The deaths of a dated past event, told in a relative clause, are not the news'.
    ("Crowds marked the anniversary of the 2019 massacre, in which 40 villagers were killed.", 0),
])
def test_acled_fatality_rules(sentence: str, deaths: int) -> None:
    assert _count(sentence) == deaths


def test_fatalities_text_names_the_words_counted() -> None:
    found = count_fatalities(next(iter(annotate("Dozens of villagers were killed.").sents)))
    assert found.text == "Dozens of villagers were killed"


@pytest.mark.parametrize("word, value", [("twenty-three", 23), ("1,200", 1200),
                                         ("a hundred", 100), ("dozens", 12), ("eleven", 11)])
def test_parse_number(word: str, value: int) -> None:
    assert parse_number(word) == value
