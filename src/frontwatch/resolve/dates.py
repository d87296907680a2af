"""Dates: date expressions resolved against the publication date, with ACLED time precision.

Handled: weekdays ("on Monday", "last Friday", "Sunday night"), today/yesterday/last night,
"this week"/"last week"/"last weekend" (ACLED's week runs Saturday to Friday; a week is coded to its
middle with time_precision 2), "this month"/"last month"/"last August"/"in August" (precision 3), month-day
dates with or without a year, ISO dates, bare years ("in 2014", "the summer of 2014"), and
"since <date>" (a range from that date to publication). Durations ("for more than two years",
"hourly") are not dates.

Background (no event is coded from it; the text recalls, it does not report):
- a date ending more than :data:`BACKGROUND_DAYS` before publication;
- a month-precision date of an earlier month ("last month", "in August"): a report gives the day
  of the news it breaks; an event it places only in an earlier month was news then (our gold's
  convention, followed by both annotators);
- the filing date of a report's header ("Situation update, 14 November 2024"; "ADEN, Yemen,
  May 17 (AFP) -"): the publication date, never an event's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontwatch.records import DateRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["BACKGROUND_DAYS", "STAGE", "acled_week", "resolve_date_text", "resolve_dates"]

STAGE = "resolve.dates/0.1"
#: Events ending this many days before publication are history, not news (checked on our gold set).
BACKGROUND_DAYS = 45
WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I)
DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I)
YEAR = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")
DURATION = re.compile(r"^(?:for\s+)?(?:more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+)?(?:a|an|one|two|three|four|five|six|several|many|\d+)?\s*(?:hours?|days?|weeks?|months?|years?|decades?)(?:\s+(?:ago|earlier|later))?$|hourly|daily|weekly|decades?|years$", re.I)


@dataclass(frozen=True, slots=True)
class _Resolved:
    date: dt.date
    date_end: dt.date | None
    precision: int


def acled_week(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Saturday–Friday week that contains ``day``."""
    start = day - dt.timedelta(days=(day.weekday() - 5) % 7)
    return start, start + dt.timedelta(days=6)


def _week(start: dt.date, end: dt.date) -> _Resolved:
    return _Resolved(start + (end - start) / 2, end, 2)


def _month(year: int, month: int, text: str) -> _Resolved:
    last = calendar.monthrange(year, month)[1]
    first, final = dt.date(year, month, 1), dt.date(year, month, last)
    if "early" in text:
        return _Resolved(first, dt.date(year, month, 10), 3)
    if "late" in text:
        return _Resolved(dt.date(year, month, 21), final, 3)
    return _Resolved(dt.date(year, month, 15), final, 3)


def _latest_month(month: int, published: dt.date, text: str) -> _Resolved:
    """"last August", "in August": the latest such month before publication ("last" never means
    the publication month itself)."""
    year = published.year if month < published.month or (
        month == published.month and "last" not in text) else published.year - 1
    resolved = _month(year, month, text)
    # "in February", published on 13 February: the month so far
    return _Resolved(min(resolved.date, published),
                     min(resolved.date_end or resolved.date, published), 3)


def _previous_weekday(published: dt.date, weekday: int, strictly_before: bool) -> dt.date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)


def _with_year(month: int, day: int, year: str | None, published: dt.date) -> dt.date | None:
    candidate_year = int(year) if year else published.year
    try:
        date = dt.date(candidate_year, month, day)
    except ValueError:
        return None
    if not year and date > published + dt.timedelta(days=7):
        date = date.replace(year=candidate_year - 1)
    return date


