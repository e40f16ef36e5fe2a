"""The Windows installer, built and used under Wine: on demand, not in CI.

    HOIST_TEST_WINDOWS=1 bash .ci/test tests/packaging/test_windows_installer.py

builds dist/hoist-<version>-windows-x64-setup.exe with packaging/build_windows.py (into a
scratch folder; the downloads come from its cache), installs it silently per user into a
fresh Wine prefix (on a private Xvfb display: Inno Setup needs a window system even when
silent), runs the installed hoist.exe — --version, --self-check, a real multi-part upload
to a Linux sandbox on 127.0.0.1 and the download of it — then uninstalls it and checks that
nothing is left. HOIST_WINDOWS_SETUP=path/to/setup.exe tests that installer instead of
building one. The last result and its timings are in packaging/README.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from xdisplay import private_display

from app import __version__

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "packaging"))

SandboxProc = Any  # tests/conftest.py's sandbox process handle
MAX_SETUP_BYTES = 70 * 1024 * 1024
SETUP_NAME = f"hoist-{__version__}-windows-x64-setup.exe"
SILENT = ["/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"]

pytestmark = [
    pytest.mark.timeout(3600),
    pytest.mark.skipif(
        os.environ.get("HOIST_TEST_WINDOWS") != "1",
        reason="on demand (a Wine build, minutes of CPU): HOIST_TEST_WINDOWS=1 bash .ci/test "
        "tests/packaging/test_windows_installer.py",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="runs Windows under Wine"),
]


@dataclass(frozen=True)
class Wine:
    prefix: Path
    display: str

    @property
    def user_dir(self) -> Path:
        return self.prefix / "drive_c" / "users" / os.environ.get("USER", "root")

    @property
    def app_dir(self) -> Path:
        return self.user_dir / "AppData" / "Local" / "Programs" / "Hoist"

    @property
    def start_menu(self) -> Path:
        return self.user_dir / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs"

    @property
    def send_to(self) -> Path:
        return self.user_dir / "AppData/Roaming/Microsoft/Windows/SendTo"

    def path(self, path: Path) -> str:
        return "Z:" + str(path.resolve()).replace("/", "\\")

    def run(
        self, program: Path, *args: str, timeout: float = 300, **env: str
    ) -> subprocess.CompletedProcess[str]:
        """Runs a Windows program and waits for every process it started (wineserver)."""
        from wine_prefix import wine_env

        full_env = wine_env(self.prefix, DISPLAY=self.display, **env)
        done = subprocess.run(
            ["wine", str(program), *args],
            env=full_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
        )
        subprocess.run(["wineserver", "--wait"], env=full_env, timeout=timeout, check=True)
        return done

    def registry_has(self, key: str) -> bool:
        from wine_prefix import wine_env

        done = subprocess.run(
            ["wine", "reg", "query", key],
            env=wine_env(self.prefix, DISPLAY=self.display),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=120,
        )
        return done.returncode == 0


@pytest.fixture(scope="module")
def setup_exe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("HOIST_WINDOWS_SETUP")
    if given:
        return Path(given)
    scratch = tmp_path_factory.mktemp("windows-build")
    command = [
        sys.executable,
        str(REPO_ROOT / "packaging" / "build_windows.py"),
        "--fast",
        "--no-apt",
        "--build-dir",
        str(scratch / "build"),
        "--dist-dir",
        str(scratch / "dist"),
    ]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=3000)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    shutil.rmtree(scratch / "build")  # ~500 MB of PyInstaller work files
    return scratch / "dist" / SETUP_NAME


@pytest.fixture(scope="module")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private Xvfb (no TCP listener); it prints the display number it picked."""
    for tool, package in (("Xvfb", "xvfb"), ("xwininfo", "x11-utils")):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing (apt-get install {package})")
    with private_display() as name:
        yield name


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory, display: str) -> Iterator[Wine]:
    from windows_toolchain import default_cache
    from wine_prefix import prepare_prefix, wine_env

    prefix = tmp_path_factory.mktemp("wine") / "prefix"
    prepare_prefix(prefix, default_cache())
    yield Wine(prefix=prefix, display=display)
    subprocess.run(["wineserver", "--kill"], env=wine_env(prefix), check=False)


@pytest.fixture(scope="module")
def installed(setup_exe: Path, wine: Wine, tmp_path_factory: pytest.TempPathFactory) -> Wine:
    log = tmp_path_factory.mktemp("setup-log") / "install.log"
    done = wine.run(setup_exe, *SILENT, "/CURRENTUSER", f"/LOG={wine.path(log)}", timeout=600)
    assert done.returncode == 0, done.stderr[-3000:] + log.read_text(errors="replace")
    assert "Installation process succeeded." in log.read_text(errors="replace")
    return wine


def hoist(
    wine: Wine, *args: str, timeout: float = 300, **env: str
) -> subprocess.CompletedProcess[str]:
    return wine.run(wine.app_dir / "hoist.exe", *args, timeout=timeout, **env)


def test_installer_name_size_and_format(setup_exe: Path) -> None:
    assert setup_exe.name == SETUP_NAME
    assert 10 * 1024 * 1024 < setup_exe.stat().st_size <= MAX_SETUP_BYTES
    assert setup_exe.read_bytes()[:2] == b"MZ"


