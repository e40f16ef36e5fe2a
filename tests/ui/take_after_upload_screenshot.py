"""Take the README screenshot of "Add to vector store…" mid-progress.

Run under a real X server with a window manager, so the dialog is drawn and placed as users
see it, e.g.:

    Xvfb :57 -screen 0 1280x800x24 & DISPLAY=:57 openbox &
    DISPLAY=:57 dbus-run-session -- sh -c \\
      'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
       .venv/bin/python tests/ui/take_after_upload_screenshot.py resources/screenshots'

It starts its own sandbox (vector store processing takes 60 s, so the batch is caught in
progress), a throwaway HOIST_HOME and a fake key, uploads three documents, opens the dialog
on an existing store, starts the file batch and captures the screen with `import`.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from shotkit import shot, until

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test-screenshot-7f3a"
STORES = ("Release archive", "Support answers", "Product docs")  # the last is the newest


def _docs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for name, words in (
        ("product-guide.md", "How to set up the scanner and pair it. "),
        ("warranty-terms.md", "The warranty covers parts and labour. "),
        ("faq.txt", "Q: Does it work offline? A: Yes. "),
    ):
        path = folder / name
        path.write_text(f"# {name}\n\n" + words * 3000)
        made.append(path)
    return made


def _create_store(base_url: str, name: str) -> str:
    request = urllib.request.Request(
        f"{base_url}/vector_stores",
        data=json.dumps({"name": name}).encode(),
        headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return str(json.loads(response.read())["id"])


def main(out_dir: str) -> int:
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="hoist-shots-"))
    os.environ["HOIST_HOME"] = str(work / "home")
    sandbox = subprocess.Popen(
        [sys.executable, "-m", "app.sandbox", "--port", "0", "--data-dir", str(work / "sb"),
         "--processing-delay", "60", "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert sandbox.stdout is not None
    base_url = sandbox.stdout.readline().strip()
    try:
        stores = [_create_store(base_url, name) for name in STORES]
        return _qt(base_url, out, work, stores[-1])
    finally:
        sandbox.terminate()
        sandbox.wait()
        sandbox.stdout.close()


def _qt(base_url: str, out: Path, work: Path, store_id: str) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    from app.secrets import KeyStore
    from app.settings import Profile, Settings
    from app.ui.app import make_application

    Settings(profiles={"work": Profile("work", base_url)}, active_profile="work").save()
    KeyStore.shared().set("work", KEY)
    app = make_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    docs = _docs(work / "files")

    from app.ui.main_window import MainWindow
    from app.ui.vector_store_dialog import VectorStoreDialog

    window = MainWindow()
    window.resize(1240, 740)
    window.move(20, 10)
    window.show()

    async def scenario() -> None:
        await window.start([])
        tab = window.queue_tab
        tab.purpose.set_purpose("assistants")
        tab.add_paths([str(d) for d in docs])
        await until(
            lambda: len(tab.staged_rows()) == 3 and not any(r.checking for r in tab.staged_rows())
        )
        await tab.start_uploads()
        await until(lambda: all(r.file_id for r in tab.model.rows()))
        tab.table.selectAll()
        window.after_upload.add_to_store.trigger()
        dialog = window.after_upload.dialog
        assert isinstance(dialog, VectorStoreDialog)
        await until(lambda: dialog.stores.count() == len(STORES))
        dialog.select_store(store_id)
        seen: list[str] = []
        dialog.batchUpdated.connect(lambda batch: seen.append(batch.status))
        dialog.start()
        await until(lambda: len(seen) >= 2 and seen[-1] == "in_progress")  # polled, not new
        await asyncio.sleep(0.5)
        QApplication.processEvents()
        shot(out / "vector-store.png")
        dialog.reject()
        await window.shutdown()

    with loop:
        loop.run_until_complete(asyncio.wait_for(scenario(), 300))
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown of Qt objects (nothing left to save)
