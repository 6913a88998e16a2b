"""The Windows installer and workflow, checked here where they cannot run: in step with the app."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ISS = (PACKAGING / "essdesk.iss").read_text(encoding="utf-8-sig")
WORKFLOW = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
BUILD_SH = (PACKAGING / "build.sh").read_text(encoding="utf-8")


def _setup(directive: str) -> str:
    match = re.search(rf"^{directive}=(.*)$", ISS, re.M)
    assert match, directive
    return match.group(1).strip()


def test_per_user_install_without_administrator_rights():
    assert _setup("PrivilegesRequired") == "lowest"
    assert _setup("PrivilegesRequiredOverridesAllowed") == "commandline"  # /CURRENTUSER works
    assert _setup("DefaultDirName") == r"{autopf}\{#AppName}"  # %LOCALAPPDATA%\Programs\ESS Desk
    assert 'MessagesFile: "compiler:Languages\\French.isl"' in ISS
    assert '"{group}\\{#AppName}"; Filename: "{app}\\essdesk.exe"' in ISS
    assert '"{autodesktop}\\{#AppName}"; Filename: "{app}\\essdesk.exe"; Tasks: desktopicon' in ISS


def test_the_uninstaller_names_the_data_folder_the_app_uses_on_windows(monkeypatch):
    import platformdirs.windows

    from essdesk.config import APP_AUTHOR, APP_NAME

    local = r"C:\Users\marie\AppData\Local"
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda _csidl: local)
    app_dir = platformdirs.windows.Windows(APP_NAME, APP_AUTHOR, roaming=False).user_data_dir
    in_script = re.search(r"ExpandConstant\('(\{localappdata\}[^']*)'\)", ISS).group(1)
    assert in_script.replace("{localappdata}", local) == app_dir.replace("/", "\\")
    # Nothing of the data folder is deleted: only the program's own folder is cleaned.
    deleted = re.findall(r"^Type: \w+; Name: \"([^\"]+)\"", ISS, re.M)
    assert deleted and all(name.startswith("{app}") for name in deleted)


def test_the_installer_takes_the_bundle_the_workflow_builds():
    assert r'#define Bundle AddBackslash(SourcePath) + "..\build\frozen\dist\essdesk"' in ISS
    assert r"--distpath build\frozen\dist" in WORKFLOW
    assert "$OUT/dist" in BUILD_SH and "build/frozen" in BUILD_SH
    assert "/DAppVersion=$version" in WORKFLOW and "packaging\\essdesk.iss" in WORKFLOW


@pytest.mark.parametrize(
    "step",
    [
        "--version",
        " doctor",
        "demo --youths 120",
        "check --full",
        "chiffree.sqlite3",
        "smic list",
        "aid --from",
        " encrypt",
        "schedule --recruiters",
        '--wishes "$SAMPLE/wishes.csv" --rounds 8 --min-meetings 2 --time-limit 20',
        "report event --output",
        "--smoke-test",
    ],
)
def test_the_windows_smoke_test_runs_the_same_steps_as_build_sh(step):
    assert step in BUILD_SH
    assert step.replace("$SAMPLE/", "$sample\\") in WORKFLOW


def test_version_resource_numbers():
    sys.path.insert(0, str(PACKAGING))
    try:
        from version_info import version_numbers
    finally:
        sys.path.remove(str(PACKAGING))
    assert version_numbers("0.1.0") == (0, 1, 0, 0)
    assert version_numbers("1.2rc1") == (1, 2, 0, 0)
    assert version_numbers("2.0.1.dev3") == (2, 0, 1, 0)
