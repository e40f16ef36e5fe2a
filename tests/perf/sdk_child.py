"""The official SDK doing the same job, as its own process (measured by the runner's wait4).

    python tests/perf/sdk_child.py chunked BASE_URL FILE   # uploads.upload_file_chunked
    python tests/perf/sdk_child.py chunked-md5 BASE_URL FILE  # … given the file's MD5 first
    python tests/perf/sdk_child.py create BASE_URL FILE... # files.create in a loop

The key comes from OPENAI_API_KEY (a fake one; the sandbox accepts any). Prints one JSON
line: {"ids": [...], "first_request_at": time.time() when the first call began}.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path


def file_md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        while chunk := handle.read(128 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def main(argv: list[str]) -> int:
    mode, base_url, *paths = argv
    from openai import OpenAI, omit

    client = OpenAI(base_url=base_url, max_retries=2, timeout=600)
    ids: list[str] = []
    began = time.time()
    if mode in ("chunked", "chunked-md5"):
        path = Path(paths[0])
        # the SDK does not hash: a caller who wants the upload checked passes md5= (its docs'
        # "Upload with MD5 verification"), computed here as such a caller would, beforehand
        md5 = file_md5(path) if mode == "chunked-md5" else omit
        upload = client.uploads.upload_file_chunked(
            file=path, mime_type="application/octet-stream", purpose="user_data", md5=md5
        )
        assert upload.file is not None, upload
        ids.append(upload.file.id)
    elif mode == "create":
        for name in paths:
            with open(name, "rb") as handle:
                ids.append(client.files.create(file=handle, purpose="user_data").id)
    else:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    print(json.dumps({"ids": ids, "first_request_at": began}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
