"""What was learned about a server is kept by base URL next to the settings, and reloaded."""

from __future__ import annotations

import asyncio
import json
import stat

from app import known_servers
from app.api import Capabilities


def test_remembered_capabilities_save_themselves_and_load_back() -> None:
    assert known_servers.load("http://127.0.0.1:9/v1") == Capabilities()
    first = known_servers.remembered("http://127.0.0.1:9/v1/")
    assert first.learn_uploads(False) is True
    assert first.learn_uploads(False) is False  # not news: nothing written again
    other = known_servers.remembered("http://127.0.0.1:8/v1")
    other.learn_purpose_refused("user_data")
    again = known_servers.load("http://127.0.0.1:9/v1")
    assert again.uploads_api is False and again.uploads_for("batch") is False
    loaded = known_servers.load("http://127.0.0.1:8/v1")
    assert loaded.uploads_for("user_data") is False and loaded.uploads_for("batch") is None
    assert stat.S_IMODE(known_servers.path().stat().st_mode) == 0o600
    # a probe that finds the Uploads API clears what was refused before
    other.learn_uploads(True)
    assert other.uploads_for("user_data") is False
    other.probed(True)
    assert other.upload_purposes_refused == set()
    assert known_servers.load("http://127.0.0.1:8/v1").uploads_for("user_data") is True


def test_saving_from_a_running_loop_happens_off_the_loop() -> None:
    async def learn() -> None:
        capabilities = known_servers.remembered("http://localhost:7/v1")
        capabilities.learn_uploads(False)
        await asyncio.sleep(0)

    asyncio.run(learn())  # asyncio.run waits for the default executor before it returns
    assert known_servers.load("http://localhost:7/v1").uploads_api is False


def test_a_damaged_file_means_nothing_known() -> None:
    known_servers.path().parent.mkdir(parents=True, exist_ok=True)
    known_servers.path().write_text("{broken", encoding="utf-8")
    assert known_servers.load("http://127.0.0.1:9/v1") == Capabilities()
    known_servers.path().write_text(json.dumps({"http://127.0.0.1:9/v1": {"uploads_api": 3}}))
    assert known_servers.load("http://127.0.0.1:9/v1").uploads_api is None
    known_servers.save("http://127.0.0.1:9/v1", Capabilities(uploads_api=False))
    assert known_servers.load("http://127.0.0.1:9/v1").uploads_api is False
