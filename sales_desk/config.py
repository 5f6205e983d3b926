"""Typed application settings: where the data lives, which database, which language.

Business settings (thresholds, grade bands) live in the database; this module holds
only what is needed before a database can be opened. No Qt here.
"""

from __future__ import annotations

import json
import locale
import os
from dataclasses import dataclass, replace
from pathlib import Path

APP_NAME = "SalesDesk"
APP_AUTHOR = "SalesDesk"
DB_FILENAME = "sales-desk.sqlite"
ENV_DATA_DIR = "SALES_DESK_DATA"
ENV_DB_URL = "SALES_DESK_DB"
ENV_LANGUAGE = "SALES_DESK_LANG"
SUPPORTED_LANGUAGES = ("en", "zh_CN")

# The one table of app-level defaults.
DEFAULTS: dict[str, object] = {
    "language": None,  # None: follow the system locale
    "data_dir": None,  # None: the platform's user-data folder
}


def resources_dir() -> Path:
    """The assets the app ships (icons, a bundled font): the project's top-level resources/,
    which a wheel and the PyInstaller bundle place at sales_desk/resources (setup.py maps it)."""
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    return installed if installed.is_dir() else package.parent / "resources"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def config_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "settings.json"


def system_language() -> str:
    """Map the OS locale to one of ours; Chinese of any region gets zh_CN."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            break
    else:
        value = locale.getlocale()[0] or ""
    return "zh_CN" if value.lower().startswith("zh") else "en"


def normalize_language(value: str | None) -> str | None:
    if not value:
        return None
    v = value.replace("-", "_")
    for lang in SUPPORTED_LANGUAGES:
        if v.lower() == lang.lower() or v.lower().split("_")[0] == lang.lower().split("_")[0]:
            return lang
    raise ValueError(f"unsupported language {value!r}; choose one of {', '.join(SUPPORTED_LANGUAGES)}")


@dataclass(frozen=True)
class AppConfig:
    data_dir: Path
    db_url: str | None = None  # None: the embedded SQLite file in data_dir
    language: str = "en"

    @property
    def is_sqlite(self) -> bool:
        return self.db_url is None or self.db_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def url(self) -> str:
        return self.db_url or f"sqlite:///{self.sqlite_path}"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "sales-desk.log"

    def with_language(self, language: str) -> AppConfig:
        return replace(self, language=normalize_language(language) or "en")


def load_saved() -> dict[str, object]:
    path = config_file()
    try:
        return {**DEFAULTS, **json.loads(path.read_text(encoding="utf-8"))}
    except (OSError, ValueError):
        return dict(DEFAULTS)


def save(**changes: object) -> None:
    """Persist app settings (language, data folder) for the next start."""
    path = config_file()
    data = {**load_saved(), **changes}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    tmp.replace(path)


def resolve(
    data_dir: str | os.PathLike[str] | None = None,
    db_url: str | None = None,
    language: str | None = None,
    env: os._Environ[str] | dict[str, str] | None = None,
    saved: dict[str, object] | None = None,
) -> AppConfig:
    """Command line beats environment beats saved settings beats platform default."""
    env = os.environ if env is None else env
    saved = load_saved() if saved is None else saved
    chosen_dir = data_dir or env.get(ENV_DATA_DIR) or saved.get("data_dir")
    chosen_lang = (
        normalize_language(language)
        or normalize_language(env.get(ENV_LANGUAGE))
        or normalize_language(saved.get("language"))  # type: ignore[arg-type]
        or system_language()
    )
    return AppConfig(
        data_dir=Path(chosen_dir).expanduser().resolve() if chosen_dir else default_data_dir(),
        db_url=db_url or env.get(ENV_DB_URL) or None,
        language=chosen_lang,
    )
