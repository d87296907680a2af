import dataclasses
from pathlib import Path

from frontwatch.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_environment_overrides() -> None:
    settings = Settings.from_env({"FRONTWATCH_GAZETTEER_MIN_POPULATION": "1000",
                                  "FRONTWATCH_CACHE_DIR": "/tmp/x",
                                  "FRONTWATCH_SPACY_MODEL": "other"})
    assert settings.gazetteer_min_population == 1000
    assert settings.cache_dir == Path("/tmp/x")
    assert settings.spacy_model == "other"


def test_every_setting_is_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for field in dataclasses.fields(Settings):
        assert f"FRONTWATCH_{field.name.upper()}" in text, field.name
