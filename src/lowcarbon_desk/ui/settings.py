"""Window settings in an INI file beside the user's data, plain values only (no pickled Qt types)."""

from __future__ import annotations

import base64
import json

from PySide6.QtCore import QByteArray, QSettings

from ..paths import user_data_path


class WindowSettings:
    """Language, window geometry and layout, the last record and overview year."""

    def __init__(self, settings: QSettings | None = None):
        self.qsettings = settings or QSettings(str(user_data_path() / "window.ini"),
                                               QSettings.Format.IniFormat)

    def _text(self, key: str, default: str = "") -> str:
        value = self.qsettings.value(key, default)
        return str(value) if value is not None else default

    @property
    def lang(self) -> str:
        value = self._text("lang", "")
        return value if value in ("zh", "en") else ""

    @lang.setter
    def lang(self, value: str) -> None:
        self.qsettings.setValue("lang", value)

    def bytes_value(self, key: str) -> QByteArray | None:
        text = self._text(key)
        if not text:
            return None
        try:
            return QByteArray(base64.b64decode(text.encode("ascii")))
        except ValueError:
            return None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(key, base64.b64encode(bytes(value.data())).decode("ascii"))

    def int_list(self, key: str) -> list[int]:
        try:
            value = json.loads(self._text(key, "[]"))
        except ValueError:
            return []
        return [int(v) for v in value] if isinstance(value, list) else []

    def set_int_list(self, key: str, values: list[int]) -> None:
        self.qsettings.setValue(key, json.dumps([int(v) for v in values]))

    def text(self, key: str, default: str = "") -> str:
        return self._text(key, default)

    def set_text(self, key: str, value: str) -> None:
        self.qsettings.setValue(key, str(value))

    def sync(self) -> None:
        self.qsettings.sync()
