"""`hoist upload PATH... --purpose P`: the engine, headless."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from app.api import FilesClient
from app.cli.units import parse_duration, parse_size
from app.engine import (
    MAX_PART_SIZE,
    AuthFailed,
    EngineError,
    EngineEvent,
    JobId,
    JobLog,
    JobSnapshot,
    JobState,
    LogLevel,
    NetworkWaitEnded,
    NetworkWaiting,
    Severity,
)
from app.engine.autotune import AUTO
from app.engine.core import Engine
from app.engine.failures import AUTH_MESSAGE
from app.engine.network import OFFLINE_ERROR_TYPE
from app.limits import MIN_PART_SIZE, MiB
from app.validation import PURPOSES

REDRAW_EVERY = 0.25
INTERRUPTED = "Interrupted; finished parts are saved. Run the same command to resume."
NOT_RECORDED = (
    "{count} change(s) could not be saved in the journal (see the log): a finished upload may "
    "be missing from the history and an unfinished one may not resume. Check `hoist files "
    "list` before running again."
)
KEY_REJECTED = (
    "The server rejected the API key. Run `hoist login` to store the right one "
    "(or set OPENAI_API_KEY), then run the same command to resume."
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from app.cli.after_upload import add_upload_options
    from app.cli.common import add_connection_options

    parser = sub.add_parser(
        "upload",
        help="upload files (validated first; large files in parallel parts)",
        description="Validate and upload files. Running the same command again after an "
        "interruption resumes where it stopped.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    parser.add_argument("--purpose", required=True, choices=PURPOSES)
    parser.add_argument(
        "--expires-after",
        type=parse_duration,
        metavar="D",
        help="expire the file after D: seconds or s/m/h/d (e.g. 7d); 1h to 30d",
    )
    parser.add_argument(
        "--method",
        choices=("auto", "files", "uploads"),
        default="auto",
        help="auto: one request when the file fits in one part, else the Uploads API",
    )
    parser.add_argument(
        "--part-size",
        type=parse_size,
        metavar="S",
        help="bytes per part (at most 64 MiB)",
    )
    parser.add_argument(
        "--concurrency",
        type=_concurrency_arg,
        metavar="N",
        help="requests in flight at once (1-16), or auto: found by throughput (from 4)",
    )
    parser.add_argument(
        "--max-offline",
        type=parse_duration,
        metavar="D",
        default=3600,
        help="wait up to D for an unreachable server (default 1h; 0: fail at once)",
    )
    parser.add_argument(
        "--limit-rate",
        type=parse_size,
        metavar="RATE",
        help="cap the upload rate of all requests together, per second (e.g. 5MB, 800KiB; "
        "0: no cap; default: the window's Settings)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON line per file on stdout")
    parser.add_argument(
        "--no-resume",
        action="store_true",
        help="start afresh even if an earlier run stopped",
    )
    parser.add_argument(
        "--no-inhibit-sleep",
        dest="inhibit_sleep",
        action="store_false",
        default=None,
        help="let the computer sleep while uploading (default: the inhibit_sleep setting, on)",
    )
    add_upload_options(parser)
    add_connection_options(parser)
    parser.set_defaults(func=run_upload)


def _concurrency_arg(text: str) -> int | str:
    if text.strip().lower() == AUTO:
        return AUTO
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("use a number from 1 to 16, or auto") from None


def run_upload(args: argparse.Namespace) -> int:
    if isinstance(args.concurrency, int) and not 1 <= args.concurrency <= 16:
        print("hoist upload: --concurrency must be between 1 and 16", file=sys.stderr)
        return 2
    if args.part_size is not None and not MIN_PART_SIZE <= args.part_size <= MAX_PART_SIZE:
        bounds = f"{MIN_PART_SIZE // MiB} MiB and {MAX_PART_SIZE // MiB} MiB"
        print(f"hoist upload: --part-size must be between {bounds}", file=sys.stderr)
        return 2
    from app.cli.after_upload import option_problem

    if problem := option_problem(args):
        print(f"hoist upload: {problem}", file=sys.stderr)
        return 2
    from app.cli import loop

    return loop.run(_upload(args))


def offline_line(max_offline: int) -> str:
    if max_offline == 0:
        return (
            "hoist upload: the server could not be reached (--max-offline 0: no waiting); "
            "finished parts are saved. Run the same command to resume."
        )
    return (
        f"hoist upload: the server could not be reached for {format_duration(max_offline)} "
        "(the --max-offline limit); finished parts are saved. Run the same command to resume."
    )


def format_duration(seconds: int) -> str:
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def result_record(job: JobSnapshot, interrupted: bool) -> dict[str, Any]:
    """The --json line for a file that ended."""
    completed = job.state is JobState.COMPLETED
    error: dict[str, Any] | None = None
    if not completed:
        if job.error is not None and not (interrupted and job.state is JobState.PAUSED):
            error = {"message": job.error.message, "type": job.error.type, "code": job.error.code}
        else:
            error = {"message": INTERRUPTED, "type": "interrupted", "code": None}
    return {
        "path": str(job.path),
        "status": "completed" if completed else "failed",
        "file": job.file.raw if completed and job.file is not None else None,
        "upload_id": job.upload_id,
        "error": error,
    }


class UploadSession:
    """Adds the files, shows progress, reports each file as it ends."""

    def __init__(self, args: argparse.Namespace, engine: Engine, client: FilesClient) -> None:
        from app.cli.after_upload import AfterUpload
        from app.cli.progress import TerminalProgress

        self.args = args
        self.engine = engine
        self.live = TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
        self.interrupted = False
        self.reported: set[JobId] = set()
        self.auth_message: str | None = None
        self.offline_since: float | None = None  # the wait for the network being reported
        self.gave_up_offline = False
        self.after = AfterUpload(args, client, self.say, engine.journal)

    def on_event(self, event: EngineEvent) -> None:
        if isinstance(event, AuthFailed):
            self.auth_message = event.message
        elif isinstance(event, NetworkWaiting) and self.offline_since != event.since:
            self.offline_since = event.since
            if self.args.max_offline != 0:  # 0: it fails at once, with its own line
                self.say(event.message)
        elif isinstance(event, NetworkWaitEnded):
            self.offline_since = None
            if event.reached:
                self.say(f"The network is back after {round(event.seconds)} s; resuming.")
        elif isinstance(event, JobLog) and event.line.level is LogLevel.WARNING:
            name = self.engine.snapshot(event.job_id).filename
            self.say(f"{name}: {event.line.text}")

    def say(self, text: str, stream: TextIO = sys.stderr) -> None:
        if not (stream is sys.stdout and self.args.json):  # JSON escapes controls itself
            from app.cli.common import terminal_line

            text = terminal_line(text)
        if self.live is not None:
            self.live.message(text, stream)
        else:
            stream.write(text + "\n")  # one write: a result line is never split
            stream.flush()

    def interrupt(self) -> None:
        if not self.interrupted:
            self.interrupted = True
            self.engine.stop_all()

    async def _report_when_settled(self, job_id: JobId) -> None:
        self.report(await self.engine.wait(job_id))

    def report(self, job: JobSnapshot) -> None:
        if job.id in self.reported:
            return
        self.reported.add(job.id)
        record = self.after.keep(result_record(job, self.interrupted))
        if self.args.json:
            if not self.after.holds_lines:  # else printed with the vector store result
                self.say(json.dumps(record), sys.stdout)
        elif record["status"] == "completed":
            self.say(f"{job.filename}: {job.file_id}", sys.stdout)
        error = record["error"]
        if error is not None and error["type"] == OFFLINE_ERROR_TYPE:
            self.gave_up_offline = True  # one line for all files, at the end
        if error is None or error["type"] in ("auth", OFFLINE_ERROR_TYPE):
            return
        if error["type"] == "validation":
            problems = [f for f in job.findings if f.severity is Severity.ERROR]
            for finding in problems:
                self.say(f"{job.filename}: {finding.message}")
            count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
            self.say(f"{job.filename}: not uploaded; fix the {count} above and run again.")
        else:
            self.say(f"{job.filename}: {error['message']}")

    async def redraw(self) -> None:
        while self.live is not None:
            self.live.draw(self.engine.jobs())
            await asyncio.sleep(REDRAW_EVERY)

    async def run(self) -> int:
        ids: list[JobId] = []
        if not await self.after.prepare():
            return 1
        drawer = asyncio.create_task(self.redraw())
        reports: list[asyncio.Task[None]] = []
        try:
            for path in self.args.paths:
                await asyncio.sleep(0)  # let the files added so far go (adding need not yield)
                if await self.after.reused(path):
                    continue
                job_id = await self.engine.add(
                    path,
                    self.args.purpose,
                    expires_after=self.args.expires_after,
                    route=self.args.method,
                    resume=not self.args.no_resume,
                )
                ids.append(job_id)
                reports.append(asyncio.create_task(self._report_when_settled(job_id)))
            await asyncio.gather(*reports)  # each reported as it ends, while others are added
        finally:
            drawer.cancel()
            for report in reports:
                report.cancel()
        if self.live is not None:
            self.live.draw(self.engine.jobs())
        after = await self.after.finish(self.interrupted)
        uploaded = all(self.engine.snapshot(i).state is JobState.COMPLETED for i in ids)
        return after if uploaded else 1


async def _upload(args: argparse.Namespace) -> int:
    from app.cli.awake import UploadPower
    from app.cli.common import CliError, interrupt_on_signals, make_client, print_error
    from app.journal import Journal
    from app.settings import Settings

    try:
        client = make_client(args, read_on_loop=True)
    except CliError as exc:
        return print_error(exc)
    prefs = Settings.load().prefs
    try:
        journal = Journal()
    except BaseException:
        await client.aclose()
        raise
    if journal.notice:
        print_error(journal.notice)
    engine = Engine(
        client,
        journal,
        concurrency=args.concurrency or prefs.concurrency,
        part_size=args.part_size or prefs.part_size,
        max_attempts=prefs.max_attempts,
        stall_timeout=prefs.stall_timeout,
        max_offline=args.max_offline,
        limit_rate=prefs.limit_rate if args.limit_rate is None else args.limit_rate,
        journal_on_loop=True,  # brief WAL writes on the loop, like the bodies it reads
    )
    session = UploadSession(args, engine, client)
    unsubscribe = engine.subscribe(session.on_event)
    inhibit = prefs.inhibit_sleep if args.inhibit_sleep is None else args.inhibit_sleep
    power = UploadPower(engine, inhibit)
    unsubscribe_power = engine.subscribe(power.on_event)
    power.start()
    interrupt_on_signals(asyncio.get_running_loop(), session.interrupt)
    try:
        status = await session.run()
    except EngineError as exc:  # a usage error: one clear sentence, no traceback
        print(f"hoist upload: {exc}", file=sys.stderr)
        status = 2
    finally:
        unsubscribe()
        await engine.aclose()
        unsubscribe_power()
        await power.aclose()
        await client.aclose()
    if session.auth_message == AUTH_MESSAGE:
        print(KEY_REJECTED, file=sys.stderr)
    elif session.auth_message:  # the key was sent the wrong way: which provider to choose
        print(f"hoist: {session.auth_message}", file=sys.stderr)
    elif session.gave_up_offline:
        print(offline_line(args.max_offline), file=sys.stderr)
    elif session.interrupted:
        print(INTERRUPTED, file=sys.stderr)
    if engine.journal_failures:  # never silently: the journal does not know all of this run
        print_error(NOT_RECORDED.format(count=engine.journal_failures))
        return 1
    return status
