"""Languages: Chinese (the source text) by default, English from the translation file.

For Chinese, Qt's own strings (file dialog, standard buttons, the edit menu of text fields)
come from Qt's ``qtbase_zh_CN.qm`` where the installation has it, and from our
``qt_zh_CN.qm`` (``resources/translations/update_translations.py``), installed after it so it
is asked first: it fills what Qt's lacks ("&Look in:", "Files of &type:") and stands in for it
in an installation without Qt's translations. Windows and macOS show their own (native,
already translated) file dialogs; on Linux Qt draws its own, which these translate.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..paths import resources_dir

_INSTALLED: list[QTranslator] = []
QT_FOLDER: str | None = None  # Qt's translations folder; None: QLibraryInfo's (tests replace it)


def translations_dir():
    return resources_dir() / "translations"


def install(lang: str) -> list[QTranslator]:
    """Replace the installed translators with those of ``lang`` (``zh`` or ``en``)."""
    app = QCoreApplication.instance()
    if app is None:  # translators belong to an application
        return []
    for translator in _INSTALLED:
        app.removeTranslator(translator)
    _INSTALLED.clear()
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        _add(app, str(translations_dir() / "lowcarbon_desk_en.qm"))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        folder = QT_FOLDER if QT_FOLDER is not None else QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        _add(app, "qtbase_zh_CN", folder)
        _add(app, str(translations_dir() / "qt_zh_CN.qm"))  # last installed: asked first
    return list(_INSTALLED)


def _add(app, name: str, folder: str = "") -> None:
    translator = QTranslator(app)
    if translator.load(name, folder) if folder else translator.load(name):
        app.installTranslator(translator)
        _INSTALLED.append(translator)
