import pytest

from consult import create_app
from consult.config import DEV_SECRET_KEY


@pytest.fixture
def production_env(monkeypatch):
    monkeypatch.delenv("FLASK_ENV", raising=False)
    monkeypatch.setenv("CONSULT_PRODUCTION", "1")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret")
    monkeypatch.setenv("CONSULT_BASE_URL", "https://consult.example.go.th")
    return monkeypatch


@pytest.mark.parametrize("switch", [("FLASK_ENV", "production"), ("CONSULT_PRODUCTION", "1")])
def test_production_refuses_to_start_without_a_secret_key(production_env, switch):
    production_env.delenv("CONSULT_PRODUCTION")
    production_env.setenv(*switch)
    production_env.delenv("SECRET_KEY")
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app()


def test_production_refuses_to_start_without_its_public_address(production_env):
    production_env.delenv("CONSULT_BASE_URL")
    with pytest.raises(RuntimeError, match="CONSULT_BASE_URL must be set"):
        create_app()


@pytest.mark.parametrize("base_url", ["consult.example.go.th", "ftp://consult.example.go.th", "https://"])
def test_production_refuses_a_public_address_that_is_no_web_address(production_env, base_url):
    production_env.setenv("CONSULT_BASE_URL", base_url)
    with pytest.raises(RuntimeError, match="CONSULT_BASE_URL must be an http"):
        create_app()


def test_production_with_a_secret_key_uses_secure_cookies(production_env):
    app = create_app()
    assert app.config["SECRET_KEY"] == "a-real-secret"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["PUBLIC_BASE_URL"] == "https://consult.example.go.th"


def test_development_defaults_to_sqlite_in_the_instance_folder(monkeypatch):
    for name in ("FLASK_ENV", "CONSULT_PRODUCTION", "DATABASE_URL", "CONSULT_PROXY_HOPS"):
        monkeypatch.delenv(name, raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/consult.sqlite3")
    assert app.config["SECRET_KEY"] == DEV_SECRET_KEY
    assert app.config["BABEL_DEFAULT_LOCALE"] == "th"
    assert app.config["PROXY_HOPS"] == 0  # no proxy is trusted unless the deployment says so