def _relative(text: str, published: dt.date) -> _Resolved | None:
    if re.search(r"\b(today|this (morning|afternoon|evening)|tonight)\b", text):
        return _Resolved(published, None, 1)
    if "day before yesterday" in text:
        return _Resolved(published - dt.timedelta(days=2), None, 1)
    if re.search(r"\b(yesterday|last night|overnight)\b", text):
        return _Resolved(published - dt.timedelta(days=1), None, 1)
    explicit = bool(DAY_MONTH.search(text) or MONTH_DAY.search(text))
    for name, index in WEEKDAYS.items():
        if explicit:
            break  # "Monday 17 January": the day and month say which Monday
        if re.search(rf"\b{name}s?\b", text):
            strictly = bool(re.search(r"\blast\b", text))
            day = _previous_weekday(published, index, strictly)
            if re.search(r"\b(last|previous)\s+week\b", text) and not strictly:
                day = _previous_weekday(published, index, True)
                if day > published - dt.timedelta(days=published.weekday() + 1):
                    day -= dt.timedelta(days=7)
            return _Resolved(day, None, 1)
    if re.search(r"\b(last|past|previous)\s+weekend\b", text) or text.strip() == "the weekend":
        saturday = _previous_weekday(published, 5, True)
        return _Resolved(saturday, saturday + dt.timedelta(days=1), 2)
    if re.search(r"\b(last|previous)\s+week\b", text):
        start, end = acled_week(published - dt.timedelta(days=7))
        return _week(start, end)
    if re.search(r"\b(this|earlier this)\s+week\b", text):
        start, _ = acled_week(published)
        return _week(start, published)
    if re.search(r"\b(last|previous)\s+month\b", text):
        previous = published.replace(day=1) - dt.timedelta(days=1)
        return _month(previous.year, previous.month, text)
    named = re.fullmatch(rf"(?:(?:last|this past|in|during|early|late|mid-?)\s*)?(?:in\s+)?{_MONTH}",
                         text.strip())
    if named:
        return _latest_month(MONTHS[named.group("month").lower()[:3]], published, text)
    if re.search(r"\bthis month\b", text):
        resolved = _month(published.year, published.month, text)
        # the month so far: "earlier this month", published on the 13th, is no later date
        return _Resolved(min(resolved.date, published),
                         min(resolved.date_end or resolved.date, published), 3)
    if re.search(r"\blast\s+year\b", text):
        return _Resolved(dt.date(published.year - 1, 7, 1), dt.date(published.year - 1, 12, 31), 3)
    return None


def _pluperfect_relative(entity: Span) -> bool:
    """The date belongs to a relative clause in the past perfect, which tells what had happened
    before the news ("a counter-offensive on the town, which government forces had taken on 8
    May"): the news's own event is not of that day."""
    for ancestor in entity.root.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor.dep_ == "relcl" and ancestor.tag_ == "VBN" and any(
                child.lower_ == "had" for child in ancestor.children)
    return False


def _recalled(entity: Span) -> bool:
    """"Earlier this month, gunmen abducted 130 pupils": a month's event told without its day,
    as what came before the news, is background (the report of its own week dates it)."""
    before = entity.doc[entity.start - 1].lower_ if entity.start > 0 else ""
    text = entity.text.lower()
    return bool(re.fullmatch(r"(?:earlier\s+)?this\s+(?:month|year)", text)) and (
        text.startswith("earlier") or before == "earlier")


MAX_RANGE_DAYS = 3
#: "8–10 January", "between 8 and 10 January", "from 8 to 10 Jan 2025": days of one month.
DAY_RANGE = re.compile(rf"\b(?P<first>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-–]|to|and|until)\s*"
                       rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
                       rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I)


def _day_range(text: str, published: dt.date) -> _Resolved | None:
    match = DAY_RANGE.search(text)
    if match is None:
        return None
    month = MONTHS.get(match.group("month").lower()[:3])
    last = _with_year(month, int(match.group("day")), match.group("year"), published) \
        if month else None
    first_day = int(match.group("first"))
    if last is None or not 1 <= first_day < last.day or last.day - first_day > MAX_RANGE_DAYS:
        return None  # "Period 19-25 June": a report's week, not an event's days
    first = last.replace(day=first_day)
    return _Resolved(first, last, 1 if (last - first).days <= 1 else 2)


