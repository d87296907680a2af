"""One incident, one event: which mention groups of one document report the same incident.

``fuse`` first groups a document's mentions by ACLED's unit (sub-event type × day × place ×
initiator). Reports then describe one incident in several sentences that differ on one of these
(a region, then the village; "gunmen", then the group's name; a battle, then the town's capture),
and a coder codes it once. The rules below merge such groups; each says why.

1. **Compatible actors.** Same type, day and place: an unnamed or unidentified initiator joins the
   group that names one ("gunmen attacked…"; "JNIM said its fighters…"); in a battle the pair
   seen from the other side ("the army repelled the assault") is the same battle.
2. **Containment.** Same type and day: a mention located only at a region (admin1) joins the
   mention located at a place inside that region; the event keeps the finer place.
3. **Facets of one incident.** Same day and place, compatible actors: the more specific
   sub-event type absorbs the generic facet of the same incident (table ``ABSORBS``): the capture
   of a town absorbs the battle for it (ACLED codes the territory change with the battle's deaths),
   the strikes and shelling of that fighting and the weapons its victors seized; a battle absorbs
   the weapons seized in it and the devices and grenades used in it, and an arrest raid the
   weapons it found; a riot absorbs the police's dispersal and the shooting of its crowd; a
   shooting of protesters absorbs the police's "attack" on them; a chemical attack absorbs the
   air strike, shell, grenade or device that delivered it; a suicide bombing, a mob killing or a
   strike absorbs the plain "killed"; an attack, a battle, a strike or a bombing absorbs the
   burning, looting and destruction of the same incident; an abduction in a raid that killed no
   one absorbs the raid. An abduction joins a raid that killed people (DOMAIN.md). A group's
   claim never absorbs a reported event (rule 4 joins the claim to it). A strike or shelling
   absorbs the "battle" its own side tells by what it targeted ("the military said it had
   targeted PDF terrorists"); a battle absorbs the raid that became it (an "attack" with no
   civilian target).
4. **Claims of responsibility.** "JNIM claimed the attack": a group of only claimed violent
   mentions (of any type: "said its fighters had targeted soldiers") on the day and at the place
   of a reported violent event is the claim of that event (the claimant named as its initiator
   when the report names none), not an event of its own.
5. **Withdrawal ends a battle.** "… before the militants withdrew": no handover of territory.
6. **Remote violence in a battle** (ACLED's rule): an air/drone strike or shelling on the day and
   at the place of an armed clash, whose target is one of the clash's actors (or unnamed), is
   part of that battle: its initiator becomes an associated actor of the side it fought for.
7. **Summaries.** "Air strikes killed five civilians this week", then each strike on its day: a
   mention told only over a period (a week, a month) is the summary of the mentions of its type
   dated to a day inside that period, in the same country, and no event of its own (its count is
   the sum of theirs, not another incident's). Applied before grouping.
8. **Force against a protest.** "Police opened fire on a procession ... witnesses said the march
   had been peaceful": state forces' attack on the day and at the place of a protest is the
   force used against that protest (ACLED's Excessive force against protesters), which then
   absorbs the protest (rule 3). Applied before grouping.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from frontwatch.extract.taxonomy import lookup
from frontwatch.records import ActorRef, Mention, PlaceRef
from frontwatch.resolve.gazetteer import FEATURE_SPECIFICITY, haversine_km

__all__ = [
    "ABSORBS",
    "FOLDED_TYPES",
    "GroupKey",
    "MentionGroup",
    "force_against_protests",
    "is_unidentified",
    "merge_incidents",
    "without_summaries",
]

GroupKey = tuple[str, dt.date | None, str, str]
FOLDED_TYPES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
DESTRUCTION = "Looting/property destruction"

#: specific sub-event type → the generic facets of the same incident it absorbs.
ABSORBS: dict[str, frozenset[str]] = {
    **{taken: frozenset({"Armed clash", "Non-violent transfer of territory", "Disrupted weapons use",
                         DESTRUCTION, *FOLDED_TYPES}) for taken in TERRITORY},
    # the devices and grenades the two sides used in the fighting ("came under fire from
    # gunmen and explosive devices") are the battle's
    "Armed clash": frozenset({"Non-violent transfer of territory", "Disrupted weapons use",
                              "Remote explosive/landmine/IED", "Grenade", DESTRUCTION}),
    "Arrests": frozenset({"Disrupted weapons use"}),
    # "five people were shot dead outside parliament": the shooting of the riot's crowd
    "Violent demonstration": frozenset({"Protest with intervention", "Peaceful protest",
                                        "Excessive force against protesters", "Attack",
                                        DESTRUCTION}),
    "Mob violence": frozenset({"Attack", "Violent demonstration", "Protest with intervention",
                               DESTRUCTION}),
    # "police opened fire on the march ... witnesses said the march had been peaceful": the
    # march the police shot at and their dispersal of it are the one event
    "Excessive force against protesters": frozenset({"Attack", "Arrests", "Peaceful protest",
                                                     "Protest with intervention"}),
    # "fired tear gas to disperse the march ... arrested 40": the arrests are the intervention;
    # "hundreds marched ... police fired tear gas to break up the crowd": the march it met
    "Protest with intervention": frozenset({"Arrests", "Peaceful protest"}),
    "Chemical weapon": frozenset({"Air/drone strike", "Shelling/artillery/missile attack",
                                  "Grenade", "Remote explosive/landmine/IED", "Attack",
                                  DESTRUCTION}),
    "Suicide bomb": frozenset({"Air/drone strike", "Remote explosive/landmine/IED", "Grenade",
                               "Attack", DESTRUCTION}),
    # what a strike, a shell or a bomb destroyed ("one vehicle was destroyed") is its damage,
    # not a second event: ACLED codes property destruction only when nothing else happened
    "Air/drone strike": frozenset({"Attack", DESTRUCTION}),
    "Shelling/artillery/missile attack": frozenset({"Attack", DESTRUCTION}),
    "Remote explosive/landmine/IED": frozenset({"Attack", DESTRUCTION}),
    "Grenade": frozenset({"Attack", DESTRUCTION}),
    "Attack": frozenset({DESTRUCTION}),
}


#: Political violence a group may claim (rule 4).
VIOLENT_TYPES = frozenset({
    "Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Chemical weapon",
    "Abduction/forced disappearance", "Sexual violence"})


@dataclass
class MentionGroup:
    """Mentions fused into one event, and actors of strikes folded into it."""

    mentions: list[Mention] = field(default_factory=list)
    folded_actors1: list[str] = field(default_factory=list)
    folded_actors2: list[str] = field(default_factory=list)

    @property
    def place(self) -> PlaceRef | None:
        return next((m.place for m in self.mentions if m.place is not None), None)

    @property
    def fatalities(self) -> int:
        return max((m.fatalities for m in self.mentions), default=0)

    def actors(self, role: int) -> list[ActorRef]:
        refs = (m.actor1 if role == 1 else m.actor2 for m in self.mentions)
        return [ref for ref in refs if ref is not None]


def is_unidentified(actor: ActorRef) -> bool:
    """"Unidentified Armed Group (X)": the report does not name who did it."""
    return actor.name.startswith("Unidentified Armed Group")


def _named(actors: list[ActorRef]) -> set[str]:
    return {actor.name for actor in actors if not is_unidentified(actor)}


def _actors_compatible(a: MentionGroup, b: MentionGroup, symmetric: bool) -> bool:
    """No two different named initiators (in a battle: no named actor outside the other pair)."""
    first_a, first_b = _named(a.actors(1)), _named(b.actors(1))
    if not first_a or not first_b or first_a & first_b:
        return True
    if symmetric:  # a battle seen from either side: the two share a belligerent
        return bool((first_a | _named(a.actors(2))) & (first_b | _named(b.actors(2))))
    return False


#: Two places this close, one of them part of a town (a district, an airport), are one town's
#: for an incident: "clashes erupted in the Souq al-Juma district" and "fighters exchanged fire
#: near Mitiga airport" tell one battle in Tripoli.
SAME_TOWN_KM = 10.0


def _same_place(a: PlaceRef | None, b: PlaceRef | None) -> bool:
    if a is None or b is None:
        return a is b
    if (a.gazetteer_id or a.text) == (b.gazetteer_id or b.text):
        return True
    if a.gazetteer_id and b.gazetteer_id and "@" in a.gazetteer_id + b.gazetteer_id and \
            a.gazetteer_id.split("@")[0] == b.gazetteer_id.split("@")[0]:
        return True  # "15 km west of Shwebo" and "in Shwebo Township": one incident's place
    return _parts_of_one_town(a, b)


def _parts_of_one_town(a: PlaceRef, b: PlaceRef) -> bool:
    if not (a.resolved and b.resolved) or a.country_code != b.country_code:
        return False
    if FEATURE_SPECIFICITY.get(a.feature or "", 1) != 0 and \
            FEATURE_SPECIFICITY.get(b.feature or "", 1) != 0:
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= SAME_TOWN_KM  # type: ignore[arg-type]


def _contains(region: PlaceRef | None, place: PlaceRef | None) -> bool:
    """``region`` is the admin1 area ``place`` lies in."""
    if region is None or place is None or region.feature != "admin1" or place.feature == "admin1":
        return False
    return bool(region.admin1) and region.admin1 == place.admin1 and \
        region.country_code == place.country_code


def _join(groups: dict[GroupKey, MentionGroup], into: GroupKey, key: GroupKey) -> None:
    target, source = groups[into], groups.pop(key)
    target.mentions.extend(source.mentions)
    target.folded_actors1.extend(source.folded_actors1)
    target.folded_actors2.extend(source.folded_actors2)


def _merge_pass(groups: dict[GroupKey, MentionGroup], joins) -> bool:  # type: ignore[no-untyped-def]
    """Join the first pair ``joins(key_a, key_b)`` accepts; True when one was joined."""
    keys = list(groups)
    for into in keys:
        for key in keys:
            if into != key and joins(into, key):
                _join(groups, into, key)
                return True
    return False


def _same_incident(groups: dict[GroupKey, MentionGroup], into: GroupKey, key: GroupKey) -> bool:
    """Rules 1 and 2: the same type and day, one place (or its region), compatible actors."""
    if into[:2] != key[:2]:
        return False
    a, b = groups[into], groups[key]
    if not (_same_place(a.place, b.place) or _contains(b.place, a.place)):
        return False
    if _same_place(a.place, b.place) and not _named(a.actors(1)) and _named(b.actors(1)):
        return False  # the named group is the one to keep (it is visited as ``into``)
    return _actors_compatible(a, b, symmetric=into[0] == "Armed clash")


def _only_claimed(group: MentionGroup) -> bool:
    return all(mention.certainty == "claimed" for mention in group.mentions)


def _only_targeting(group: MentionGroup) -> bool:
    """"the military said it had targeted PDF terrorists": what a strike was aimed at, told by
    its side, not a battle of its own."""
    return all(mention.trigger.text.lower().startswith("target") for mention in group.mentions)


def _absorbs(groups: dict[GroupKey, MentionGroup], into: GroupKey, key: GroupKey) -> bool:
    """Rule 3: a facet of the same incident, same day and place."""
    if into[1] != key[1]:
        return False
    if into[0] in FOLDED_TYPES and key[0] == "Armed clash" and _only_targeting(groups[key]):
        a, b = groups[into], groups[key]
        return (_same_place(a.place, b.place) or _contains(b.place, a.place)) and \
            _actors_compatible(a, b, symmetric=False)
    if into[0] == "Armed clash" and key[0] == "Attack" and \
            not any(actor.inter == 7 for actor in groups[key].actors(2)):
        # "Israeli forces raided the camp ... gunmen opened fire on the troops": the raid that
        # became a firefight, no attack on civilians of its own
        a, b = groups[into], groups[key]
        return _same_place(a.place, b.place) and _actors_compatible(a, b, symmetric=True)
    if key[0] not in ABSORBS.get(into[0], ()):
        return False
    a, b = groups[into], groups[key]
    if not (_same_place(a.place, b.place) or _contains(b.place, a.place)):
        return False
    if _only_claimed(a) and not _only_claimed(b) and key[0] in VIOLENT_TYPES:
        return False  # a group's claim is of the reported attack (rule 4), never absorbs it
    if into[0] in ("Mob violence", "Violent demonstration", "Protest with intervention",
                   "Excessive force against protesters") and \
            all(actor.inter in (1, 5, 6) for actor in b.actors(1)):
        # the police who tell of (or came to) a lynching did not do the killing; the police who
        # arrested marchers intervened in the protest; the crowd is the protest itself
        return True
    return _actors_compatible(a, b, symmetric=True)


def _raid_was_abduction(groups: dict[GroupKey, MentionGroup], into: GroupKey,
                        key: GroupKey) -> bool:
    """An abduction and a raid of the same day and place: the raid that killed no one is the
    abduction; one that killed people is an Attack the abduction joins."""
    if into[1] != key[1] or {into[0], key[0]} != {"Attack", "Abduction/forced disappearance"}:
        return False
    attack = groups[into] if into[0] == "Attack" else groups[key]
    if not _same_place(groups[into].place, groups[key].place):
        return False
    keep_attack = attack.fatalities > 0
    return (into[0] == "Attack") == keep_attack and \
        _actors_compatible(groups[into], groups[key], symmetric=False)


def _date_inherited(mention: Mention) -> bool:
    """The mention's day was not told in its sentence (it came from the paragraph, the lead or
    the filing date)."""
    ref = mention.date
    return ref is None or not (mention.evidence.start <= ref.start < mention.evidence.end)


#: How many days after an event a claim of it without a day of its own may come.
CLAIM_DAYS = 7


def _claims(groups: dict[GroupKey, MentionGroup], into: GroupKey, key: GroupKey) -> bool:
    """Rule 4. A claim whose day was not told (only its telling's) is the claim of the same
    place's earlier reported event: "the ELN's communique claiming its fighters killed ten
    soldiers in Tibu", two days after the battle there."""
    claim = groups[key]
    later_undated = into[1] is not None and key[1] is not None and into[1] < key[1] and \
        (key[1] - into[1]).days <= CLAIM_DAYS and \
        all(_date_inherited(m) for m in claim.mentions)
    if (into[1] != key[1] and not later_undated) or \
            lookup(into[0]).disorder_type != "Political violence" or \
            lookup(key[0]).disorder_type != "Political violence" or \
            any(m.certainty != "claimed" for m in claim.mentions) or \
            any(m.certainty == "claimed" for m in groups[into].mentions):
        return False
    # "Al Shabaab said its fighters had targeted soldiers": a group's own account of the
    # grenade attack reported that day at that place, whatever type its words suggest
    return _same_place(groups[into].place, claim.place)


def _side(battle: MentionGroup, strike: Mention) -> int:
    """Which side of the battle a folded strike fought for: 2 when it hit the battle's initiator,
    or, target unnamed, when it was flown by a state and the initiator is not one."""
    initiator = next(iter(battle.actors(1)), None)
    if initiator is None:
        return 1
    if strike.actor2 is not None:
        return 2 if strike.actor2.name == initiator.name else 1
    striker = strike.actor1
    return 2 if striker is not None and striker.inter == 1 and initiator.inter != 1 else 1


def _fold_strikes_into_battles(groups: dict[GroupKey, MentionGroup]) -> None:
    """Rule 5."""
    battles = {(key[1], key[2]): group for key, group in groups.items() if key[0] == "Armed clash"}
    for key in [key for key in groups if key[0] in FOLDED_TYPES]:
        battle = battles.get((key[1], key[2]))
        if battle is None:
            continue
        strike = groups[key]
        sides = {a.name for a in battle.actors(1)} | {a.name for a in battle.actors(2)}
        # "pounded the attackers": an unidentified target is the battle's other side
        targets = {a.name for a in strike.actors(2) if not is_unidentified(a)}
        if targets and not targets & sides:
            continue
        battle.mentions.extend(strike.mentions)
        for mention in strike.mentions:
            names = [ref.name for ref in (mention.actor1, *mention.assoc_actors1) if ref]
            side = _side(battle, mention)
            (battle.folded_actors2 if side == 2 else battle.folded_actors1).extend(names)
        del groups[key]


def _period(mention: Mention) -> tuple[dt.date, dt.date] | None:
    """The period a mention is told over, when it is dated only by a period."""
    ref = mention.date
    if ref is None or ref.time_precision < 2 or ref.date_end is None:
        return None
    return ref.date, ref.date_end


def _country(mention: Mention) -> str | None:
    return mention.place.country_code if mention.place is not None else None


def without_summaries(mentions: list[Mention]) -> list[Mention]:
    """Rule 7: the mentions that are not summaries of others."""
    days = [(m.sub_event_type, m.date.date, _country(m)) for m in mentions
            if m.date is not None and _period(m) is None]

    def sums_others(mention: Mention) -> bool:
        period = _period(mention)
        country = _country(mention)
        return period is not None and any(
            kind == mention.sub_event_type and period[0] <= day <= period[1] and
            (country is None or other in (None, country)) for kind, day, other in days)

    return [mention for mention in mentions if not sums_others(mention)]


PROTESTS = frozenset({"Peaceful protest", "Protest with intervention"})


def force_against_protests(mentions: list[Mention]) -> list[Mention]:
    """Rule 8: state forces' attacks where and when a protest was told, retyped."""
    protests = {(m.date.date, m.place.gazetteer_id) for m in mentions
                if m.sub_event_type in PROTESTS and m.date is not None and m.place is not None}

    def at_a_protest(mention: Mention) -> bool:
        return mention.sub_event_type == "Attack" and mention.actor1 is not None and \
            mention.actor1.inter == 1 and mention.date is not None and \
            mention.place is not None and \
            (mention.date.date, mention.place.gazetteer_id) in protests

    return [dataclasses.replace(m, sub_event_type="Excessive force against protesters")
            if at_a_protest(m) else m for m in mentions]


def merge_incidents(groups: dict[GroupKey, MentionGroup], fold_remote_into_battles: bool = True
                    ) -> None:
    """Apply the module's rules to one document's groups, in place."""
    for joins in (_same_incident, _raid_was_abduction, _absorbs, _claims):
        while _merge_pass(groups, lambda into, key, joins=joins: joins(groups, into, key)):
            pass
    if fold_remote_into_battles:
        _fold_strikes_into_battles(groups)
