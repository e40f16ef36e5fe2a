"""The real window, measured from the inside (a child process; QT_QPA_PLATFORM=offscreen).

    python tests/perf/window_probe.py launch    # Hoist's own startup (`hoist`, app.__main__);
                                                # prints time.time() once the window is drawn, exits
    python tests/perf/window_probe.py bare      # the same for an empty QMainWindow (Qt's floor)
    python tests/perf/window_probe.py stall BASE_URL FILE [--idle SECONDS]
        # the main window under qasync; the engine uploads FILE (4 parts in flight) while a
        # 5 ms QTimer measures the event loop's gaps; prints one JSON line

The app/ui code is used as shipped; the only addition is a 1 ms timer that notices the
first exposed window (nothing in app/ui is changed or patched).
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _exit_on_first_expose() -> object:
    """Start (on the QApplication about to be used) a 1 ms timer that prints the time at
    which a visible window is first exposed, and ends the process at once.

    A timer, not an application-wide event filter: PySide6 calls a Python filter for every
    event of every object (~20 µs each here); building Hoist's window sends ~3,500 events,
    so a filter alone added 60-80 ms to the launch it measured (tests/perf/RESULTS.md). The
    timer runs while the event loop is free. A widget is marked mapped (WA_Mapped) when its
    window's expose is handled, which then paints it in the same call: once the timer sees
    the mark, the window is on the screen, drawn."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    mapped = Qt.WidgetAttribute.WA_Mapped

    def poll() -> None:
        if any(w.isVisible() and w.testAttribute(mapped) for w in QApplication.topLevelWidgets()):
            print(f"{time.time():.6f}", flush=True)
            os._exit(0)

    timer = QTimer(app)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(1)
    timer.timeout.connect(poll)
    timer.start()
    return timer


def launch() -> int:
    # Creating the QApplication first is what run_app does itself (make_application re-uses
    # an existing instance); the timer must exist before the window is shown.
    from app import startup_gc

    startup_gc.pause()  # as app.__main__.main does first (it leaves the pause as it is)
    keep = _exit_on_first_expose()
    from app.__main__ import main

    main([])  # `hoist` with no arguments: the window
    del keep
    print("the window closed without being exposed", file=sys.stderr)
    return 1


def bare() -> int:
    keep = _exit_on_first_expose()
    from PySide6.QtWidgets import QApplication, QMainWindow

    window = QMainWindow()
    window.resize(1100, 720)
    window.show()
    QApplication.exec()
    del keep
    return 1