def _absolute(text: str, published: dt.date) -> _Resolved | None:
    ranged = _day_range(text, published)
    if ranged is not None:
        return ranged
    for pattern in (ISO_DATE, MONTH_DAY, DAY_MONTH):
        match = pattern.search(text)
        if match:
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower()[:4].rstrip(".")) or MONTHS.get(month_text.lower()[:3])
            if month:
                date = _with_year(month, int(match.group("day")), match.group("year"), published)
                if date:
                    return _Resolved(date, None, 1)
    match = MONTH_YEAR.search(text)
    if match:
        month = MONTHS.get(match.group("month").lower()[:3])
        if month:
            return _month(int(match.group("year")), month, text)
    match = YEAR.search(text)
    if match:
        year = int(match.group("year"))
        return _Resolved(dt.date(year, 7, 1), dt.date(year, 12, 31), 3)
    return None


#: "two days ago": a day counted back from the publication date (a week or more is no day).
DAYS_AGO = re.compile(r"(?P<count>a|one|two|three|four|five|six|[1-6])\s+days?\s+ago")
SMALL_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def resolve_date_text(text: str, published: dt.date) -> tuple[dt.date, dt.date | None, int] | None:
    """(date, end, time_precision) for a date expression, or None when it is no date."""
    lowered = text.lower().strip()
    ago = DAYS_AGO.fullmatch(lowered)
    if ago:
        count = ago.group("count")
        days = int(count) if count.isdigit() else SMALL_COUNTS[count]
        return published - dt.timedelta(days=days), None, 1
    if DURATION.search(lowered):
        return None
    resolved = _relative(lowered, published) or _absolute(lowered, published)
    if resolved is None:
        return None
    return resolved.date, resolved.date_end, resolved.precision


HABITUAL = re.compile(r"\b(?:months|years|decades|a year|a decade|\d+ years)\b", re.I)


def _habitual(entity: Span, doc_id: str, published: dt.date) -> DateRef | None:
    """"for more than two years", "over the past months": a long duration marks habitual
    background (what has been going on), recorded as a background date so the sentence's
    mentions are not coded as new events."""
    before = entity.doc[max(entity.sent.start, entity.start - 3):entity.start].text.lower()
    text = entity.text.lower()
    if not HABITUAL.search(text):
        return None
    if not (re.search(r"\b(?:for|over|in)\b", before) or text.startswith(("for ", "over "))):
        return None
    return DateRef(doc_id=doc_id, text=entity.text, start=entity.start_char, end=entity.end_char,
                   date=published - dt.timedelta(days=365), date_end=None, time_precision=3,
                   is_background=True, stage=STAGE)


SAY_VERBS = {"say", "tell", "announce", "confirm", "report", "state", "add", "claim", "deny",
             "publish", "release", "issue", "tweet", "post", "write", "warn", "accuse"}


STATEMENT_NOUNS = {"statement", "speech", "interview", "briefing", "address", "conference",
                   "broadcast", "communique", "communiqué", "post", "video"}


# "JNIM claimed an ambush near Djibo on Thursday": the verb's object introduces the event, and the
# date is most likely the event's. "IS claimed the killings on Wednesday" tells of an event already
# reported: the date is the claim's.
OBJECT_REPORT_VERBS = {"claim", "confirm", "report", "deny"}
NOT_EVENT_OBJECTS = {"responsibility", "credit", "statement", "report", "that"}


def _names_the_event(verb: Token) -> bool:
    return verb.lemma_.lower() in OBJECT_REPORT_VERBS and any(
        child.dep_ == "dobj" and child.lemma_.lower() not in NOT_EVENT_OBJECTS and
        child.pos_ == "NOUN" and any(det.lower_ in ("a", "an") for det in child.children)
        for child in verb.children)


