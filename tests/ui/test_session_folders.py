"""Qt's own settings and standard folders follow the session's home (tests/session_home.py),
so nothing Qt writes during the tests (QtProject.conf, caches) reaches the user's home."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths


@pytest.mark.parametrize("location", [QStandardPaths.StandardLocation.GenericConfigLocation,
                                      QStandardPaths.StandardLocation.AppDataLocation,
                                      QStandardPaths.StandardLocation.GenericCacheLocation,
                                      QStandardPaths.StandardLocation.HomeLocation,
                                      QStandardPaths.StandardLocation.TempLocation])
def test_qt_folders_are_the_sessions(qapp, tmp_path_factory, location):
    assert Path(QStandardPaths.writableLocation(location)).is_relative_to(tmp_path_factory.getbasetemp())


def test_qt_project_settings_are_the_sessions(qapp, tmp_path_factory):
    settings = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "QtProject")
    assert Path(settings.fileName()).is_relative_to(tmp_path_factory.getbasetemp())
