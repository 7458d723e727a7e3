"""Languages: Chinese (the source text) by default, English from the translation file.

Qt's own ``qtbase_zh_CN.qm`` translates standard buttons (OK, Cancel…) for Chinese.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..paths import resources_dir

_INSTALLED: list[QTranslator] = []


def translations_dir():
    return resources_dir() / "translations"


def install(lang: str) -> list[QTranslator]:
    """Replace the installed translators with those of ``lang`` (``zh`` or ``en``)."""
    app = QCoreApplication.instance()
    for translator in _INSTALLED:
        app.removeTranslator(translator)
    _INSTALLED.clear()
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        ours = QTranslator(app)
        if ours.load(str(translations_dir() / "lowcarbon_desk_en.qm")):
            app.installTranslator(ours)
            _INSTALLED.append(ours)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load("qtbase_zh_CN", folder):
            app.installTranslator(qt)
            _INSTALLED.append(qt)
    return list(_INSTALLED)
