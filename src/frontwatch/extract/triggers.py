"""Trigger rules: words and phrases that signal an event of one ACLED sub-event type.

Rules are spaCy ``Matcher`` patterns on lower-cased word forms (so headlines in title case and
sentence-initial words match too). Each rule names its sub-event type, a family (battle, remote,
civilians, protest, riot, strategic, none) and a priority: when several rules fire in one sentence,
the classifier keeps the highest priority per family and resolves families (see ``classify``).

Word forms are generated from a base with regular English inflection (``_forms``); irregular
forms are listed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["RULES", "Trigger", "find_triggers", "forms"]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A rule that fired: which type, which rule, where (token indexes in the Doc)."""

    sub_event_type: str
    rule: str
    family: str
    priority: int
    start: int
    end: int


_IRREGULAR = {
    "fight": ["fought"], "take": ["took", "taken"], "shoot": ["shot"], "seize": ["seized"],
    "overrun": ["overran"], "retake": ["retook", "retaken"], "hit": ["hit"], "blow": ["blew", "blown"],
    "set": ["set"], "burn": ["burnt"], "throw": ["threw", "thrown"], "lead": ["led"],
    "fall": ["fell", "fallen"], "withdraw": ["withdrew", "withdrawn"], "cut": ["cut"],
    "sit-in": ["sit-ins"], "bomb": ["bombed"], "strike": ["struck"], "drive": ["drove", "driven"],
    "beat": ["beaten"], "rise": ["rose", "risen"], "kidnap": ["kidnapped", "kidnapping"],
    "hold": ["held"], "break": ["broke", "broken"], "mortar": ["mortared"], "storm": ["stormed"],
    "repel": ["repelled", "repelling"], "stab": ["stabbed", "stabbing"], "drop": ["dropped"],
    "shut": ["shut", "shutting"], "rob": ["robbed", "robbing"], "ban": ["banned", "banning"],
    "kill": ["killed"], "plan": ["planned"],
}


def forms(*bases: str) -> list[str]:
    """Regular inflections (s/es, ed, ing) of each base, plus known irregular forms."""
    out: set[str] = set()
    for base in bases:
        out.add(base)
        out.update(_IRREGULAR.get(base, []))
        if base.endswith("e"):
            out.update({base + "s", base + "d", base[:-1] + "ing"})
        elif base.endswith("y") and base[-2:-1] not in "aeiou":
            out.update({base[:-1] + "ies", base[:-1] + "ied", base + "ing"})
        elif base.endswith(("s", "sh", "ch", "x", "z")):
            out.update({base + "es", base + "ed", base + "ing"})
        else:
            out.update({base + "s", base + "ed", base + "ing"})
    return sorted(out)


def _w(*words: str, op: str | None = None) -> dict[str, Any]:
    token: dict[str, Any] = {"LOWER": {"IN": list(words)}}
    if op:
        token["OP"] = op
    return token


ANY = {"OP": "?"}
#: "pushed", "drove", "forced" as verbs ("forces were carrying out" is no forcing out)
PUSH_VERB = {"LOWER": {"IN": forms("push", "drive", "force")}, "POS": "VERB"}
DET = _w("the", "a", "an", "their", "its", "his", "her", "two", "three", "several", op="?")

AIR_NOUNS = forms("airstrike", "air-strike", "airstrike", "warplane", "jet", "aircraft", "bomber",
                  "helicopter", "gunship", "drone", "uav", "airplane", "plane", "fighter-bomber")
WEAPON_NOUNS = forms("missile", "rocket", "drone", "bomb", "shell", "mortar", "explosive",
                     "weapon", "ammunition", "arm", "grenade", "ied", "uav", "projectile", "mine",
                     "device", "munition", "firearm", "gun", "rifle")

