"""Image files for vision: recognised by their first bytes, not by their name."""

from __future__ import annotations

from pathlib import Path

from app.validation.limits import MAX_VISION_IMAGE, human_size
from app.validation.mime import extension
from app.validation.model import Collector

# Format name -> the extensions that name it.
IMAGE_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "PNG": (".png",),
    "JPEG": (".jpg", ".jpeg"),
    "WEBP": (".webp",),
    "GIF": (".gif",),
}


def sniff_image(head: bytes) -> str | None:
    """'PNG', 'JPEG', 'WEBP' or 'GIF' from the file's first 16 bytes, else None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    return None


def check_vision(path: Path, size: int, out: Collector) -> None:
    with path.open("rb") as stream:
        head = stream.read(16)
    kind = sniff_image(head)
    if kind is None:
        out.error(
            "This file is not a PNG, JPEG, WEBP or GIF image, so it cannot be used for vision."
        )
        return
    suffix = extension(path)
    if suffix not in IMAGE_EXTENSIONS[kind]:
        named = next((k for k, exts in IMAGE_EXTENSIONS.items() if suffix in exts), None)
        proper = IMAGE_EXTENSIONS[kind][0]
        if named is not None:
            out.warning(
                f'This file is named "{path.name}" but is really a {kind} image. It can still '
                f'be used; consider renaming it to end in "{proper}".'
            )
        else:
            out.warning(
                f'This file is a {kind} image, but its name "{path.name}" does not end in '
                f'"{proper}", so it is sent as a generic file. Consider renaming it.'
            )
    if size > MAX_VISION_IMAGE:
        out.warning(
            f"This image is {human_size(size)}; vision fine-tuning skips images over 10 MB."
        )