def test_silent_install_lays_out_the_app_start_menu_and_send_to(installed: Wine) -> None:
    app = installed.app_dir
    assert (app / "hoist.exe").is_file() and (app / "hoistw.exe").is_file()
    assert (app / "unins000.exe").is_file()
    internal = app / "_internal"
    assert list(internal.glob("keyring-*.dist-info/entry_points.txt"))
    assert (internal / "resources" / "hoist.svg").is_file()
    plugins = internal / "PySide6" / "plugins"
    assert (plugins / "platforms" / "qwindows.dll").is_file()
    assert (plugins / "platforms" / "qoffscreen.dll").is_file()
    assert (plugins / "imageformats" / "qsvg.dll").is_file()
    assert not (internal / "PySide6" / "Qt6Quick.dll").exists(), "unused Qt modules are pruned"
    assert not (internal / "PySide6" / "translations").exists()
    assert not (internal / "PySide6" / "opengl32sw.dll").exists(), "widgets paint without GL"
    assert not (plugins / "platforms" / "qdirect2d.dll").exists()
    assert (installed.start_menu / "Hoist.lnk").is_file()
    assert (installed.start_menu / "Hoist (try with the built-in sandbox).lnk").is_file()
    assert (installed.send_to / "Hoist.lnk").is_file()
    assert not (installed.prefix / "drive_c" / "Program Files" / "Hoist").exists()
    assert installed.registry_has(r"HKCU\Software\Classes\Applications\hoistw.exe\shell\open")


def test_installed_version(installed: Wine) -> None:
    done = hoist(installed, "--version")
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == f"hoist {__version__}"


def test_installed_self_check(installed: Wine, tmp_path: Path) -> None:
    # Wine hands no QT_* variable to Windows programs, so QT_QPA_PLATFORM=offscreen cannot
    # apply: Qt starts with its real Windows platform plugin, on the private Xvfb display.
    home = installed.path(tmp_path / "home")
    done = hoist(installed, "--self-check", HOIST_HOME=home)
    out = done.stdout
    assert done.returncode == 0, out + done.stderr[-3000:]
    assert "packaged build in C:\\users\\" in out and "\\Programs\\Hoist)" in out, out
    assert "OK       Qt: Qt 6" in out and '"windows"' in out and "SVG icons draw" in out, out
    assert "OK       Keyring: keyring.backends.Windows.WinVaultKeyring" in out, out
    assert "OK       Trust store: truststore" in out and "Windows certificate store" in out
    assert "OK       Sandbox" in out
    assert home in out
    assert out.rstrip().endswith("All checks passed.")


def test_installed_upload_and_download_against_the_sandbox(
    installed: Wine, sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    server = sandbox()
    assert server.base_url.startswith("http://127.0.0.1:")
    source = tmp_path / "notes.txt"
    line = b"Hoist Windows upload test line.\n"
    source.write_bytes(line * ((2 * 1024 * 1024 + 54321) // len(line)))
    env = {"OPENAI_API_KEY": "sk-test-123", "HOIST_HOME": installed.path(tmp_path / "home")}
    upload = [
        "upload",
        installed.path(source),
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
    ]
    done = hoist(installed, *upload, **env)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == "completed", result
    assert result["file"]["bytes"] == source.stat().st_size
    requests = [(r["method"], r["path"]) for r in server.requests()]
    parts = [path for method, path in requests if method == "POST" and path.endswith("/parts")]
    assert len(parts) == 3  # 2 MiB + a bit, in 1 MiB parts
    assert ("POST", f"/v1/uploads/{result['upload_id']}/complete") in requests

    target = tmp_path / "back.txt"
    download = ["files", "download", result["file"]["id"], "-o", installed.path(target)]
    done = hoist(installed, *download, "--base-url", server.base_url, **env)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert target.read_bytes() == source.read_bytes()


def test_installed_window_opens_with_queued_files(installed: Wine, tmp_path: Path) -> None:
    """hoistw.exe (Start menu, Send to) opens its window on the Xvfb display: waits until
    X has a mapped top-level window titled "Hoist", then stops the prefix's processes."""
    from wine_prefix import wine_env

    note = tmp_path / "queued.txt"
    note.write_text("queued from the command line, as Send to does\n")
    env = wine_env(
        installed.prefix, DISPLAY=installed.display, HOIST_HOME=installed.path(tmp_path / "h")
    )
    command = ["wine", str(installed.app_dir / "hoistw.exe"), "--sandbox", installed.path(note)]
    # stdout is a pipe: under Wine, Python cannot start on a file or /dev/null as stdout
    window = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    try:
        deadline = time.monotonic() + 180
        while not window_titled(installed.display, "Hoist"):
            assert window.poll() is None, window.communicate()[0][-3000:]
            assert time.monotonic() < deadline, "no Hoist window within 180 s"
            time.sleep(0.5)
    finally:
        subprocess.run(["wineserver", "--kill"], env=env, check=False)
        window.communicate(timeout=60)


def window_titled(display: str, title: str) -> bool:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree", "-display", display], capture_output=True, text=True
    ).stdout
    return any(f'"{title}": (' in line for line in tree.splitlines())


def test_silent_uninstall_leaves_nothing_behind(installed: Wine) -> None:
    done = installed.run(installed.app_dir / "unins000.exe", *SILENT, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert not installed.app_dir.exists(), sorted(installed.app_dir.rglob("*"))[:20]
    assert not list(installed.start_menu.glob("Hoist*")), list(installed.start_menu.iterdir())
    assert not (installed.send_to / "Hoist.lnk").exists()
    assert not (installed.prefix / "drive_c" / "Program Files" / "Hoist").exists()
    assert not (installed.prefix / "drive_c" / "Program Files (x86)" / "Hoist").exists()
    assert not installed.registry_has(r"HKCU\Software\Classes\Applications\hoistw.exe")
    uninstall_key = (
        r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall"
        r"\{1541E028-7CC6-4DE4-B757-DAFF093FC27F}_is1"
    )
    assert not installed.registry_has(uninstall_key)
