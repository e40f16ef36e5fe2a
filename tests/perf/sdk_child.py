"""The official SDK doing the same job, as its own process (measured by the runner's wait4).

    python tests/perf/sdk_child.py chunked BASE_URL FILE   # uploads.upload_file_chunked
    python tests/perf/sdk_child.py create BASE_URL FILE... # files.create in a loop

The key comes from OPENAI_API_KEY (a fake one; the sandbox accepts any). Prints one JSON
line: {"ids": [...], "first_request_at": time.time() when the first call began}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    mode, base_url, *paths = argv
    from openai import OpenAI

    client = OpenAI(base_url=base_url, max_retries=2, timeout=600)
    ids: list[str] = []
    began = time.time()
    if mode == "chunked":
        path = Path(paths[0])
        upload = client.uploads.upload_file_chunked(
            file=path, mime_type="application/octet-stream", purpose="user_data"
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
