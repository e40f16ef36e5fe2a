"""The Debian package: stage the file tree, validate its desktop files, run dpkg-deb.

Used by packaging/build.py; kept apart so each file stays small.
"""

from __future__ import annotations

import hashlib
import platform
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

APP_ID = "io.github.hoistapp.Hoist"
INSTALL_DIR = "opt/hoist"
MAINTAINER = "The Hoist developers <hoist-maintainers@users.noreply.github.com>"
SUMMARY = "Upload files to the OpenAI Files API reliably"
DESCRIPTION = """\
 Hoist is a desktop app and a command line that get files into the OpenAI Files
 API (or any OpenAI-compatible service) reliably: large files go up in parts, in
 parallel, with pause, resume, automatic retry and recovery after a crash. Batch
 and fine-tuning files are checked before any byte is sent. The API key is kept
 in the system keyring.
 .
 The package is a self-contained bundle in /opt/hoist with its own Python and Qt."""
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# What a bare Debian 12 lacks for the bundle (architecture.md's measured list; ldd on the
# bundle adds libxcb1, the GL/EGL stack and Wayland). Several of these are also carried in
# the bundle when the build machine has them; depending on them keeps the package correct
# whatever the build machine had. Fonts: a minimal system has none, and Qt draws no text.
DEPENDS = (
    "libglib2.0-0",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libxkbcommon0",
    "libdbus-1-3",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libwayland-client0",
    "libwayland-cursor0",
    "ca-certificates",
    "fonts-dejavu-core | fonts-liberation2 | fonts-noto-core",
)
# A Secret Service keeps the API key; without one Hoist keeps it for the session only.
RECOMMENDS = ("gnome-keyring | kwalletmanager | keepassxc",)
ARCH_BY_MACHINE = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "armhf"}
GLIBC_SYMBOL = re.compile(rb"GLIBC_2\.(\d+)(?:\.\d+)?\x00")


class BuildError(Exception):
    """A build step failed; the message says which and what to do."""


def deb_arch() -> str:
    if shutil.which("dpkg"):
        done = subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=False
        )
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    return ARCH_BY_MACHINE.get(platform.machine(), platform.machine())


def deb_name(version: str) -> str:
    return f"hoist_{version}_{deb_arch()}.deb"


def check_metainfo_release(metainfo: Path, version: str) -> None:
    """The newest <release> in the metainfo must be the version being built."""
    root = ET.parse(metainfo).getroot()
    release = root.find("releases/release")
    found = release.get("version") if release is not None else None
    if found != version:
        raise BuildError(
            f"{metainfo.name} describes release {found}, but app/__init__.py says {version}: "
            "add a <release> entry for this version first."
        )


def min_glibc(bundle: Path) -> str:
    """The newest GLIBC_2.x symbol version any bundled binary asks for."""
    newest = 17
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) != b"\x7fELF":
                    continue
                data = handle.read()
            for match in GLIBC_SYMBOL.finditer(data):
                newest = max(newest, int(match.group(1)))
    return f"2.{newest}"


def depends_line(bundle: Path) -> str:
    return ", ".join((f"libc6 (>= {min_glibc(bundle)})", *DEPENDS))


def _requirement_name(requirement: str) -> str | None:
    """'httpx<0.29,>=0.27' → 'httpx'; None for requirements behind an extra."""
    if "extra ==" in requirement:
        return None
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    return match.group(0) if match else None


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    values = meta.get_all(name) or []
    return str(values[0]).strip() if values else ""


def bundled_distributions() -> list[tuple[str, str, str]]:
    """(name, version, licence) of hoist's runtime dependencies, recursively."""
    seen: dict[str, tuple[str, str, str]] = {}
    pending = ["hoist"]
    while pending:
        name = pending.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        meta = dist.metadata
        licence = _field(meta, "License-Expression") or _field(meta, "License")
        if not licence or len(licence) > 60 or "\n" in licence:
            classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License")]
            licence = classifiers[-1].split(" :: ")[-1] if classifiers else "see the package"
        seen[key] = (_field(meta, "Name") or name, dist.version, licence.strip())
        for requirement in dist.requires or []:
            if (child := _requirement_name(requirement)) is not None:
                pending.append(child)
    return sorted(seen.values(), key=lambda item: item[0].lower())


