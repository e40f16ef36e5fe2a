"""What the main window says about the uploads: the status bar (active profile, overall speed,
requests in flight, the network's state, the speed-limit turtle) and the desktop notifications
(an upload failed; a run ended: "3 uploaded, 1 paused."). Its words keep the "MainWindow"
translation context: they are shown in the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMainWindow

from app.engine import ACTIVE_STATES, JobState
from app.ui.formatting import format_speed
from app.ui.i18n import translate
from app.ui.speed_limit import SpeedControls

if TYPE_CHECKING:
    from app.engine import JobSnapshot, OverallSnapshot, QueueFinished
    from app.ui.bridge import EngineBridge
    from app.ui.errors import ErrorReporter
    from app.ui.notify import Notifier
    from app.ui.queue_model import QueueModel, QueueRow
    from app.ui.services import Services
    from app.ui.tasks import TaskKeeper


def run_summary(rows: list[QueueRow]) -> str:
    """ "3 uploaded, 1 paused." / "1 failed: name — reason." for the rows of one run."""
    counts: dict[JobState, list[QueueRow]] = {}
    for row in rows:
        if row.state is not None:
            counts.setdefault(row.state, []).append(row)
    parts = []
    if JobState.COMPLETED in counts:
        n = len(counts[JobState.COMPLETED])
        parts.append(translate("MainWindow", "%n uploaded", None, n))
    if JobState.PAUSED in counts:
        parts.append(translate("MainWindow", "%n paused", None, len(counts[JobState.PAUSED])))
    if JobState.CANCELLED in counts:
        n = len(counts[JobState.CANCELLED])
        parts.append(translate("MainWindow", "%n cancelled", None, n))
    failed = counts.get(JobState.FAILED, [])
    if len(failed) == 1:
        snap = failed[0].snapshot
        reason = (
            snap.error.message
            if snap is not None and snap.error
            else translate("MainWindow", "unknown error")
        )
        parts.append(
            translate("MainWindow", "1 failed: {name} — {reason}").format(
                name=failed[0].name, reason=reason
            )
        )
    elif failed:
        parts.append(translate("MainWindow", "%n failed", None, len(failed)))
    if not parts:
        return ""
    return translate("MainWindow", "{counts}.").format(
        counts=translate("MainWindow", ", ").join(parts)
    )


class RunStatus(QObject):
    """The status bar's values and the run's notifications, fed by each new engine bridge."""

    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        tasks: TaskKeeper,
        notifier: Notifier,
        reporter: ErrorReporter,
        model: QueueModel,
    ) -> None:
        super().__init__(window)
        self.services = services
        self.notifier = notifier
        self.reporter = reporter
        self.model = model
        self._run_jobs: dict[str, None] = {}  # jobs active since the queue last drained
        bar = window.statusBar()
        self.profile_label = QLabel(translate("MainWindow", "Connecting…"))
        self.profile_label.setAccessibleDescription(translate("MainWindow", "Active profile"))
        self.speed_label = QLabel("")
        self.speed_label.setAccessibleDescription(translate("MainWindow", "Overall speed"))
        self.inflight_label = QLabel("")
        self.inflight_label.setAccessibleDescription(translate("MainWindow", "Requests in flight"))
        self.network_label = QLabel("")
        self.network_label.setAccessibleDescription(translate("MainWindow", "Network"))
        self.network_label.hide()
        labels = (self.network_label, self.speed_label, self.inflight_label, self.profile_label)
        for label in labels:
            bar.addPermanentWidget(label)
        self.speed_controls = SpeedControls(services, tasks, window)  # the turtle
        bar.addPermanentWidget(self.speed_controls.button)

    def watch(self, bridge: EngineBridge) -> None:
        """Follow a new engine (connected before the views' own slots)."""
        self.show_profile()
        bridge.jobsUpdated.connect(self._note_run)
        bridge.overallUpdated.connect(self._overall)
        bridge.overallUpdated.connect(self.speed_controls.overall)
        bridge.queueFinished.connect(self.speed_controls.queue_finished)
        bridge.queueFinished.connect(self._queue_finished)
        bridge.authFailed.connect(self._auth_failed)
        bridge.networkChanged.connect(self._network_changed)

    def show_profile(self) -> None:
        connection = self.services.connection
        name = self.services.settings.active_profile
        if connection is not None and not connection.api_key:
            text = translate("MainWindow", "Profile: {name} (no API key)").format(name=name)
        else:
            text = translate("MainWindow", "Profile: {name}").format(name=name)
        self.profile_label.setText(text)
        self.profile_label.setToolTip(connection.base_url if connection else "")

    def job_finished(self, snap: JobSnapshot) -> None:
        """Counted in this run; a failure is told at once."""
        self._run_jobs[snap.id] = None
        if snap.state is JobState.FAILED:
            reason = snap.error.message if snap.error else translate("MainWindow", "unknown error")
            title = translate("MainWindow", "Upload failed: {name}").format(name=snap.filename)
            self.notifier.notify(title, reason, failure=True)

    def close(self) -> None:
        self.speed_controls.close()

    # Engine signals -------------------------------------------------------------------------
    def _overall(self, overall: OverallSnapshot) -> None:
        self.speed_label.setText(f"↑ {format_speed(overall.speed)}" if overall.speed > 0 else "")
        n = overall.requests_in_flight
        self.inflight_label.setText(
            translate("MainWindow", "%n request(s) in flight", None, n)
            if n
            else translate("MainWindow", "Idle")
        )

    def _note_run(self, snapshots: list[JobSnapshot]) -> None:
        for snap in snapshots:
            if snap.state in ACTIVE_STATES:
                self._run_jobs[snap.id] = None

    def _queue_finished(self, _event: QueueFinished) -> None:
        """One notification for this run (the jobs active since the queue last drained)."""
        rows = [r for key in self._run_jobs if (r := self.model.get(key)) is not None]
        self._run_jobs = {}
        text = run_summary(rows)
        if text and any(r.state is not JobState.FAILED for r in rows):
            # a failure alone was already announced by its own notification
            failed = any(r.state is JobState.FAILED for r in rows)
            self.notifier.notify(translate("MainWindow", "Uploads finished"), text, failure=failed)
        self.inflight_label.setText(translate("MainWindow", "Idle"))
        self.speed_label.setText("")

    def _network_changed(self, text: str) -> None:
        """ "Waiting for the network since 14:02 — 12 of 20 parts are safe", or nothing."""
        self.network_label.setText(text)
        self.network_label.setVisible(bool(text))

    def _auth_failed(self, message: str) -> None:
        self.reporter.show_error(
            translate(
                "MainWindow",
                "{message} Uploads are paused. Check the key in Settings, then choose Resume all.",
            ).format(message=message)
        )
