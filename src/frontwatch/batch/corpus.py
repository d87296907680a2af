"""A seeded generator of synthetic conflict reports, for benchmarks and batch tests.

Each report is about 500 words in the shape of a wire story: a headline, a dateline, two to four
event paragraphs (clashes, shelling, air strikes, bombs, attacks on civilians, protests), and
the context that surrounds them in real reporting (quotes, background from earlier years,
humanitarian and diplomatic paragraphs). Sentences are assembled from parts, so no two reports
are copies; the same seed always gives the same reports. Every word was written for
frontwatch; nothing is taken from an evaluation set.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["reports", "write_jsonl"]

#: country → (places, armed groups, the army's name, agency cities for datelines)
THEATRES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "Syria": (("Aleppo", "Idlib", "Deir ez-Zor", "Raqqa", "Homs", "Daraa", "Manbij", "Palmyra"),
              ("Islamic State fighters", "Hayat Tahrir al-Sham militants", "rebel factions"),
              "Syrian army"),
    "Iraq": (("Mosul", "Kirkuk", "Tikrit", "Ramadi", "Fallujah", "Baiji", "Samarra"),
             ("Islamic State militants", "gunmen", "an armed group"), "Iraqi army"),
    "Nigeria": (("Maiduguri", "Damaturu", "Bama", "Gwoza", "Monguno", "Konduga"),
                ("Boko Haram fighters", "ISWAP militants", "bandits"), "Nigerian army"),
    "Somalia": (("Mogadishu", "Baidoa", "Kismayo", "Beledweyne", "Afgooye", "Jowhar"),
                ("al-Shabaab fighters", "al-Shabaab militants", "clan militias"),
                "Somali army"),
    "Mali": (("Gao", "Mopti", "Timbuktu", "Menaka", "Kidal", "Segou"),
             ("JNIM fighters", "jihadists", "Islamic State Sahel militants"), "Malian army"),
    "Burkina Faso": (("Djibo", "Ouahigouya", "Kaya", "Dori", "Fada N'gourma"),
                     ("jihadists", "JNIM militants", "gunmen"), "Burkinabe army"),
    "Democratic Republic of Congo": (("Goma", "Beni", "Bunia", "Butembo", "Rutshuru"),
                                     ("M23 rebels", "ADF militants", "CODECO fighters"),
                                     "Congolese army"),
    "Ukraine": (("Kharkiv", "Kherson", "Zaporizhzhia", "Kramatorsk", "Pokrovsk", "Sumy"),
                ("Russian forces", "Russian troops"), "Ukrainian army"),
    "Sudan": (("El Fasher", "Khartoum", "Omdurman", "Nyala", "El Obeid", "Wad Madani"),
              ("RSF fighters", "Rapid Support Forces troops", "armed militias"),
              "Sudanese army"),
    "Yemen": (("Taiz", "Marib", "Hodeidah", "Saada", "Aden", "al-Bayda"),
              ("Houthi fighters", "Houthi rebels", "tribal gunmen"), "Yemeni army"),
    "Afghanistan": (("Kabul", "Kandahar", "Jalalabad", "Kunduz", "Herat", "Ghazni"),
                    ("Islamic State Khorasan militants", "gunmen", "insurgents"),
                    "Afghan security forces"),
    "Myanmar": (("Lashio", "Myawaddy", "Hpakant", "Sittwe", "Mandalay", "Kale"),
                ("the Arakan Army", "resistance fighters", "ethnic armed groups"),
                "Myanmar military"),
}
DATELINE_AGENCIES = ("Reuters", "AFP", "AP", "Xinhua")
NAMES = ("Amina", "Yusuf", "Olena", "Ahmed", "Grace", "Moussa", "Thida", "Fatima")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen")
TARGETS = ("a checkpoint", "a market", "a military post", "a village", "a police station",
           "a convoy", "a camp for displaced people", "a mosque", "a school", "a bus station")
VEHICLES = ("a military convoy", "a minibus", "a police patrol", "a truck carrying traders")
VENUES = ("outside the governor's office", "in the central square", "near the university",
          "along the main road", "in front of the parliament building")
GRIEVANCES = ("rising bread prices", "power cuts", "the killing of a local activist",
              "unpaid salaries", "the arrest of a tribal leader", "insecurity")


def _when(rng: random.Random, published: dt.date) -> str:
    day = published - dt.timedelta(days=rng.randrange(1, 5))
    return rng.choice((f"on {WEEKDAYS[day.weekday()]}", "overnight", "on Sunday night",
                       "early on " + WEEKDAYS[day.weekday()], "yesterday"))


def _toll(rng: random.Random) -> str:
    killed, wounded = rng.choice(NUMBER_WORDS), rng.randrange(3, 40)
    return rng.choice((f"killing {killed} people and wounding {wounded}",
                       f"leaving {killed} dead", f"wounding {wounded} others",
                       f"killing at least {rng.randrange(2, 30)} civilians"))


def _event(rng: random.Random, country: str, place: str, published: dt.date) -> str:
    places, groups, army = THEATRES[country]
    group, when = rng.choice(groups), _when(rng, published)
    village = rng.choice(places)
    kinds = (
        f"{group.capitalize()} attacked {rng.choice(TARGETS)} in {place} {when}, {_toll(rng)}, "
        "according to local officials.",
        f"The {army} clashed with {group} on the outskirts of {place} {when}; "
        f"{rng.choice(NUMBER_WORDS)} soldiers and an unknown number of fighters were killed.",
        f"Artillery shells fired by {group} hit residential districts of {place} {when}, "
        f"{_toll(rng)}, a medical source said.",
        f"Air strikes hit {rng.choice(TARGETS)} near {place} {when}, {_toll(rng)}, residents said.",
        f"A roadside bomb exploded as {rng.choice(VEHICLES)} passed through {place} {when}, "
        f"{_toll(rng)}.",
        f"Hundreds of people protested {rng.choice(VENUES)} in {place} {when} against "
        f"{rng.choice(GRIEVANCES)}; police fired tear gas to disperse them.",
        f"{group.capitalize()} abducted {rng.choice(NUMBER_WORDS)} farmers from a village near "
        f"{village} {when}, relatives said.",
        f"Demonstrators marched peacefully through {place} {when} to denounce "
        f"{rng.choice(GRIEVANCES)}.",
    )
    return rng.choice(kinds)


PROTEST_FOLLOW_UPS = (
    "Organisers said they would return every week until their demands were met.",
    "Shops stayed shut for the rest of the day and the streets emptied before nightfall.",
    "Footage shared online showed crowds chanting and waving flags.",
)
FOLLOW_UPS = (
    "No group immediately claimed responsibility.",
    "Witnesses said the attackers arrived on motorcycles and fled before reinforcements came.",
    "The wounded were taken to the main hospital, where several were in a critical condition.",
    "The army said it had repelled the attack and was searching the surrounding farmland.",
    "Local officials said the toll could rise as rescuers searched the rubble.",
    "A curfew was declared in the district until further notice.",
    "Footage shared online showed thick smoke rising over the area.",
)


def _contexts(rng: random.Random, country: str, places: tuple[str, ...],
              published: dt.date) -> list[str]:
    """The context sentences of one report, in a random order, none twice."""
    _, groups, army = THEATRES[country]
    year = published.year - rng.randrange(3, 10)
    place, other = rng.sample(places, 2)
    found = [
        f'"We could hear the explosions all night, and nobody dared to leave," a resident of '
        f"{place} who asked not to be named told reporters by telephone.",
        f"In {year}, {rng.choice(groups)} seized large parts of the region before being pushed "
        "back in a long offensive that displaced hundreds of thousands of people.",
        f"Aid agencies say more than {rng.randrange(20, 900)},000 people in {country} depend on "
        "food assistance, and that access to several districts remains restricted.",
        f"The United Nations envoy for {country} called on all parties to respect international "
        "humanitarian law and to allow the safe passage of civilians.",
        f"A spokesman for the {army} said operations would continue until the area was secured, "
        "but gave no figures for casualties among its troops.",
        f"Hospitals in {other} are short of staff and medicine, doctors said, and many wounded "
        "had to be moved to other towns on damaged roads.",
        "Analysts say the fighting has settled into a war of attrition, with neither side able "
        "to hold ground for long and civilians caught between the front lines.",
        f"Talks between the government and armed groups stalled last month, and a ceasefire "
        f"agreed in {year + 1} has been broken repeatedly.",
        f"Local markets in {place} reopened briefly, traders said, though prices of flour and "
        "fuel have doubled since the start of the year.",
        f"The road between {place} and {other} has been closed to civilian traffic for weeks, "
        "and drivers say they pay fees at a growing number of checkpoints.",
        f"Schools in {other} have been shut since {published:%B}, teachers said, and many "
        "families have sent their children to relatives in safer areas.",
        f"The government in the capital has promised to rebuild the region, but residents of "
        f"{place} say little of the money has arrived.",
        f'"The situation is getting worse every week," said {rng.choice(NAMES)}, '
        f"a {rng.choice(('teacher', 'nurse', 'shopkeeper', 'farmer', 'driver'))} who fled "
        f"{other} with their family.",
        f"Human rights groups have accused all sides in {country} of abuses, including "
        "arbitrary detention and the recruitment of children.",
        f"Displaced families in camps outside {place} told aid workers they had received no "
        f"rations for {rng.choice(NUMBER_WORDS[:6])} weeks.",
        f"Mobile phone networks in parts of {country} have been cut repeatedly, making casualty "
        "figures hard to verify independently.",
    ]
    rng.shuffle(found)
    return found


def _followed(rng: random.Random, sentence: str) -> str:
    protest = "protest" in sentence or "marched" in sentence
    return f"{sentence} {rng.choice(PROTEST_FOLLOW_UPS if protest else FOLLOW_UPS)}"


def _report(rng: random.Random, index: int) -> dict[str, Any]:
    country = rng.choice(sorted(THEATRES))
    places = THEATRES[country][0]
    place = rng.choice(places)
    published = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3000))
    paragraphs = [_followed(rng, _event(rng, country, rng.choice(places), published))
                  for _ in range(rng.randrange(3, 7))]
    paragraphs[0] = _event(rng, country, place, published)  # the lead: the dateline's town
    contexts = _contexts(rng, country, places, published)
    while contexts and sum(len(paragraph.split()) for paragraph in paragraphs) < 500:
        taken = [contexts.pop() for _ in range(min(len(contexts), rng.randrange(1, 3)))]
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), " ".join(taken))
    dateline = (f"{place.upper()}, {published:%b} {published.day} "
                f"({rng.choice(DATELINE_AGENCIES)}) - ")
    title = rng.choice(("Fighting flares", "Civilians killed", "Violence spreads",
                        "Tensions rise")) + f" in {country}'s {place}"
    text = f"{title}\n\n{dateline}" + "\n\n".join(paragraphs)
    return {"id": f"synthetic-{index:07d}", "title": title, "text": text,
            "published": published.isoformat(), "publisher": "Synthetic Wire"}


def reports(count: int, seed: int = 8) -> Iterator[dict[str, Any]]:
    """``count`` synthetic reports as JSONL records (``id``, ``title``, ``text``, ...)."""
    rng = random.Random(seed)
    for index in range(count):
        yield _report(rng, index)


def write_jsonl(path: str | Path, count: int, seed: int = 8) -> Path:
    """Write :func:`reports` to ``path`` as JSONL."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as out:
        for record in reports(count, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
