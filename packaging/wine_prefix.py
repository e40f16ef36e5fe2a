"""Wine on the Linux host: the tools it needs, and a prefix ready for Hoist's build and tests.

A prefix is Wine's "C:\\" and registry. Ours is 64-bit, never asks to install Mono or Gecko
(WINEDLLOVERRIDES), and carries the icuuc.dll stand-in (packaging/windows/icuuc_stub.c,
built here with mingw-w64) where Windows 10 and 11 have their system ICU. It also has no
monitor colour profile: Qt's Windows platform plugin reads the screen's profile when a window
opens, and Wine 8 aborts in the mscms.WcsCreateIccProfile it lacks; with no profile file
there, Qt skips that step (as on a Windows machine without one).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from build import apt_install, can_apt
from deb_package import BuildError
from windows_toolchain import (
    LINUX_TOOLS,
    MINGW_CC,
    PACKAGING,
    WINE_DIRS,
    WINE_ENV,
    say,
    sha256,
)

ICUUC_SOURCE = PACKAGING / "windows" / "icuuc_stub.c"
INSTALL_HINT = (
    "sudo dpkg --add-architecture i386 && sudo apt-get update && "
    "sudo apt-get install wine wine64 wine32:i386 gcc-mingw-w64-x86-64-win32"
)


def ensure_wine_tools(allow_apt: bool) -> None:
    missing = sorted({pkg for tool, pkg in LINUX_TOOLS.items() if shutil.which(tool) is None})
    for package, folders in WINE_DIRS.items():
        if not any(Path(folder).is_dir() for folder in folders):
            missing.append(package)
    if not missing:
        return
    if not can_apt(allow_apt):
        names = ", ".join(missing)
        raise BuildError(f"Missing {names} (Wine, 32-bit Wine, mingw-w64): {INSTALL_HINT}")
    say(f"Installing {' '.join(missing)} with apt-get…")
    try:
        if "wine32:i386" in missing:
            subprocess.run(["dpkg", "--add-architecture", "i386"], check=True)
        apt_install(missing)
    except (BuildError, subprocess.CalledProcessError) as exc:
        names = ", ".join(missing)
        raise BuildError(f"Could not install {names} ({exc}). Try: {INSTALL_HINT}") from exc


def wine_env(prefix: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, **WINE_ENV, WINEPREFIX=str(prefix), **extra)


def icuuc_stub(cache: Path) -> Path:
    """The stand-in DLL, rebuilt only when its source changes."""
    built = cache / "icuuc-stub" / f"{sha256(ICUUC_SOURCE)[:16]}" / "icuuc.dll"
    if built.is_file():
        return built
    if shutil.which(MINGW_CC) is None:
        hint = "sudo apt-get install gcc-mingw-w64-x86-64-win32"
        raise BuildError(f"{MINGW_CC} is missing ({hint}).")
    built.parent.mkdir(parents=True, exist_ok=True)
    command = [MINGW_CC, "-O2", "-Wall", "-shared", "-s", "-o", str(built), str(ICUUC_SOURCE)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"Building icuuc.dll failed:\n{done.stderr}")
    return built


def prepare_prefix(prefix: Path, cache: Path) -> None:
    """Creates the prefix on first use (wineboot, ~10-30 s), then adds icuuc.dll."""
    if not (prefix / "system.reg").is_file():
        say(f"Creating the Wine prefix {prefix}…")
        prefix.parent.mkdir(parents=True, exist_ok=True)
        env = wine_env(prefix)
        for command in (["wineboot", "--init"], ["wineserver", "--wait"]):
            done = subprocess.run(
                command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True
            )
            if done.returncode != 0:
                raise BuildError(f"{command[0]} failed in {prefix}:\n{done.stderr[-2000:]}")
    system32 = prefix / "drive_c" / "windows" / "system32"
    if not system32.is_dir():
        raise BuildError(f"{prefix} is not a 64-bit Wine prefix (no C:\\windows\\system32).")
    shutil.copyfile(icuuc_stub(cache), system32 / "icuuc.dll")
    for profile in (system32 / "spool" / "drivers" / "color").glob("*.icm"):
        profile.unlink()
