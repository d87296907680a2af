from frontwatch.ingest.clean import clean_text

CAPTURED = """4 min read

Rebels shell market in northern town

KINSHASA: Shells hit the central market of a northern town on Tuesday, killing […]

KINSHASA: Shells hit the central market of a northern town on Tuesday, killing four traders, local officials said.

Officials said the shells came from hills held by the rebels.

Share this article
Advertisement"""


def test_furniture_lines_and_truncated_lead_are_removed() -> None:
    cleaned = clean_text(CAPTURED)
    assert "min read" not in cleaned.text
    assert "Share this article" not in cleaned.text
    assert "Advertisement" not in cleaned.text
    assert cleaned.text.count("Shells hit the central market") == 1
    assert "[…]" not in cleaned.text
    assert len(cleaned.removed) == 4


def test_content_is_kept_in_order_as_paragraphs() -> None:
    cleaned = clean_text(CAPTURED)
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == "Rebels shell market in northern town"
    assert paragraphs[-1].startswith("Officials said")


def test_an_ellipsis_without_a_fuller_copy_is_content() -> None:
    text = "He said the talks would continue...\n\nNothing else happened."
    assert clean_text(text).text.startswith("He said the talks would continue...")


def test_reference_article_is_cleaned(reference_path) -> None:  # type: ignore[no-untyped-def]
    cleaned = clean_text(reference_path.read_text(encoding="utf-8"))
    assert "3 min read" not in cleaned.text
    assert "Share this article" not in cleaned.text
    assert "[…]" not in cleaned.text
    assert cleaned.text.count("Civilians are fearing") == 1


def test_glued_feed_items_are_separated() -> None:
    assert clean_text("Clashes in Aleppo;18 killed in Homs").text == \
        "Clashes in Aleppo; 18 killed in Homs"
    assert clean_text("ratio 3;4 kept").text == "ratio 3;4 kept"
