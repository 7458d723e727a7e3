"""--help in Chinese and English for the program and every command; the language rule; the
no-display hint in the right language naming the right command."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lowcarbon_desk.cli import main as cli_main
from lowcarbon_desk.cli.language import cli_language, default_language, locale_language, requested_language
from lowcarbon_desk.cli.main import build_parser, no_display_hint, window_command
from lowcarbon_desk.cli.parser import display_width, wrap_wide

from .test_cli_doc import command_tree

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_WORDS = ("用法：", "显示本帮助并退出", "选项")
EN_WORDS = ("usage:", "show this help message and exit", "options:")

PATHS = [path for path, _ in command_tree(build_parser("en"))]


def _parsers(lang: str) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    return dict(command_tree(build_parser(lang)))


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "(program)" for p in PATHS])
def test_help_of_every_command_in_both_languages(path):
    zh = _parsers("zh")[path].format_help()
    en = _parsers("en")[path].format_help()
    assert zh != en
    assert all(word in zh for word in ZH_WORDS), zh
    assert all(word in en for word in EN_WORDS), en
    assert not CJK.search(en.replace("低碳填报桌面程序", "")), f"Chinese in the English help:\n{en}"
    assert CJK.search(zh.split("\n\n", 1)[1]), f"no Chinese description:\n{zh}"


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "(program)" for p in PATHS])
def test_every_argument_and_command_has_help_in_both_languages(path):
    pairs = zip(_parsers("zh")[path]._actions, _parsers("en")[path]._actions, strict=True)
    for zh, en in pairs:
        if isinstance(zh, argparse._SubParsersAction):
            for zh_item, en_item in zip(zh._choices_actions, en._choices_actions, strict=True):
                assert zh_item.help and en_item.help and zh_item.help != en_item.help, zh_item.dest
                assert CJK.search(zh_item.help), zh_item.dest
            continue
        assert zh.help and en.help, f"{' '.join(path)} {zh.option_strings or zh.dest}: no help"
        assert zh.help != en.help and CJK.search(zh.help), f"{zh.option_strings or zh.dest}: not translated"


def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LOWCARBON_DESK_LANG", "DISPLAY", "WAYLAND_DISPLAY",
                        "QT_QPA_PLATFORM", "LOWCARBON_DESK_DB")}
    env["PYTHONPATH"] = str(SRC)
    for key, value in changes.items():
        if value is not None:
            env[key] = value
    return env


def _run(*args: str, cwd: Path = REPO, **env: str | None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lowcarbon_desk", *args], capture_output=True, text=True,
                          env=_env(**env), cwd=cwd, timeout=120)


@pytest.mark.parametrize(("args", "env", "lang"), [
    (("--lang", "zh", "--help"), {"LANG": "C.UTF-8"}, "zh"),
    (("--lang", "en", "--help"), {"LANG": "zh_CN.UTF-8"}, "en"),
    (("--lang=zh", "record", "add", "--help"), {"LANG": "C.UTF-8"}, "zh"),
    (("--help",), {"LANG": "C.UTF-8"}, "en"),
    (("--help",), {"LANG": "zh_CN.UTF-8"}, "zh"),
    (("--help",), {"LANG": "zh_CN.UTF-8", "LOWCARBON_DESK_LANG": "en"}, "en"),
    (("--help",), {"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),
    (("package", "import", "--help"), {}, "zh"),
], ids=["flag zh", "flag en", "flag= sub", "C locale", "zh locale", "env over locale", "LC_ALL first", "no locale"])
def test_help_language_from_the_command_line(args, env, lang):
    result = _run(*args, **env)
    assert result.returncode == 0, result.stderr
    words = ZH_WORDS if lang == "zh" else EN_WORDS
    assert all(word in result.stdout for word in words), result.stdout


def test_usage_errors_in_chinese_exit_2():
    result = _run("--lang", "zh", "record", "justify", "x", LANG="C.UTF-8")
    assert result.returncode == 2
    assert "用法：" in result.stderr and "错误：缺少必需的参数：--rule, --text" in result.stderr
    result = _run("--lang", "en", "review", "x", "--accept", "--return")
    assert result.returncode == 2 and "not allowed with argument --accept" in result.stderr


def test_the_language_rule():
    assert requested_language(["--lang", "en", "init"]) == "en"
    assert requested_language(["--lang=zh"]) == "zh"
    assert requested_language(["--la", "en"]) == "en"
    assert requested_language(["--lang", "fr"]) is None
    assert requested_language(["record", "justify", "x", "--text", "--lang"]) is None
    assert requested_language(["--", "--lang", "en"]) is None
    assert locale_language({"LANG": "C.UTF-8"}) == "en"
    assert locale_language({"LANG": "POSIX"}) == "en"
    assert locale_language({"LANG": "zh_TW.UTF-8"}) == "zh"
    assert locale_language({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}) == "zh"
    assert locale_language({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}) == "en"
    if sys.platform != "win32":
        assert locale_language({}) == "zh"
    assert default_language({"LANG": "zh_CN.UTF-8", "LOWCARBON_DESK_LANG": "en"}) == "en"
    assert default_language({"LANG": "C.UTF-8", "LOWCARBON_DESK_LANG": "zh_CN"}) == "zh"
    assert cli_language(["--lang", "zh"], {"LANG": "C.UTF-8"}) == "zh"
    assert cli_language([], {"LANG": "C.UTF-8"}) == "en"


def test_chinese_help_wraps_by_terminal_columns():
    lines = wrap_wide("数据库文件（默认：环境变量 LOWCARBON_DESK_DB，否则为用户数据目录中的 lowcarbon.db）", 40)
    assert len(lines) > 1 and all(display_width(line) <= 40 for line in lines)
    assert "".join(lines).replace(" ", "") == "数据库文件（默认：环境变量LOWCARBON_DESK_DB，否则为用户数据目录中的lowcarbon.db）"
    assert not any(line.startswith(("，", "）")) for line in lines)


@pytest.mark.parametrize(("env", "lang"), [
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LOWCARBON_DESK_LANG": "en"}, "en"),
], ids=["C locale", "zh locale", "env"])
def test_no_display_hint_follows_the_locale(env, lang, tmp_path):
    result = _run("--db", str(tmp_path / "x.db"), LOWCARBON_DESK_HOME=str(tmp_path / "home"), **env)
    assert result.returncode == 1
    assert "xvfb-run bash scripts/run.sh" in result.stderr and "bash scripts/run.sh --help" in result.stderr
    assert ("No graphical display" in result.stderr) == (lang == "en")
    assert ("没有图形显示" in result.stderr) == (lang == "zh")
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(("flag", "env_lang"), [("zh", "C.UTF-8"), ("en", "zh_CN.UTF-8")])
def test_no_display_hint_follows_lang(flag, env_lang, tmp_path):
    result = _run("--lang", flag, "--db", str(tmp_path / "x.db"), LANG=env_lang,
                  LOWCARBON_DESK_HOME=str(tmp_path / "home"))
    assert result.returncode == 1
    assert ("没有图形显示" in result.stderr) == (flag == "zh")


def test_no_display_hint_outside_the_checkout_names_the_script_by_its_path(tmp_path):
    result = _run("--lang", "en", "--db", str(tmp_path / "x.db"), cwd=tmp_path, LOWCARBON_DESK_HOME=str(tmp_path))
    assert f"xvfb-run bash {REPO / 'scripts' / 'run.sh'}" in result.stderr


def test_window_command_when_frozen_or_installed(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert window_command() == sys.executable
    monkeypatch.delattr(sys, "frozen")
    # an installed copy has no scripts/run.sh beside the package
    monkeypatch.setattr(cli_main, "__file__", str(tmp_path / "site-packages" / "lowcarbon_desk" / "cli" / "main.py"))
    assert window_command() == "lowcarbon-desk"
    assert "xvfb-run lowcarbon-desk;" in no_display_hint("en")
    assert "xvfb-run lowcarbon-desk；" in no_display_hint("zh")


def test_readme_says_what_the_hint_says():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.count("xvfb-run bash scripts/run.sh") >= 2  # the Chinese and the English part
    assert readme.count("xvfb-run lowcarbon-desk") >= 2
