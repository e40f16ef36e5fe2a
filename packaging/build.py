"""Build Hoist's installers with the project's Python:

    .venv/bin/python packaging/build.py             # bundle, then (Linux) .deb and tar.gz
    .venv/bin/python packaging/build.py --bundle-only   # Windows/macOS CI: just the bundle

Steps: PyInstaller into the venv if missing (from PyPI), the icons rendered from
resources/hoist.svg, the PyInstaller one-folder bundle (packaging/hoist.spec), then on Linux
dist/hoist_<version>_<arch>.deb (to /opt/hoist, /usr/bin/hoist, desktop entry, hicolor icons,
AppStream metainfo, copyright) and dist/hoist-<version>-linux-<machine>.tar.gz. Both desktop
files are validated; the .deb must stay under 70 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from deb_package import (
    APP_ID,
    DEPENDS,
    BuildError,
    build_deb,
    check_metainfo_release,
    stage_deb_tree,
    validate_desktop_files,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
PYINSTALLER_REQUIREMENT = "pyinstaller>=6.10,<7"
# program -> Debian package, installed by this script when missing and running as root
LINUX_TOOLS = {
    "objdump": "binutils",  # PyInstaller reads binaries with it (and strips with `strip`)
    "ldd": "libc-bin",
    "dpkg-deb": "dpkg",
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
}
MAX_DEB_BYTES = 70 * 1024 * 1024


def app_version() -> str:
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not found:
        raise BuildError("app/__init__.py has no __version__.")
    return found.group(1)


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(command: list[str], **kwargs: object) -> None:
    say("$ " + " ".join(command))
    done = subprocess.run(command, check=False, **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        raise BuildError(f"{command[0]} failed with exit status {done.returncode}.")


def can_apt(allow_apt: bool) -> bool:
    return allow_apt and os.geteuid() == 0 and shutil.which("apt-get") is not None


def apt_install(packages: list[str]) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env=env)


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    say("PyInstaller is not installed in this Python; installing it from PyPI.")
    run([sys.executable, "-m", "pip", "install", "--quiet", PYINSTALLER_REQUIREMENT])


def ensure_linux_tools(allow_apt: bool) -> None:
    missing = {tool: pkg for tool, pkg in LINUX_TOOLS.items() if shutil.which(tool) is None}
    if not missing:
        return
    packages = sorted(set(missing.values()))
    if can_apt(allow_apt):
        say(f"Installing build tools: {' '.join(packages)}")
        apt_install(packages)
        return
    raise BuildError(
        f"Missing tools: {', '.join(missing)}. Install them with: "
        f"sudo apt-get install {' '.join(packages)}"
    )


def ensure_qt_runtime(allow_apt: bool) -> None:
    """PySide6 needs the system's GL, fontconfig and xcb libraries to import (and PyInstaller
    bundles what it finds): on a bare machine, install the same list the .deb depends on."""
    probe = [sys.executable, "-c", "import PySide6.QtGui, PySide6.QtWidgets, PySide6.QtSvg"]
    if subprocess.run(probe, capture_output=True, check=False).returncode == 0:
        return
    packages = [alternatives.split("|")[0].strip() for alternatives in DEPENDS]
    if can_apt(allow_apt):
        say("Qt cannot load here; installing the system libraries it needs.")
        apt_install(packages)
        return
    raise BuildError(
        "PySide6 cannot load its system libraries. Install them with: "
        f"sudo apt-get install {' '.join(packages)}"
    )


def ensure_libpython(allow_apt: bool) -> None:
    """PyInstaller ships libpython3.X.so; Debian's own python3 keeps it in a separate package."""
    import ctypes.util

    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    if ctypes.util.find_library(f"python{version}") is not None:
        return
    package = f"libpython{version}"
    if can_apt(allow_apt):
        say(f"This Python has no shared libpython; installing {package}.")
        apt_install([package])
        return
    raise BuildError(
        f"PyInstaller needs libpython{version}.so: sudo apt-get install {package} "
        "(or use a Python built with --enable-shared)."
    )