def _told_after(verb: Token, date: Span) -> bool:
    """"… pulled out of their camp in Dire on Sunday, local officials told AFP": the speaker and
    the telling both come after the date, which the parser often hangs on the speech verb; in
    reading order the date closes the reported event."""
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    return verb.i > date.end and bool(subjects) and all(s.i > date.end for s in subjects)


def _is_statement(span: Span) -> bool:
    """"police said on Tuesday", "in a statement (a speech, a briefing) on Tuesday": the date
    of the telling."""
    token = span.root
    for _ in range(3):
        if token.head is token:
            return False
        token = token.head
        if token.lemma_.lower() in SAY_VERBS or token.lower_ in STATEMENT_NOUNS:
            return not _names_the_event(token) and not _told_after(token, span) and \
                not _telling_dated_otherwise(token, span)
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("pcomp",):
            return False
    return False


#: "The following day", "a day earlier", "later that day": a day counted from the event date
#: told before it.
DAY_AFTER = re.compile(r"(?:the\s+)?(?:following|next)\s+day|a\s+day\s+later|the\s+day\s+after")
DAY_BEFORE = re.compile(r"(?:the\s+)?previous\s+day|a\s+day\s+earlier|the\s+day\s+before")
SAME_DAY = re.compile(r"(?:the\s+same|that\s+same|later\s+that|earlier\s+that)\s+day")
COUNTED_DAY = re.compile(
    rf"\b(?:{DAY_AFTER.pattern}|{DAY_BEFORE.pattern}|{SAME_DAY.pattern})\b", re.I)


def _days_counted(phrase: str) -> int:
    if DAY_AFTER.fullmatch(phrase):
        return 1
    return 0 if SAME_DAY.fullmatch(phrase) else -1


def _with_counted_days(text: str, doc_id: str, refs: list[DateRef]) -> list[DateRef]:
    """``refs`` and the days counted from the event date told before them ("The following day,
    soldiers entered the village"), which the tagger does not mark as dates."""
    matches = list(COUNTED_DAY.finditer(text))
    if not matches:
        return refs
    out = sorted(refs, key=lambda ref: ref.start)
    for match in matches:
        step = _days_counted(match.group(0).lower())
        last = next((ref for ref in reversed(out) if ref.start < match.start() and
                     ref.time_precision == 1 and not ref.is_statement and not ref.is_background),
                    None)
        if last is not None and not any(ref.start <= match.start() < ref.end for ref in out):
            out.append(DateRef(doc_id=doc_id, text=match.group(0), start=match.start(),
                               end=match.end(), date=last.date + dt.timedelta(days=step),
                               time_precision=1, stage=STAGE))
            out.sort(key=lambda ref: ref.start)
    return out


def _telling_dated_otherwise(verb: Token, span: Span) -> bool:
    """"... on Wednesday, a brigade said on Friday": the telling has its own date, so the other
    one is the event's."""
    if span.start > verb.i:
        return False  # "said on Friday": this is the telling's own date
    return any(entity.label_ == "DATE" and verb.i < entity.start <= verb.i + 3
               for entity in verb.doc.ents)


def _with_day(entity: Span) -> str:
    """"10 February" that the tagger cut to "February": the day before it belongs to it."""
    before = entity.doc[entity.start - 1] if entity.start > entity.sent.start else None
    if before is not None and re.fullmatch(r"\d{1,2}", before.text) and \
            re.fullmatch(_MONTH, entity.text.strip(), re.I):
        return f"{before.text} {entity.text}"
    return entity.text


#: Weekly rites a weekday names ("Friday prayers", "Sunday mass").
RITES = {"prayer", "prayers", "sermon", "mass", "service", "worship"}

#: A header or dateline sits in a report's first characters.
HEADER_CHARS = 120


def _is_header_date(entity: Span, date: dt.date, published: dt.date) -> bool:
    """"Situation update, 14 November 2024": a written-out date of the publication day at the
    top of the report is its filing date (an event of that day keeps it: it is the fallback)."""
    written = any(pattern.search(entity.text) for pattern in (ISO_DATE, MONTH_DAY, DAY_MONTH))
    return entity.start_char < HEADER_CHARS and date == published and written


