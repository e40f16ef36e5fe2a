"""The sandbox's state: Files, Uploads and their Parts, kept on disk under the data folder.

Bytes live in files (files/<id>, uploads/<upload_id>/<part_id>); metadata lives in memory and
is mirrored to state.json after every change, so a sandbox restarted on the same folder keeps
its Files and pending Uploads.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.sandbox.assembly import Assembly, AssemblyStats
from app.sandbox.config import MAX_UPLOAD_BYTES
from app.sandbox.content import place_segments, segment_paths
from app.sandbox.errors import bad_request, not_found
from app.sandbox.records import FileRecord, PartRecord, UploadRecord, file_expiry, new_id

SAVE_DELAY = 0.2  # seconds


class Store:
    def __init__(
        self, data_dir: Path, upload_ttl: float, clock: Callable[[], float] = time.time
    ) -> None:
        self.data_dir = data_dir
        self.upload_ttl = upload_ttl
        self.clock = clock
        self.files: dict[str, FileRecord] = {}
        self.uploads: dict[str, UploadRecord] = {}
        self.completing: set[str] = set()  # upload ids whose parts are being assembled
        self.assemblies: dict[str, Assembly] = {}  # pending uploads' on-arrival assembly
        self.assembly_stats = AssemblyStats()
        self._tombstones: dict[str, tuple[int, int]] = {}  # deleted file id → sort key
        self._seq = 0
        self._save_handle: asyncio.TimerHandle | None = None
        for sub in ("files", "uploads", "tmp"):
            (data_dir / sub).mkdir(parents=True, exist_ok=True)
        self._load()

    # ---- paths and persistence -------------------------------------------------------
    @property
    def state_path(self) -> Path:
        return self.data_dir / "state.json"

    def file_path(self, file_id: str) -> Path:
        return self.data_dir / "files" / file_id

    def upload_dir(self, upload_id: str) -> Path:
        return self.data_dir / "uploads" / upload_id

    def part_path(self, upload_id: str, part_id: str) -> Path:
        return self.upload_dir(upload_id) / part_id

    def content_paths(self, record: FileRecord) -> list[Path]:
        """Where the File's bytes are, in order (app/sandbox/content.py reads them as one)."""
        if record.segments:
            return segment_paths(self.file_path(record.id), record.segments)
        return [self.file_path(record.id)]

    def new_tmp_path(self) -> Path:
        return self.data_dir / "tmp" / secrets.token_hex(12)

    def _load(self) -> None:
        if not self.state_path.exists():
            return
        data = json.loads(self.state_path.read_text(encoding="utf-8"))
        for raw in data.get("files", []):
            record = FileRecord(**raw)
            self.files[record.id] = record
            self._seq = max(self._seq, record.seq)
        for raw in data.get("uploads", []):
            parts = {p["id"]: PartRecord(**p) for p in raw.pop("parts", [])}
            upload = UploadRecord(**raw, parts=parts)
            self.uploads[upload.id] = upload

    def save(self) -> None:
        """Write state.json soon (changes within SAVE_DELAY are written once)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        if self._save_handle is None:
            self._save_handle = loop.call_later(SAVE_DELAY, self.flush)

    def flush(self) -> None:
        """Write state.json now."""
        if self._save_handle is not None:
            self._save_handle.cancel()
            self._save_handle = None
        uploads = []
        for upload in self.uploads.values():
            raw = {k: v for k, v in vars(upload).items() if k != "parts"}
            raw["parts"] = [vars(p) for p in upload.parts.values()]
            uploads.append(raw)
        data = {"files": [vars(f) for f in self.files.values()], "uploads": uploads}
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, self.state_path)

    # ---- files ---------------------------------------------------------------------------
    def add_file(
        self, source: Path, size: int, filename: str, purpose: str, expires_after: int | None
    ) -> FileRecord:
        """Adopt the bytes at `source` (moved, not copied) as a new File."""
        record = self._new_file_record(size, filename, purpose, expires_after)
        os.replace(source, self.file_path(record.id))
        self.files[record.id] = record
        self.save()
        return record

    def _new_file_record(
        self, size: int, filename: str, purpose: str, expires_after: int | None
    ) -> FileRecord:
        now = int(self.clock())
        self._seq += 1
        return FileRecord(
            id=new_id("file-"),
            bytes=size,
            created_at=now,
            expires_at=file_expiry(now, purpose, expires_after),
            filename=filename,
            purpose=purpose,
            seq=self._seq,
        )

    def _drop_expired_files(self) -> None:
        now = self.clock()
        expired = [
            f for f in self.files.values() if f.expires_at is not None and f.expires_at <= now
        ]
        for record in expired:
            self._remove_file(record)
        if expired:
            self.save()

    def _remove_file(self, record: FileRecord) -> None:
        del self.files[record.id]
        self._tombstones[record.id] = (record.created_at, record.seq)
        if record.segments:
            shutil.rmtree(self.file_path(record.id), ignore_errors=True)
        else:
            self.file_path(record.id).unlink(missing_ok=True)

    def get_file(self, file_id: str) -> FileRecord:
        self._drop_expired_files()
        record = self.files.get(file_id)
        if record is None:
            raise not_found("File", file_id, "id")
        return record

    def delete_file(self, file_id: str) -> FileRecord:
        record = self.get_file(file_id)
        self._remove_file(record)
        self.save()
        return record

    def list_files(
        self, *, purpose: str | None, order: str, after: str | None, limit: int
    ) -> tuple[list[FileRecord], bool]:
        self._drop_expired_files()

        def key(f: FileRecord) -> tuple[int, int]:
            return (f.created_at, f.seq)

        records = [f for f in self.files.values() if purpose is None or f.purpose == purpose]
        records.sort(key=key, reverse=order == "desc")
        if after is not None:
            if after in self.files:
                cursor = key(self.files[after])
            elif after in self._tombstones:
                cursor = self._tombstones[after]
            else:
                raise bad_request(f"No such File object: {after}", param="after")
            if order == "desc":
                records = [f for f in records if key(f) < cursor]
            else:
                records = [f for f in records if key(f) > cursor]
        return records[:limit], len(records) > limit

    # ---- uploads -------------------------------------------------------------------------
    def create_upload(
        self, *, size: int, filename: str, purpose: str, mime_type: str, expires_after: int | None
    ) -> UploadRecord:
        now = self.clock()
        upload = UploadRecord(
            id=new_id("upload_"),
            bytes=size,
            created_at=int(now),
            expires_time=now + self.upload_ttl,
            filename=filename,
            purpose=purpose,
            mime_type=mime_type,
            status="pending",
            file_expires_after=expires_after,
        )
        self.uploads[upload.id] = upload
        self.upload_dir(upload.id).mkdir(parents=True, exist_ok=True)
        self.save()
        return upload

    def get_upload(self, upload_id: str) -> UploadRecord:
        upload = self.uploads.get(upload_id)
        if upload is None:
            raise not_found("Upload", upload_id, "upload_id")
        if (
            upload.status == "pending"
            and upload.id not in self.completing
            and self.clock() >= upload.expires_time
        ):
            upload.status = "expired"
            self._drop_assembly(upload.id)
            shutil.rmtree(self.upload_dir(upload.id), ignore_errors=True)
            self.save()
        return upload

    def upload_json(self, upload: UploadRecord) -> dict[str, Any]:
        file_record = self.files.get(upload.file_id) if upload.file_id else None
        return {
            "id": upload.id,
            "object": "upload",
            "bytes": upload.bytes,
            "created_at": upload.created_at,
            "expires_at": upload.expires_at,
            "filename": upload.filename,
            "purpose": upload.purpose,
            "status": upload.status,
            "file": file_record.to_json() if file_record else None,
        }

    def require_open(self, upload: UploadRecord, action: str) -> None:
        """Raise a clear 400 unless the Upload still takes parts / can be completed."""
        if upload.id in self.completing:
            raise bad_request(f"Cannot {action}: Upload {upload.id} is being completed.")
        if upload.status != "pending":
            raise bad_request(
                f"Cannot {action}: Upload {upload.id} is already {upload.status}.",
                code=f"upload_{upload.status}",
            )

    def assembly_for(self, upload: UploadRecord) -> Assembly:
        """The Upload's on-arrival assembly (parts from before a restart are taken again)."""
        assembly = self.assemblies.get(upload.id)
        if assembly is None:
            assembly = Assembly(
                lambda part_id: self.part_path(upload.id, part_id),
                self.assembly_stats,
            )
            earlier = sorted(upload.parts.values(), key=lambda p: (p.slot, p.created_at))
            for slot, part in enumerate(earlier):
                part.slot = slot  # numbered again from 0, as the new assembly takes them
            assembly.adopt([p.id for p in earlier])
            self.assemblies[upload.id] = assembly
        return assembly

    def _drop_assembly(self, upload_id: str) -> None:
        assembly = self.assemblies.pop(upload_id, None)
        if assembly is not None:
            assembly.abandon()

    def add_part(self, upload: UploadRecord, source: Path, size: int, slot: int = -1) -> PartRecord:
        """Adopt the bytes at `source` as a new Part (the caller checked the Upload is open)."""
        if upload.parts_bytes() + size > MAX_UPLOAD_BYTES:
            source.unlink(missing_ok=True)
            raise bad_request(
                f"Upload {upload.id} cannot hold more than 8 GB of parts.", param="data"
            )
        part = PartRecord(
            id=new_id("part_"),
            upload_id=upload.id,
            created_at=int(self.clock()),
            size=size,
            slot=slot,
        )
        os.replace(source, self.part_path(upload.id, part.id))
        upload.parts[part.id] = part
        self.save()
        return part

    def cancel_upload(self, upload: UploadRecord) -> None:
        if upload.status == "cancelled":
            return
        self.require_open(upload, "cancel")
        upload.status = "cancelled"
        self._drop_assembly(upload.id)
        shutil.rmtree(self.upload_dir(upload.id), ignore_errors=True)
        self.save()

    def check_completion(self, upload: UploadRecord, part_ids: list[str]) -> list[Path]:
        """Validate the ordered part ids; return the part files in that order."""
        self.require_open(upload, "complete")
        if len(set(part_ids)) != len(part_ids):
            raise bad_request("part_ids contains the same Part more than once.", param="part_ids")
        for part_id in part_ids:
            if part_id not in upload.parts:
                raise bad_request(
                    f"Part {part_id} does not belong to Upload {upload.id}.", param="part_ids"
                )
        total = sum(upload.parts[p].size for p in part_ids)
        if total != upload.bytes:
            raise bad_request(
                f"The Parts add up to {total} bytes, but the Upload was created with "
                f"{upload.bytes} bytes.",
                param="part_ids",
                code="bytes_mismatch",
            )
        return [self.part_path(upload.id, p) for p in part_ids]

    def finish_completion(self, upload: UploadRecord, sources: list[Path]) -> FileRecord:
        """Make the part files (in File order) the Upload's File; mark the Upload completed."""
        if not sources:  # an empty Upload: an empty file
            empty = self.new_tmp_path()
            empty.write_bytes(b"")
            record = self.add_file(
                empty, 0, upload.filename, upload.purpose, upload.file_expires_after
            )
        else:
            record = self._new_file_record(
                upload.bytes, upload.filename, upload.purpose, upload.file_expires_after
            )
            place_segments(sources, self.file_path(record.id))
            record.segments = len(sources)
            self.files[record.id] = record
        upload.status = "completed"
        upload.file_id = record.id
        self._drop_assembly(upload.id)
        shutil.rmtree(self.upload_dir(upload.id), ignore_errors=True)
        self.save()
        return record
