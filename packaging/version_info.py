"""The Windows version resource of the executables, made from essdesk.__version__ at build time.

Explorer's Properties ▸ Details and the installer show it; generated, it cannot drift from the
version the app prints. Used by essdesk.spec on Windows only (PyInstaller ignores it elsewhere).
"""

from __future__ import annotations

import re


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """`0.1.0` → (0, 1, 0, 0); a suffix such as `rc1` or `.dev3` is left out of the numbers."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(n) for n in release.group().split(".")[:3]] if release else []
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def version_resource(version: str, file_name: str, description: str):
    """A PyInstaller `VSVersionInfo` for one executable (French, Windows-1252 code page)."""
    from PyInstaller.utils.win32.versioninfo import (  # Windows build machines only (pefile)
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_numbers(version)
    strings = {
        "CompanyName": "ESS Desk",
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": file_name,
        "LegalCopyright": "Licence GPL-3.0-or-later",
        "OriginalFilename": f"{file_name}.exe",
        "ProductName": "ESS Desk",
        "ProductVersion": version,
    }
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            # 040C: French (France); 04E4: the Windows-1252 code page.
            StringFileInfo(
                [StringTable("040C04E4", [StringStruct(k, v) for k, v in strings.items()])]
            ),
            VarFileInfo([VarStruct("Translation", [0x040C, 1252])]),
        ],
    )
