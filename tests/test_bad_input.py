"""Bad input: empty text, text not in English, very long documents (processed in chunks)."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import frontwatch
from frontwatch import chunks
from frontwatch.errors import EmptyDocumentError, NotEnglishError
from frontwatch.ingest.language import is_english
from frontwatch.pipeline import iter_analyses
from frontwatch.records import Failure

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# Reports we wrote in other languages: each reports an attack, none may become an event.
NOT_ENGLISH = {
    "fr": "Des hommes armés ont attaqué mardi un village du nord du pays, tuant douze civils et "
          "incendiant plusieurs maisons, selon des sources locales.",
    "es": "Hombres armados atacaron el martes una aldea en el norte del país y mataron a doce "
          "civiles, según fuentes locales.",
    "ar": "هاجم مسلحون يوم الثلاثاء قرية في شمال البلاد وقتلوا اثني عشر مدنيا وأحرقوا عدة منازل "
          "بحسب مصادر محلية.",
    "ru": "Во вторник вооружённые люди напали на деревню на севере страны и убили двенадцать "
          "мирных жителей, сообщили местные источники.",
}


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \n"])
def test_empty_or_whitespace_text_is_refused(text: str) -> None:
    with pytest.raises(EmptyDocumentError, match="empty"):
        frontwatch.make_document(text, source="blank.txt")


@pytest.mark.parametrize("language", sorted(NOT_ENGLISH))
def test_text_not_in_english_is_detected_and_gives_no_events(language: str, gazetteer) -> None:  # type: ignore[no-untyped-def]
    document = frontwatch.make_document(NOT_ENGLISH[language], source=f"report-{language}.txt")
    with pytest.raises(NotEnglishError, match=f"detected: {language}"):
        frontwatch.extract(document, gazetteer)


def test_english_with_foreign_place_names_stays_english() -> None:
    assert is_english("Shelling hit Kasrat Sheikh Juma'a village (كسرة شيخ الجمعة) in the "
                      "western Raqqa countryside on Tuesday, the monitor said.")[0]
    assert is_english("Gunmen killed 3 in Kidal")[0]  # too short to judge: read as English


def test_a_batch_records_the_foreign_document_and_goes_on(gazetteer) -> None:  # type: ignore[no-untyped-def]
    french = frontwatch.make_document(NOT_ENGLISH["fr"], source="fr.txt")
    english = frontwatch.make_document(
        "Gunmen attacked a village in Borno State on Tuesday, killing twelve civilians.",
        source="en.txt", published=dt.date(2024, 3, 14))
    outcomes = list(iter_analyses([french, english], "record", gazetteer))
    assert isinstance(outcomes[0], Failure) and outcomes[0].code == "ING008"
    assert outcomes[0].source == "fr.txt"
    assert not isinstance(outcomes[1], Failure) and outcomes[1].events


def test_chunks_cover_the_text_and_end_at_breaks() -> None:
    text = "".join(f"Paragraph {i} says something. It goes on a while.\n\n" for i in range(400))
    pieces = chunks.split_chunks(text, 1_000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text.startswith(piece, start) for start, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])
    assert all(len(piece) <= 1_000 for _, piece in pieces)


def test_a_long_document_is_analysed_in_chunks_with_whole_text_offsets(gazetteer,  # type: ignore[no-untyped-def]
                                                                      monkeypatch) -> None:
    report = (SAMPLES / "attack-nigeria.txt").read_text(encoding="utf-8").strip()
    whole = frontwatch.make_document(report, source="one")
    expected = {(e.sub_event_type, e.event_date, e.location)
                for e in frontwatch.extract(whole, gazetteer)}
    monkeypatch.setattr("frontwatch.pipeline.CHUNK_CHARS", len(report) + 10)
    long_text = "\n\n".join([report] * 6)
    document = frontwatch.make_document(long_text, source="six")
    analysis = frontwatch.analyse(document, gazetteer)
    assert {(e.sub_event_type, e.event_date, e.location) for e in analysis.events} == expected
    for mention in analysis.mentions:
        evidence = mention.evidence
        assert document.text[evidence.start:evidence.end] == evidence.sentence
        assert document.text[mention.trigger.start:mention.trigger.end] == mention.trigger.text
    assert len({m.id for m in analysis.mentions}) == len(analysis.mentions)
    assert max(m.evidence.start for m in analysis.mentions) > 5 * len(report)


FIVE_MB_RUN = """
import datetime as dt, json, resource, sys
from pathlib import Path
import frontwatch
reports = [p.read_text(encoding="utf-8").strip() for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
text = ""
while len(text) < 5_000_000:
    text += "\\n\\n".join(reports) + "\\n\\n"
document = frontwatch.make_document(text, source="archive.txt", published=dt.date(2024, 3, 14))
analysis = frontwatch.analyse(document)
print(json.dumps({"chars": len(text), "events": len(analysis.events),
                  "last_evidence": analysis.mentions[-1].evidence.start,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


@pytest.mark.slow
def test_a_5_mb_document_is_processed_with_bounded_memory(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # In its own process, so that the peak resident memory is this document's alone.
    done = subprocess.run([sys.executable, "-c", FIVE_MB_RUN, str(SAMPLES)], capture_output=True,
                          text=True, check=True, timeout=1200)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["chars"] >= 5_000_000 and figures["events"] > 0
    assert figures["last_evidence"] > 4_900_000
    # spaCy refuses a 5 MB text whole (max_length 1,000,000) and a whole parse would hold
    # gigabytes; chunks of 100,000 characters keep the process near its resting size.
    assert figures["peak_rss_mb"] < 2_000, figures