def _is_since(span: Span) -> bool:
    """"since Friday", "since early March": the range runs from the day to publication ("who
    had held it since December raped four women between 8 and 10 January" is no such range for
    the later days)."""
    if span.text.lower().startswith("since"):
        return True
    index = span.start - 1
    while index >= max(span.sent.start, span.start - 4) and \
            span.doc[index].lower_ in _SINCE_MODIFIERS:
        index -= 1
    return index >= span.sent.start and span.doc[index].lower_ == "since"


_SINCE_MODIFIERS = {"early", "late", "mid", "mid-", "the", "last", "ever", "at", "least",
                    "as", "far", "back", "-"}


def resolve_dates(doc: Doc, doc_id: str, published: dt.date | None) -> list[DateRef]:
    """Every DATE entity of ``doc`` that resolves, with background and "since" ranges marked."""
    if published is None:
        return []
    from frontwatch.resolve.places import find_datelines

    datelines = find_datelines(doc.text, whole=True)
    refs: list[DateRef] = []
    for entity in doc.ents:
        if entity.label_ not in ("DATE", "TIME"):
            continue
        if any(start <= entity.start_char < end for start, end in datelines):
            continue  # "IMPHAL, Jan 20 -": the filing date, not an event's
        if entity.end < len(doc) and doc[entity.end].lemma_.lower() in RITES and any(
                other.label_ == "DATE" and other.start != entity.start and
                not _is_statement(other) and
                not any(start <= other.start_char < end for start, end in datelines)
                for other in entity.sent.ents):
            # "In March, gunmen killed 44 during Friday prayers": the kind of gathering ("during
            # Sunday service ..., a church official said on Tuesday": the day)
            continue
        if _pluperfect_relative(entity):
            continue  # "the town, which troops had taken on 8 May": an earlier event's day
        resolved = resolve_date_text(_with_day(entity), published)
        if resolved is not None and _is_header_date(entity, resolved[0], published):
            continue
        if resolved is None:
            habitual = _habitual(entity, doc_id, published)
            if habitual is not None:
                refs.append(habitual)
            continue
        date, end, precision = resolved
        if date > published:
            continue  # a future date is a plan or a deadline, not an event
        cutoff = published - dt.timedelta(days=BACKGROUND_DAYS)
        if _is_since(entity):
            # "since 2014" recalls a long-running state of affairs; "since Friday" is news.
            background = date < cutoff
            end = published
            precision = 2 if (published - date).days <= 7 else 3
        else:
            background = (end or date) < cutoff or (
                precision == 3 and (end or date) < published.replace(day=1)) or _recalled(entity)
        refs.append(DateRef(doc_id=doc_id, text=entity.text, start=entity.start_char,
                            end=entity.end_char, date=date, date_end=end,
                            time_precision=precision, is_background=background,
                            is_statement=_is_statement(entity), stage=STAGE))
    refs += _untagged_dates(doc, doc_id, published, refs, datelines)
    refs += _numeric_dates(doc.text, doc_id, published, refs)
    refs += _heading_weekdays(doc.text, doc_id, published, refs, datelines)
    return _with_counted_days(doc.text, doc_id, refs)


#: "| 03/05 | Ouham-Pende | ...", "- 07.05.2022: ...": a day in figures, as a table's first
#: cell or a list item's head (elsewhere "3/5" may be a score or a fraction).
NUMERIC_DATE = re.compile(r"(?:^|(?<=\n)|(?<=\|))[ \t]*(?:[-•*][ \t]*)?"
                          r"(?P<date>(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?P<year>(?:19|20)?\d\d))?)"
                          r"(?=[ \t]*(?:\||:|,|[-–]\s))")


