from pathlib import Path

import pytest

from core.errors import ConfigError
from core.settings import load_settings


def test_defaults_give_the_embedded_sqlite_and_chroma_in_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path / "data"))
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{(tmp_path / 'data' / 'guide-copilot.db').resolve()}"
    assert settings.chroma_path == tmp_path / "data" / "chroma"
    assert not settings.llm.enabled


def test_nested_variables_use_double_underscore(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GC_DATABASE__URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("GC_LLM__BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("GC_TELEGRAM__API_BASE", "http://127.0.0.1:8081")
    settings = load_settings()
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.llm.enabled
    assert settings.telegram.api_base == "http://127.0.0.1:8081"


def test_secrets_never_show_in_repr(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GC_TELEGRAM__TOKEN", "123:very-secret")
    monkeypatch.setenv("GC_LLM__API_KEY", "sk-very-secret")
    settings = load_settings()
    assert "very-secret" not in repr(settings)
    assert settings.telegram.token.get_secret_value() == "123:very-secret"


def test_a_bad_setting_fails_naming_the_variable(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GC_API__PORT", "not-a-port")
    with pytest.raises(ConfigError, match="GC_API__PORT"):
        load_settings()


def test_an_unknown_language_is_rejected_by_name(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GC_DEFAULT_LANGUAGE", "fr")
    with pytest.raises(ConfigError, match="GC_DEFAULT_LANGUAGE"):
        load_settings()


def test_a_dot_env_file_in_the_working_directory_is_read(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    Path(".env").write_text("GC_LLM__MODEL=qwen-plus\nGC_RANKING__DAILY_BUDGET=12\n")
    settings = load_settings()
    assert settings.llm.model == "qwen-plus"
    assert settings.ranking.daily_budget == 12


def test_the_committed_env_example_only_names_real_settings(monkeypatch, tmp_path):
    example = Path(__file__).resolve().parents[2] / ".env.example"
    monkeypatch.chdir(tmp_path)
    Path(".env").write_text(example.read_text())
    load_settings()  # every line in the example must parse
