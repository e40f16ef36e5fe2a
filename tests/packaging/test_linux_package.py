"""Build the Linux packages once, check what is inside, then run the packaged app.

The build (PyInstaller + dpkg-deb, light compression) takes about a minute of CPU, so it
happens once per module. The packaged binary is run from the extracted .deb: --version,
--self-check (offscreen; in CI with the Secret Service of .ci/test), a real multi-part upload
to a sandbox, a download of it, and the packaged `hoist sandbox` itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app import __version__

SandboxProc = Any  # tests/conftest.py's sandbox process handle

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.hoistapp.Hoist"
MAX_DEB_BYTES = 70 * 1024 * 1024
# architecture.md: what a bare Debian 12 needs for Qt offscreen and under X
REQUIRED_DEPENDS = [
    "libglib2.0-0",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libxkbcommon0",
    "libdbus-1-3",
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
    "libxcb1",
    "ca-certificates",
]
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
TOOLS = ("dpkg-deb", "desktop-file-validate", "appstreamcli")

pytestmark = [
    pytest.mark.timeout(1200),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux packages"),
]


@dataclass(frozen=True)
class Built:
    deb: Path
    tarball: Path
    root: Path  # the .deb extracted with dpkg-deb -x

    @property
    def hoist(self) -> Path:
        return self.root / "usr" / "bin" / "hoist"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI lacks {missing}: .ci/setup must install them")
        pytest.skip(f"needs {missing} (apt-get install dpkg-dev desktop-file-utils appstream)")
    scratch = tmp_path_factory.mktemp("package-build")
    done = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "packaging" / "build.py"),
            "--fast",
            "--no-apt",
            "--build-dir",
            str(scratch / "build"),
            "--dist-dir",
            str(scratch / "dist"),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=1100,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    debs = list((scratch / "dist").glob("hoist_*.deb"))
    tarballs = list((scratch / "dist").glob("hoist-*-linux-*.tar.gz"))
    assert len(debs) == 1 and len(tarballs) == 1, done.stdout
    root = scratch / "root"
    subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(root)], check=True)
    shutil.rmtree(scratch / "build")  # ~400 MB of intermediate files
    yield Built(deb=debs[0], tarball=tarballs[0], root=root)


def packaged(
    built: Built, *args: str, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(built.hoist), *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_deb_name_size_and_control_fields(built: Built) -> None:
    assert built.deb.name == f"hoist_{__version__}_amd64.deb"
    assert built.deb.stat().st_size <= MAX_DEB_BYTES
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(built.deb)], check=True, capture_output=True, text=True
    ).stdout
    control = dict(
        line.split(": ", 1) for line in fields.splitlines() if ": " in line and line[0] != " "
    )
    assert control["Package"] == "hoist"
    assert control["Version"] == __version__
    assert control["Architecture"] == "amd64"
    depends = [part.strip() for part in control["Depends"].split(",")]
    names = {alt.split()[0] for part in depends for alt in part.split("|")}
    assert set(REQUIRED_DEPENDS) <= names, sorted(set(REQUIRED_DEPENDS) - names)
    assert any(part.startswith("libc6 (>= 2.") for part in depends)
    assert any("fonts-dejavu-core" in part for part in depends)  # a bare system has no font


def test_deb_lays_out_opt_usr_bin_desktop_icons_metainfo_copyright(built: Built) -> None:
    root = built.root
    assert (root / "opt/hoist/hoist").is_file()
    assert os.access(root / "opt/hoist/hoist", os.X_OK)
    assert os.readlink(root / "usr/bin/hoist") == "../../opt/hoist/hoist"
    assert (root / f"usr/share/applications/{APP_ID}.desktop").is_file()
    assert (root / f"usr/share/metainfo/{APP_ID}.metainfo.xml").is_file()
    for size in ICON_SIZES:
        icon = root / f"usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        assert png_size(icon) == (size, size)
    svg = root / f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg"
    assert svg.read_bytes() == (REPO_ROOT / "resources" / "hoist.svg").read_bytes()
    copyright_text = (root / "usr/share/doc/hoist/copyright").read_text()
    assert "License: MIT" in copyright_text and "keyring" in copyright_text
    internal = root / "opt/hoist/_internal"
    # keyring finds its backends through entry points: its metadata must be in the bundle
    assert list(internal.glob("keyring-*.dist-info/entry_points.txt"))
    assert (internal / "resources" / "hoist.svg").is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert (plugins / "platforms" / "libqoffscreen.so").is_file()
    assert (plugins / "imageformats" / "libqsvg.so").is_file()
    assert not list(plugins.glob("platformthemes/*gtk3*")), "the GTK theme plugin pulls in GTK"
    assert not list(internal.glob("libgtk-3*"))


def test_desktop_entry_and_metainfo_validate(built: Built) -> None:
    desktop = built.root / f"usr/share/applications/{APP_ID}.desktop"
    metainfo = built.root / f"usr/share/metainfo/{APP_ID}.metainfo.xml"
    subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], check=True)
    entry = dict(
        line.split("=", 1) for line in desktop.read_text().split("\n\n")[0].splitlines()[1:]
    )
    assert entry["Exec"] == "hoist %F"
    assert entry["Icon"] == APP_ID
    assert {"application/jsonl", "application/pdf", "image/png"} <= set(
        entry["MimeType"].rstrip(";").split(";")
    )
    assert f'<release version="{__version__}"' in metainfo.read_text()


def test_tarball_holds_the_runnable_bundle(built: Built) -> None:
    top = f"hoist-{__version__}"
    with tarfile.open(built.tarball) as archive:
        members = {m.name: m for m in archive.getmembers()}
    assert members[f"{top}/hoist"].mode & 0o111
    assert f"{top}/README.txt" in members
    assert f"{top}/{APP_ID}.desktop" in members
    assert any(name.startswith(f"{top}/_internal/PySide6/") for name in members)
    assert all(m.uid == 0 and m.uname == "root" for m in members.values())


def test_bundle_carries_the_window_translations_and_qts_for_them(built: Built) -> None:
    top = f"hoist-{__version__}/_internal"
    with tarfile.open(built.tarball) as archive:
        names = set(archive.getnames())
    for language in ("en", "de", "es"):
        assert f"{top}/app/ui/translations/hoist_{language}.qm" in names
    qt = {n.rsplit("/", 1)[-1] for n in names if n.startswith(f"{top}/PySide6/Qt/translations/")}
    assert qt == {"qtbase_de.qm", "qtbase_es.qm"}  # Qt's own words for the standard buttons


def test_packaged_version(built: Built) -> None:
    done = packaged(built, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"hoist {__version__}"


def test_packaged_self_check(built: Built, hoist_home: Path) -> None:
    done = packaged(built, "--self-check")
    out = done.stdout
    assert "OK       Version: Hoist" in out and "packaged build" in out, out + done.stderr
    assert "OK       Qt: Qt 6" in out and '"offscreen"' in out and "SVG icons draw" in out
    assert "OK       Trust store" in out
    assert "OK       Sandbox" in out
    assert "missing its keyring backends" not in out
    assert str(hoist_home) in out
    if os.environ.get("HOIST_EXPECT_SECRET_SERVICE") == "1":
        assert "OK       Keyring: keyring.backends.SecretService.Keyring" in out, out
        assert done.returncode == 0, out
        assert out.rstrip().endswith("All checks passed.")


def test_packaged_upload_and_download_against_sandbox(
    built: Built, sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    server = sandbox()
    source = tmp_path / "notes.txt"
    line = b"Hoist packaged upload test line.\n"
    source.write_bytes(line * ((3 * 1024 * 1024 + 12345) // len(line)))
    key = {"OPENAI_API_KEY": "sk-test-123"}
    done = packaged(
        built,
        "upload",
        str(source),
        "--purpose",
        "user_data",
        "--method",
        "uploads",
        "--part-size",
        "1MiB",
        "--concurrency",
        "3",
        "--json",
        "--base-url",
        server.base_url,
        timeout=180,
        **key,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == "completed", result
    assert result["file"]["bytes"] == source.stat().st_size
    assert result["upload_id"]
    requests = [(r["method"], r["path"]) for r in server.requests()]
    assert ("POST", "/v1/uploads") in requests
    parts = [p for m, p in requests if m == "POST" and p.endswith("/parts")]
    assert len(parts) == 4  # 3 MiB + a bit, in 1 MiB parts
    assert ("POST", f"/v1/uploads/{result['upload_id']}/complete") in requests

    target = tmp_path / "back.txt"
    done = packaged(
        built,
        "files",
        "download",
        result["file"]["id"],
        "-o",
        str(target),
        "--base-url",
        server.base_url,
        **key,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert hashlib.md5(target.read_bytes()).digest() == hashlib.md5(source.read_bytes()).digest()


def test_packaged_sandbox_serves_the_packaged_cli(built: Built, tmp_path: Path) -> None:
    server = subprocess.Popen(
        [str(built.hoist), "sandbox", "--port", "0", "--data-dir", str(tmp_path / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(server.stdout.readline()))
        reader.start()
        reader.join(60)
        base_url = first[0].strip() if first else ""
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1"), first
        note = tmp_path / "hello.md"
        note.write_text("# hello from the package\n")
        key = {"OPENAI_API_KEY": "sk-test-123"}
        done = packaged(
            built,
            "upload",
            str(note),
            "--purpose",
            "assistants",
            "--json",
            "--base-url",
            base_url,
            **key,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        done = packaged(built, "files", "list", "--json", "--base-url", base_url, **key)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "hello.md" in done.stdout
    finally:
        server.terminate()
        server.wait(timeout=20)
        if server.stdout is not None:
            server.stdout.close()