def _numeric_day(first: int, second: int, year: str | None, published: dt.date) -> dt.date | None:
    """The day "first/second" means: day/month or month/day, whichever is a real day no later
    than publication and nearest to it (a weekly table's "03/05" of 9 May is 3 May)."""
    options = []
    for day, month in ((first, second), (second, first)):
        if year:
            years = [int(year) + (2000 if len(year) == 2 else 0)]
        else:
            years = [published.year, published.year - 1]
        for candidate_year in years:
            try:
                day_date = dt.date(candidate_year, month, day)
            except ValueError:
                continue
            if day_date <= published:
                options.append(day_date)
                break
    return max(options) if options else None


def _numeric_dates(text: str, doc_id: str, published: dt.date, refs: list[DateRef]
                   ) -> list[DateRef]:
    found = []
    for match in NUMERIC_DATE.finditer(text):
        start, end = match.span("date")
        if any(ref.start < end and start < ref.end for ref in refs):
            continue
        date = _numeric_day(int(match.group("a")), int(match.group("b")), match.group("year"),
                            published)
        if date is None:
            continue
        found.append(DateRef(doc_id=doc_id, text=match.group("date"), start=start, end=end,
                             date=date, time_precision=1,
                             is_background=date < published - dt.timedelta(days=BACKGROUND_DAYS),
                             stage=STAGE))
    return found


def _untagged_dates(doc: Doc, doc_id: str, published: dt.date, refs: list[DateRef],
                    datelines: list[tuple[int, int]]) -> list[DateRef]:
    """Written-out days the tagger did not mark ("- 2 May, Macomia district: fighters ...",
    a bulletin's item): recent, not in a dateline, not the filing date in the header."""
    found: list[DateRef] = []
    text = doc.text  # built from the tokens on every access: read once
    for pattern in (DAY_MONTH, MONTH_DAY):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(ref.start < end and start < ref.end for ref in refs + found) or \
                    any(a <= start < b for a, b in datelines) or \
                    re.search(r"\d\s*[-–]\s*$", text[max(0, start - 6):start]):
                continue  # "Reporting period: 1 - 7 May 2024": a period, not a day's event
            span = doc.char_span(start, end, alignment_mode="expand")
            resolved = resolve_date_text(match.group(0), published)
            if span is None or resolved is None or resolved[0] > published or \
                    _is_header_date(span, resolved[0], published) or _pluperfect_relative(span):
                continue
            date, date_end, precision = resolved
            background = (date_end or date) < published - dt.timedelta(days=BACKGROUND_DAYS)
            found.append(DateRef(doc_id=doc_id, text=match.group(0), start=start, end=end,
                                 date=date, date_end=date_end, time_precision=precision,
                                 is_background=background, is_statement=_is_statement(span),
                                 stage=STAGE))
    return found


#: A heading line in capitals ("WHAT HAPPENED ON TUESDAY") and a weekday in it.
HEADING_LINE = re.compile(r"^[ \t]*(?=[^\n]*[A-Z]{3})[^a-z\n.!?]{4,80}$", re.MULTILINE)
_HEADING_WEEKDAY = re.compile(r"\b(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY\b")


def _heading_weekdays(text: str, doc_id: str, published: dt.date, refs: list[DateRef],
                      datelines: list[tuple[int, int]]) -> list[DateRef]:
    """Weekdays in capitals heading a section ("WHAT HAPPENED ON TUESDAY"), which the tagger
    does not read: the day of the items below (:func:`frontwatch.resolve.locate`)."""
    found = []
    for line in HEADING_LINE.finditer(text):
        for match in _HEADING_WEEKDAY.finditer(text, line.start(), line.end()):
            start, end = match.span()
            if any(ref.start < end and start < ref.end for ref in refs) or \
                    any(a <= start < b for a, b in datelines):
                continue
            resolved = resolve_date_text(match.group(0).title(), published)
            if resolved is None:
                continue
            found.append(DateRef(doc_id=doc_id, text=match.group(0), start=start, end=end,
                                 date=resolved[0], time_precision=resolved[2], stage=STAGE))
    return found