def copyright_text(linux_dir: Path) -> str:
    lines = [(linux_dir / "copyright").read_text(encoding="utf-8").rstrip("\n"), ""]
    lines.append(
        "Comment: Python packages bundled in /opt/hoist/_internal (name, version, licence)"
    )
    for name, version, licence in bundled_distributions():
        lines.append(f" {name} {version}: {licence}")
    return "\n".join(lines) + "\n"


def control_text(version: str, installed_kib: int, bundle: Path) -> str:
    return (
        f"Package: hoist\nVersion: {version}\nArchitecture: {deb_arch()}\n"
        f"Maintainer: {MAINTAINER}\nInstalled-Size: {installed_kib}\n"
        f"Depends: {depends_line(bundle)}\nRecommends: {', '.join(RECOMMENDS)}\n"
        f"Section: net\nPriority: optional\nDescription: {SUMMARY}\n{DESCRIPTION}\n"
    )


def _install(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def _normalize_modes(tree: Path) -> None:
    """Directories 755, executables 755, everything else 644 (whatever the umask was)."""
    for path in tree.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _md5sums(tree: Path) -> str:
    lines = []
    for path in sorted(tree.rglob("*")):
        relative = path.relative_to(tree)
        if relative.parts[0] == "DEBIAN" or path.is_symlink() or not path.is_file():
            continue
        lines.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative.as_posix()}")
    return "\n".join(lines) + "\n"


def stage_deb_tree(bundle: Path, icons: Path, linux_dir: Path, tree: Path, version: str) -> Path:
    """Lay out the package's files under `tree` (DEBIAN/ included)."""
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(bundle, tree / INSTALL_DIR, symlinks=True)
    launcher = tree / "usr" / "bin" / "hoist"
    launcher.parent.mkdir(parents=True)
    launcher.symlink_to(Path("..", "..", INSTALL_DIR, "hoist"))
    share = tree / "usr" / "share"
    _install(linux_dir / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    metainfo = f"{APP_ID}.metainfo.xml"
    _install(linux_dir / metainfo, share / "metainfo" / metainfo)
    hicolor = share / "icons" / "hicolor"
    for size in ICON_SIZES:
        source = icons / "hicolor" / f"{size}x{size}" / "apps" / "hoist.png"
        _install(source, hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    scalable = icons / "hicolor" / "scalable" / "apps" / "hoist.svg"
    _install(scalable, hicolor / "scalable" / "apps" / f"{APP_ID}.svg")
    doc = share / "doc" / "hoist" / "copyright"
    doc.parent.mkdir(parents=True)
    doc.write_text(copyright_text(linux_dir), encoding="utf-8")
    _normalize_modes(tree)
    control = tree / "DEBIAN"
    control.mkdir()
    for script in ("postinst", "postrm"):
        _install(linux_dir / script, control / script, 0o755)
    (control / "md5sums").write_text(_md5sums(tree), encoding="utf-8")
    installed = sum(p.stat().st_size for p in tree.rglob("*") if p.is_file() and not p.is_symlink())
    (control / "control").write_text(
        control_text(version, (installed + 1023) // 1024, bundle), encoding="utf-8"
    )
    for name in ("md5sums", "control"):
        (control / name).chmod(0o644)
    return tree


def _check(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    print(f"[build] checked: {' '.join(command)}", flush=True)


def validate_desktop_files(tree: Path) -> None:
    share = tree / "usr" / "share"
    _check(["desktop-file-validate", str(share / "applications" / f"{APP_ID}.desktop")])
    _check(
        ["appstreamcli", "validate", "--no-net", str(share / "metainfo" / f"{APP_ID}.metainfo.xml")]
    )


def build_deb(tree: Path, dist: Path, version: str, level: int = 6) -> Path:
    """dpkg-deb with xz at `level` (6 for releases; 1 is 4x faster and ~12 % larger)."""
    target = dist / deb_name(version)
    target.unlink(missing_ok=True)
    command = ["dpkg-deb", "--root-owner-group", "-Zxz", f"-z{level}", "--build"]
    command += [str(tree), str(target)]
    print("[build] $ " + " ".join(command), flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not target.is_file():
        raise BuildError(f"dpkg-deb failed:\n{done.stdout}{done.stderr}")
    return target