def render_icons(out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run([sys.executable, str(PACKAGING / "icons.py"), str(out)], env=env)


def build_bundle(icons: Path, build: Path) -> Path:
    """Run PyInstaller on packaging/hoist.spec; returns the one-folder bundle."""
    work, dist = build / "pyinstaller" / "work", build / "pyinstaller" / "dist"
    env = dict(os.environ, HOIST_ICON_DIR=str(icons))
    env.pop("HOIST_SPEC_KEEP_ALL", None)
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(PACKAGING / "hoist.spec"),
        ],
        env=env,
        cwd=ROOT,
    )
    bundle = dist / "hoist"
    if not (bundle / executable_name()).is_file():
        raise BuildError(f"PyInstaller produced no {bundle / executable_name()}.")
    return bundle


def executable_name() -> str:
    return "hoist.exe" if sys.platform == "win32" else "hoist"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build_tarball(bundle: Path, icons: Path, dist: Path, version: str, level: int) -> Path:
    """A portable archive: hoist-<version>/ with the bundle, desktop file, icon, readme."""
    top = f"hoist-{version}"
    target = dist / f"hoist-{version}-linux-{platform.machine()}.tar.gz"
    extras = {
        f"{top}/{APP_ID}.desktop": PACKAGING / "linux" / f"{APP_ID}.desktop",
        f"{top}/{APP_ID}.png": icons / "hicolor" / "256x256" / "apps" / "hoist.png",
        f"{top}/README.txt": PACKAGING / "linux" / "tarball-README.txt",
    }

    def normalize(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = int(time.time())
        return info

    with tarfile.open(target, "w:gz", compresslevel=level) as archive:
        archive.add(bundle, arcname=top, filter=normalize)
        for name, source in extras.items():
            archive.add(source, arcname=name, filter=normalize)
    return target


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build Hoist's bundle and Linux packages.")
    parser.add_argument(
        "--bundle-only", action="store_true", help="stop after the PyInstaller bundle"
    )
    parser.add_argument(
        "--skip-bundle", action="store_true", help="reuse build/pyinstaller/dist/hoist"
    )
    parser.add_argument(
        "--no-apt", action="store_true", help="never install missing tools with apt-get"
    )
    parser.add_argument("--build-dir", type=Path, default=BUILD, help="scratch (default build/)")
    parser.add_argument("--dist-dir", type=Path, default=DIST, help="output (default dist/)")
    parser.add_argument(
        "--fast",
        action="store_true",
        help="light compression (tests): builds in a quarter of the time, files ~15%% larger",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    try:
        version = app_version()
        linux = sys.platform.startswith("linux") and not args.bundle_only
        if linux:
            check_metainfo_release(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml", version)
            ensure_linux_tools(allow_apt=not args.no_apt)
            ensure_qt_runtime(allow_apt=not args.no_apt)
            ensure_libpython(allow_apt=not args.no_apt)
        build, dist = args.build_dir.resolve(), args.dist_dir.resolve()
        icons = build / "icons"
        render_icons(icons)
        if args.skip_bundle:
            bundle = build / "pyinstaller" / "dist" / "hoist"
            if not bundle.is_dir():
                raise BuildError("--skip-bundle: there is no bundle to reuse yet.")
        else:
            ensure_pyinstaller()
            bundle = build_bundle(icons, build)
        say(f"Bundle: {bundle} ({megabytes(folder_size(bundle))})")
        if not linux:
            return 0
        dist.mkdir(parents=True, exist_ok=True)
        tree = stage_deb_tree(bundle, icons, PACKAGING / "linux", build / "deb", version)
        validate_desktop_files(tree)
        deb = build_deb(tree, dist, version, level=1 if args.fast else 6)
        if deb.stat().st_size > MAX_DEB_BYTES:
            raise BuildError(f"{deb.name} is {megabytes(deb.stat().st_size)}, over 70 MB.")
        tarball = build_tarball(bundle, icons, dist, version, level=1 if args.fast else 6)
        for artifact in (deb, tarball):
            digest = hashlib.sha256(artifact.read_bytes()).hexdigest()
            say(f"{artifact}: {megabytes(artifact.stat().st_size)} sha256 {digest}")
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    say(f"Done in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