# (type, rule name, family, priority, patterns)
RULES: list[tuple[str, str, str, int, list[list[dict[str, Any]]]]] = [
    ("Chemical weapon", "chemical", "remote", 90, [
        [_w("chemical", "chlorine", "sarin", "mustard", "toxic", "poison", "poisonous", "nerve",
            "choking", "blister"),
         _w(*forms("weapon", "attack", "gas", "agent", "strike", "bomb", "munition"))],
        [_w("sarin", "chlorine", "phosgene", "tabun", "soman", "vx", "novichok", "chloropicrin",
            "diphosgene", "lewisite")],
        [_w("sulfur", "sulphur", "nitrogen"), _w("mustard")],
    ]),
    # "grenades filled with toxic irritant substances": a chemical weapon only beside a weapon
    # (a factory's toxic substances are an accident), see find_triggers
    ("Chemical weapon", "chemical-substance", "remote", 90, [
        [_w("toxic", "irritant", "asphyxiating", "choking", "poisonous", "chemical"),
         _w("irritant", "irritants", op="?"),
         _w(*forms("substance", "chemical", "irritant", "compound", "gas"))],
    ]),
    ("Suicide bomb", "suicide", "remote", 95, [
        [_w("suicide", "suicide-bomb", "self-detonating"), _w("car", "truck", "vehicle", op="?"),
         _w(*forms("bomber", "bombing", "bomb", "attack", "attacker", "vest", "blast",
                   "explosion", "belt", "svbied", "car-bomb"))],
        [_w(*forms("blow")), _w("himself", "herself", "themselves"), _w("up")],
        [_w(*forms("detonate")), _w("his", "her", "their"), _w("explosive", op="?"),
         _w(*forms("vest", "belt"))],
        [_w(*forms("svbied"))],
    ]),
    ("Air/drone strike", "air", "remote", 80, [
        [_w(*forms("airstrike", "air-strike", "airraid", "air-raid"))],
        [_w("air", "aerial", "drone", "uav", "helicopter"),
         _w(*forms("strike", "raid", "attack", "bombardment", "bombing", "assault"))],
        [_w("barrel"), _w(*forms("bomb"))],
        [_w(*forms("warplane", "jet", "aircraft", "bomber", "helicopter", "gunship", "drone",
                   "uav", "plane")),
         _w(*forms("strike", "bomb", "pound", "hit", "target", "attack", "raid", "kill", "shell",
                   "slam")),
         ],
        [_w(*forms("bomb", "strike", "target", "hit", "pound", "attack")),
         _w("by", "from"), DET, ANY, _w(*forms("warplane", "jet", "aircraft", "helicopter",
                                               "drone", "uav", "plane", "air"))],
        [_w(*forms("bombing")), _w("raid", "raids", "campaign")],
        [_w("drone", "drones", "uav", "uavs", "quadcopter", "quadcopters", "aircraft", "warplane",
            "warplanes", "jet", "jets", "helicopter", "helicopters", "plane", "planes", "bomber",
            "bombers"), {"OP": "{0,5}"}, _w(*forms("drop", "release"))],
        [_w("aerial", "glide", "guided", "gliding"), _w("bomb", "bombs", "munitions")],
        [_w("air", "air-launched", "air-to-surface", "air-to-ground"), _w("-", op="?"),
         _w("launched", "to", op="?"), _w("-", op="?"), _w("surface", "ground", op="?"),
         _w(*forms("missile", "rocket"))],
        [_w(*forms("drop", "fire", "launch")), _w("from", "by"), DET, ANY,
         _w("drone", "drones", "uav", "uavs", "quadcopter", "quadcopters", "aircraft",
            "helicopter", "helicopters", "warplane", "warplanes")],
        # "dropped explosives from a drone onto a police station"
        [_w(*forms("drop", "release")), {"OP": "{1,3}"}, _w("from", "by"), DET, ANY,
         _w("drone", "drones", "uav", "uavs", "quadcopter", "quadcopters", "aircraft",
            "helicopter", "helicopters", "warplane", "warplanes", "plane", "planes")],
        [_w("air"), _w("force", "forces"), {"OP": "{0,2}"},
         _w(*forms("strike", "bomb", "target", "hit", "pound", "attack"))],
    ]),
    ("Shelling/artillery/missile attack", "shelling", "remote", 70, [
        [_w(*forms("shelling", "shell", "bombardment", "bombard", "mortar", "artillery", "howitzer",
                   "katyusha", "rpg", "rocket-propelled", "rocket", "missile", "projectile"))],
        [_w("tank"), _w("fire", "shells", "rounds")],
    ]),
    ("Remote explosive/landmine/IED", "ied", "remote", 60, [
        [_w("roadside", "car", "truck", "motorcycle", "parked", "booby-trapped", "planted",
            "improvised", "magnetic", "sticky"),
         _w(*forms("bomb", "explosive", "device", "ied", "vbied"))],
        [_w(*forms("ied", "vbied", "landmine", "land-mine"))],
        [_w("land"), _w(*forms("mine"))],
        # "a booby-trapped vehicle", "an explosive-laden minibus" (the tokenizer splits them)
        [_w("booby", "explosive", "explosives"), _w("-"), _w("trapped", "laden", "packed"),
         _w(*forms("vehicle", "car", "truck", "motorcycle", "motorbike", "minibus", "bus", "van",
                   "bomb", "device", "house"))],
        [_w(*forms("explosive")), _w(*forms("device"))],
        # "launched explosive charges at the police station", "threw dynamite at"
        [_w(*forms("launch", "throw", "hurl", "lob", "plant")), {"OP": "{0,2}"},
         _w("explosive", "explosives", "charges", "dynamite")],
        [_w(*forms("bomb", "explosion", "blast", "bombing", "mine", "device")), {"OP": "{0,4}"},
         _w(*forms("explode", "detonate", "go", "rip", "kill", "hit", "target", "tear", "wound"))],
        [_w(*forms("pack", "lade", "rig", "fit")), _w("with"), DET, _w("explosives")],
        [_w(*forms("blow")), _w("up")],
        [_w("unexploded"), _w(*forms("ordnance", "bomb", "shell", "munition"))],
        [_w(*forms("step", "drive", "hit")), _w("on", "over", "into", op="?"), DET,
         _w(*forms("mine", "landmine", "ied"))],
    ]),
    ("Grenade", "grenade", "remote", 75, [
        [_w(*forms("grenade", "hand-grenade"))],
    ]),
    ("Armed clash", "clash", "battle", 40, [
        [_w(*forms("clash", "fight", "fighting", "battle", "firefight", "gunfight", "skirmish",
                   "gunbattle", "shootout", "shoot-out", "counterattack", "counter-attack",
                   "counteroffensive", "counter-offensive", "offensive", "ambush", "repel",
                   "repulse"))],
        [_w("exchange", "exchanges", "exchanged", "exchanging"), _w("of", op="?"),
         _w("fire", "gunfire")],
        # "killed in an encounter with security forces" (South Asian English: a gunfight)
        [_w("encounter", "encounters"), _w("with")],
        # "troops came under fire while patrolling": someone fired on them
        [_w("come", "comes", "came", "coming"), _w("under"),
         _w("heavy", "sustained", "intense", "small-arms", "sniper", "gun", op="?"),
         _w("fire", "gunfire", "attack")],
        [_w("heavy", "fierce", "intense", "violent", "armed"),
         _w(*forms("fighting", "clash", "confrontation", "battle", "engagement"))],
        [_w(*forms("assault", "attack", "raid", "storm")), _w("on", "against", op="?"),
         {"OP": "{0,3}"},
         _w(*forms("position", "base", "checkpoint", "outpost", "post", "barrack", "garrison",
                   "convoy", "patrol", "front", "line", "stronghold", "headquarters"))],
        [_w("both"), _w("sides")],
    ]),
    ("Non-state actor overtakes territory", "territory", "territory", 85, [
        [_w(*forms("capture", "seize", "overrun", "conquer"))],
        [_w(*forms("take", "gain", "seize", "assume", "wrest")), DET, _w("full", "complete",
                                                                         op="?"),
         _w("control", "over", "swaths", "swathes")],
        [_w(*forms("take")), _w("over")],
        # "fell to the rebels", "fell into the hands of"; a unit that "fell into an ambush" lost
        # no ground
        [_w(*forms("fall")), _w("to")],
        [_w(*forms("fall")), _w("into"), _w("the", op="?"), _w("hands")],
    ]),
    # Cutting a road is a territorial gain in itself: the road is the place taken.
    ("Non-state actor overtakes territory", "road-cut", "territory", 84, [
        [_w(*forms("cut", "sever")), _w("off", op="?"), DET,
         _w("main", "key", "only", "last", "vital", "supply", "strategic", "international", op="*"),
         _w(*forms("road", "highway", "route", "artery", "motorway"))],
        [_w(*forms("cut", "sever")), DET, {"TEXT": {"REGEX": r"^[MNAEH]-?\d{1,3}$"}}],
    ]),
    ("Government regains territory", "regain", "territory", 86, [
        [_w(*forms("recapture", "retake", "regain", "liberate", "reclaim", "reconquer"))],
        # "pushed the Houthis back", "drove IS out of", "pushed back the militants": a
        # side that is "pushed back" with nothing more was repelled, a battle, not territory
        [PUSH_VERB, DET, {"OP": "{1,3}"}, _w("back", "out")],
        [PUSH_VERB, _w("back", "out"), {"POS": {"IN": ["DET", "PROPN", "NOUN", "PRON"]}}],
        [PUSH_VERB, _w("out"), _w("of")],
        [_w(*forms("expel", "oust", "dislodge", "evict"))],
        [_w(*forms("clear")), DET, _w("area", "town", "village", "city", op="?"), _w("of")],
        # "re-entered Wad Madani, which the RSF had held since 2023": back in a place lost
        [_w("re"), _w("-"), _w(*forms("enter"))],
        [_w(*forms("reenter", "re-enter"))],
    ]),
    ("Non-violent transfer of territory", "transfer", "territory", 50, [
        [_w(*forms("withdraw", "retreat", "abandon", "vacate"))],
        [_w(*forms("pull")), _w("out", "back")],
        [_w(*forms("hand", "turn")), _w("over")],
        [_w(*forms("hand", "give", "return")), DET, _w("city", "town", "village", "base",
                                                        "district", "area", "camp", "airport"),
         {"OP": "{0,3}"}, _w("back")],
        [_w(*forms("handover", "hand-over", "withdrawal", "pullout", "pull-out"))],
        [_w(*forms("change")), _w("hands")],
    ]),
    ("Attack", "attack", "civilians", 30, [
        [_w(*forms("kill", "massacre", "execute", "behead", "slaughter", "murder", "stab",
                   "hack", "torture", "lynch", "assassinate", "slay"))],
        [_w(*forms("shoot")), _w("dead")],
        [_w(*forms("gun")), _w("down")],
        [_w(*forms("open")), _w("fire")],
        [_w(*forms("attack", "raid", "assault", "storm", "target"))],
        [_w(*forms("burn")), {"OP": "{0,3}"}, _w("alive")],
        [_w(*forms("beat", "stone", "hack", "club")), {"OP": "{0,3}"}, _w("to"), _w("death")],
        [_w(*forms("stone", "flog", "whip", "behead"))],
        [_w(*forms("find", "discover")), _w("dead")],
        [_w(*forms("massacre", "execution", "killing", "assassination", "beheading"))],
    ]),
    ("Abduction/forced disappearance", "abduct", "civilians", 55, [
        [_w(*forms("abduct", "kidnap", "kidnapping", "abduction"))],
        # "Kidnappers took 25 worshippers", "Kidnappers seize churchgoers": the agent tells it
        [_w("kidnappers", "abductors"), _w(*forms("take", "seize", "grab", "snatch", "storm"))],
        [_w(*forms("take", "hold", "seize")), _w("hostage", "hostages", "captive", "captives")],
        [_w("forcibly", "forced"), _w(*forms("disappear", "disappearance"))],
        [_w(*forms("snatch"))],
        [_w(*forms("pick", "take", "whisk", "drag")), _w("away", "up", "off"), _w("by", op="?")],
        [_w(*forms("force", "bundle", "drag")), DET, ANY, ANY, _w("into"), DET, _w("car", "vehicle",
                                                                              "van", "truck")],
        [_w("held", "holding", "hold"), _w("incommunicado")],
    ]),
    ("Sexual violence", "sexual", "civilians", 65, [
        [_w(*forms("rape", "gang-rape"))],
        [_w("sexual", "sexually"), _w(*forms("violence", "assault", "abuse", "abused",
                                              "exploitation", "slavery"))],
    ]),
    ("Peaceful protest", "protest", "protest", 45, [
        [_w(*forms("protest", "protester", "protestor", "demonstrate", "demonstration",
                   "demonstrator", "rally", "march", "marcher", "sit-in", "vigil"))],
        [_w("picket", "pickets"), _w("line", "lines")],
        [_w(*forms("go", "went")), _w("on"), _w("strike")],
        [_w("general", "hunger", "nationwide", "labour", "labor"), _w("strike", "strikes")],
        [_w(*forms("take")), _w("to"), _w("the"), _w("streets")],
        [_w("sit", "sat", "sitting"), _w("-", op="?"), _w("in", "ins")],
        [_w("human"), _w("chain", "chains")],
        # "held a peaceful procession", "a protest procession": a funeral procession alone is
        # a rite, not a protest
        [_w("peaceful", "protest", "silent", "torch", "torchlight", "candlelight"),
         _w("procession", "processions")],
    ]),
    ("Violent demonstration", "riot", "riot", 58, [
        [_w(*forms("riot", "rioter", "rioting"))],
    ]),
    ("Mob violence", "mob", "riot", 57, [
        [_w(*forms("mob", "lynch", "lynching"))],
        # vigilantes searching beside the police are no mob: their justice or attack is
        [_w("vigilante"), _w("justice", "attack", "attacks", "killing", "killings", "violence")],
        [_w("communal", "ethnic", "sectarian", "inter-communal", "intercommunal"),
         _w(*forms("clash", "violence", "fighting"))],
    ]),
    ("Agreement", "agreement", "strategic", 52, [
        [_w(*forms("ceasefire", "cease-fire", "truce", "armistice", "surrender"))],
        [_w(*forms("reach", "strike", "sign", "conclude", "broker", "seal")), DET, ANY, ANY,
         _w(*forms("agreement", "deal", "pact", "settlement"), "accord", "accords")],
        # "agreed to withdraw", not "agreed to meet again": a date for talks is no agreement
        [_w(*forms("agree")), _w("to"),
         {"POS": "VERB", "LEMMA": {"NOT_IN": ["meet", "talk", "continue", "resume", "hold",
                                              "discuss", "consider", "study", "review",
                                              "reconvene", "keep", "explore"]}}],
        # "leaders of the two communities signed a resolution at the end of a peace conference"
        [_w(*forms("sign")), DET, _w("peace", "joint", "final", op="?"),
         _w(*forms("resolution", "declaration", "communique", "communiqué", "memorandum",
                   "covenant"))],
        [_w("cessation"), _w("of"), _w("hostilities")],
        [_w(*forms("swap", "exchange")), {"OP": "{0,3}"},
         _w(*forms("prisoner", "detainee", "captive", "hostage", "body"))],
        [_w("prisoner", "prisoners", "detainee", "captive", "hostage"), {"OP": "{0,2}"},
         _w(*forms("swap", "exchange"))],
        [_w(*forms("agreement"), "accord", "accords")],
        [_w("peace"), _w(*forms("deal", "agreement", "pact", "treaty"), "accord", "accords")],
        [_w("prisoner", "prisoners", "hostage", "detainee", "captive"),
         _w(*forms("exchange", "swap", "release", "deal"))],
        [_w(*forms("sign")), DET, ANY, _w(*forms("agreement", "deal", "pact"), "accord", "accords")],
    ]),
    ("Arrests", "arrest", "strategic", 35, [
        [_w(*forms("arrest", "detain", "apprehend"))],
        [_w(*forms("round")), _w("up")],
        [_w(*forms("take")), _w("into"), _w("custody")],
        [_w(*forms("detention", "crackdown"))],
    ]),
    ("Change to group/activity", "change", "strategic", 25, [
        [_w(*forms("curfew"))],
        [_w(*forms("deploy", "dispatch", "reinforce", "mobilise", "mobilize", "redeploy",
                   "reinforcement", "deployment", "mobilisation", "mobilization"))],
        [_w(*forms("send")), DET, ANY, _w(*forms("troop", "soldier", "reinforcement", "force"))],
        [_w(*forms("recruit", "recruitment", "defect", "defection", "merge", "merger", "conscript",
                   "conscription", "recruiter"))],
        [_w(*forms("join")), _w("forces")],
        [_w(*forms("announce")), DET, _w("formation", "creation", "establishment")],
        [_w("new", "joint"), _w(*forms("alliance", "coalition", "militia", "armed"))],
        [_w(*forms("form", "launch", "found", "announce", "create")), DET, _w("new", op="?"),
         _w("armed", "militant", "rebel", op="?"),
         _w(*forms("group", "militia", "alliance", "coalition", "brigade", "faction"))],
        [_w("state"), _w("of"), _w("emergency")],
        [_w(*forms("appoint", "name")), DET, _w("new", op="?"),
         _w(*forms("leader", "commander", "emir", "wali", "chief", "spokesman"))],
        [_w("breakaway", "splinter")],
        [_w(*forms("declare", "impose", "announce")), DET, _w("total", "full", op="?"),
         _w(*forms("blockade", "ban", "lockdown"))],
        [_w(*forms("order", "send", "move")), {"OP": "{0,3}"},
         _w(*forms("troop", "soldier", "tank", "unit")), _w("to")],
        [_w(*forms("split")), _w("from", "off")],
    ]),
    ("Disrupted weapons use", "disrupted", "disrupt", 92, [
        [_w(*forms("defuse", "intercept", "interception"))],
        [_w(*forms("shoot", "down", "bring")), _w("down", op="?"), DET, ANY,
         _w(*forms("drone", "missile", "rocket", "uav", "aircraft", "projectile", "plane"))],
        [_w(*forms("seize", "confiscate", "recover", "find", "discover", "uncover")), DET,
         _w("a", "large", "huge", "cache", "quantity", "of", "quantities", "haul", op="*"),
         _w(*WEAPON_NOUNS)],
        [_w(*forms("weapon", "arm", "ammunition")), _w(*forms("cache", "haul"))],
        [_w("bomb", "explosives", "ordnance"), _w("disposal")],
    ]),
    ("Headquarters or base established", "base", "strategic", 48, [
        [_w(*forms("establish", "set", "build", "open", "erect", "construct", "commission")),
         _w("up", op="?"), {"OP": "{0,4}"},
         _w(*forms("base", "headquarters", "outpost", "garrison", "barracks", "post", "camp",
                   "office", "checkpoint"))],
    ]),
    ("Looting/property destruction", "looting", "strategic", 44, [
        [_w(*forms("loot", "pillage", "plunder", "ransack", "vandalise", "vandalize", "raze",
                   "torch", "demolish"))],
        [_w(*forms("set")), _w("fire"), _w("to")],
        [_w(*forms("set")), ANY, ANY, _w("ablaze", "alight", "on")],
        [_w(*forms("burn")), _w("down")],
    ]),
    ("Other", "mass-grave", "strategic", 42, [
        [_w("mass"), _w(*forms("grave"))],
        [_w(*forms("exhume", "exhumation"))],
        [_w("unexplained", "unidentified", "mysterious"), _w(*forms("explosion", "blast"))],
        [_w(*forms("explosion", "blast", "fire")), {"OP": "{0,5}"},
         _w(*forms("depot", "arsenal", "stockpile"))],
    ]),
]