def stall(base_url: str, path: str, idle: float) -> int:
    import asyncio
    import json

    import qasync
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    os.environ["OPENAI_BASE_URL"] = base_url
    app = QApplication.instance() or QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    from app.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    gaps: list[float] = []
    gap_cpu: list[float] = []  # CPU time the GUI thread itself used during each gap
    last = [time.perf_counter(), time.thread_time()]
    recording = [False]

    def tick() -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if recording[0]:
            gaps.append(now - last[0])
            gap_cpu.append(cpu - last[1])
        last[0], last[1] = now, cpu

    if os.environ.get("HOIST_PERF_TRACE"):
        _watch_stalls(last, recording)

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()

    async def measure() -> dict[str, object]:
        await window.start([], False)
        engine = window.services.engine
        assert engine is not None, "the window did not connect an engine"
        await asyncio.sleep(0.5)  # let startup settle
        if os.environ.get("HOIST_PERF_GC_FREEZE"):  # experiment: what gc.freeze() would give
            import gc

            gc.freeze()
        if idle > 0:
            recording[0] = True
            last[0], last[1] = time.perf_counter(), time.thread_time()
            await asyncio.sleep(idle)
            recording[0] = False
            idle_gaps, idle_cpu = list(gaps), list(gap_cpu)
            gaps.clear()
            gap_cpu.clear()
        else:
            idle_gaps, idle_cpu = [], []
        size = os.path.getsize(path)
        started = time.perf_counter()
        last[0], last[1] = started, time.thread_time()
        recording[0] = True
        modules_before = set(sys.modules)
        job = await engine.add(path, "user_data", route="uploads", resume=False)
        snap = await asyncio.wait_for(engine.wait(job), 600)
        recording[0] = False
        if os.environ.get("HOIST_PERF_TRACE"):
            late = sorted(set(sys.modules) - modules_before)
            print(f"--- imported during the upload: {len(late)}: {late}", file=sys.stderr)
        seconds = time.perf_counter() - started
        ordered = sorted(gaps)
        worst = max(range(len(gaps)), key=gaps.__getitem__) if gaps else None
        return {
            "state": str(snap.state.value),
            "seconds": seconds,
            "mb_s": size / seconds / 1e6,
            "ticks": len(gaps),
            "max_gap_ms": 1000 * max(gaps, default=0.0),
            "p99_gap_ms": 1000 * ordered[int(0.99 * (len(ordered) - 1))] if ordered else 0.0,
            "idle_max_gap_ms": 1000 * max(idle_gaps, default=0.0),
            # how much of the longest gap the GUI thread spent running (vs waiting for a CPU)
            "max_gap_cpu_ms": 1000 * gap_cpu[worst] if worst is not None else 0.0,
            "max_cpu_gap_ms": 1000 * max(gap_cpu, default=0.0),
            "idle_max_cpu_gap_ms": 1000 * max(idle_cpu, default=0.0),
            "gui_cpu_s": sum(gap_cpu),
        }

    with loop:
        result = loop.run_until_complete(measure())
        timer.stop()
        loop.run_until_complete(window.shutdown())
    print(json.dumps(result), flush=True)
    # leave at once: PySide6 can crash while collecting widgets at interpreter exit
    os._exit(0 if result["state"] == "completed" else 1)


def _watch_stalls(last: list[float], recording: list[bool], over: float = 0.03) -> None:
    """Diagnostics (HOIST_PERF_TRACE=1): a thread that, while a 5 ms tick is more than
    ``over`` seconds late, samples the GUI thread's Python stack every 2 ms — only when that
    thread used CPU since the previous sample (busy, not starved) — and prints each stall's
    most frequent stacks to stderr when it ends."""
    import collections
    import threading
    import traceback

    main_id = threading.main_thread().ident
    assert main_id is not None
    clock = time.pthread_getcpuclockid(main_id)
    import gc

    gc_started = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        elif recording[0] and time.perf_counter() - gc_started[0] > 0.01:
            took = 1000 * (time.perf_counter() - gc_started[0])
            print(
                f"--- gc generation {info['generation']}: {took:.0f} ms, "
                f"{info['collected']} collected",
                file=sys.stderr,
            )

    gc.callbacks.append(on_gc)

    def watch() -> None:
        seen: collections.Counter[str] = collections.Counter()
        cpu = time.clock_gettime(clock)
        for _ in range(300_000):  # 2 ms apart: at most 10 minutes
            time.sleep(0.002)
            now_cpu = time.clock_gettime(clock)
            busy, cpu = now_cpu - cpu > 0.0005, now_cpu
            late = time.perf_counter() - last[0]
            if recording[0] and late > over:
                if busy:
                    frame = sys._current_frames().get(main_id)
                    stack = "".join(traceback.format_stack(frame, limit=14)) if frame else "?"
                    seen[stack] += 1
            elif seen:
                total = sum(seen.values())
                print(f"--- stall: {total} busy samples (2 ms apart)", file=sys.stderr)
                for stack, count in seen.most_common(2):
                    print(f"[{count}x]\n{stack}", file=sys.stderr)
                seen.clear()

    threading.Thread(target=watch, daemon=True, name="stall-watch").start()


def main(argv: list[str]) -> int:
    if argv[:1] == ["launch"]:
        return launch()
    if argv[:1] == ["bare"]:
        return bare()
    if argv[:1] == ["stall"] and len(argv) >= 3:
        idle = float(argv[argv.index("--idle") + 1]) if "--idle" in argv else 0.0
        return stall(argv[1], argv[2], idle)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