@functools.lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> Any:
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    for sub_event_type, name, family, priority, patterns in RULES:
        matcher.add(f"{sub_event_type}|{name}|{family}|{priority}", patterns)
    return matcher


#: Weapons that deliver a toxic substance.
DELIVERY_LEMMAS = {"grenade", "munition", "shell", "drone", "bomb", "rocket", "missile",
                   "canister", "projectile", "mortar", "weapon", "ammunition"}


def _weapon_in_sentence(doc: Doc, index: int) -> bool:
    return any(token.lemma_.lower() in DELIVERY_LEMMAS for token in doc[index].sent)


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every rule that fires in ``doc``, longest match per rule and position."""
    found: dict[tuple[str, int], Trigger] = {}
    for match_id, start, end in _matcher(doc.vocab)(doc):
        sub_event_type, name, family, priority = doc.vocab.strings[match_id].split("|")
        trigger = Trigger(sub_event_type, name, family, int(priority), start, end)
        key = (name, trigger.start)
        if name == "chemical-substance" and not _weapon_in_sentence(doc, start):
            continue
        if doc[end - 1].head.lemma_.lower() in ("casing", "cartridge") and \
                doc[end - 1].dep_ == "compound":
            continue  # "shell casings", "bullet casings" found at a scene: no weapon fired here

        if key not in found or trigger.end > found[key].end:
            found[key] = trigger
    return sorted(found.values(), key=lambda trigger: (trigger.start, -trigger.priority))
