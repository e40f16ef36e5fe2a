<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>Actions</name>
    </context>
    <context>
        <name>AfterUpload</name>
    </context>
    <context>
        <name>Bridge</name>
        <message numerus="yes">
            <source>Waiting for the network since {time} — {safe} of %n part(s) are safe.</source>
            <translation>
                <numerusform>Waiting for the network since {time} — {safe} of %n part is safe.</numerusform>
                <numerusform>Waiting for the network since {time} — {safe} of %n parts are safe.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DetailsPane</name>
    </context>
    <context>
        <name>Dialogs</name>
    </context>
    <context>
        <name>DropArea</name>
    </context>
    <context>
        <name>Errors</name>
    </context>
    <context>
        <name>FileCollect</name>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n file</numerusform>
                <numerusform>%n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Added {files} from %n folder(s)</source>
            <translation>
                <numerusform>Added {files} from %n folder</numerusform>
                <numerusform>Added {files} from %n folders</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n hidden item(s) skipped</source>
            <translation>
                <numerusform>%n hidden item skipped</numerusform>
                <numerusform>%n hidden items skipped</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n path(s) not found: {names}</source>
            <translation>
                <numerusform>%n path not found: {names}</numerusform>
                <numerusform>%n paths not found: {names}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Formatting</name>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryTab</name>
        <message numerus="yes">
            <source>%n finished upload(s).</source>
            <translation>
                <numerusform>%n finished upload.</numerusform>
                <numerusform>%n finished uploads.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>KeyBox</name>
    </context>
    <context>
        <name>Lifecycle</name>
        <message numerus="yes">
            <source>%n unfinished upload(s) ready to resume (select and press Resume, or Resume all).</source>
            <translation>
                <numerusform>%n unfinished upload ready to resume (select and press Resume, or Resume all).</numerusform>
                <numerusform>%n unfinished uploads ready to resume (select and press Resume, or Resume all).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n upload(s) still running.</source>
            <translation>
                <numerusform>An upload is still running.</numerusform>
                <numerusform>%n uploads are still running.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Upload(s) will be paused and can be resumed the next time you start Hoist. Finished parts are kept.</source>
            <translation>
                <numerusform>It will be paused and can be resumed the next time you start Hoist. Finished parts are kept.</numerusform>
                <numerusform>They will be paused and can be resumed the next time you start Hoist. Finished parts are kept.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>%n uploaded</source>
            <translation>
                <numerusform>%n uploaded</numerusform>
                <numerusform>%n uploaded</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n paused</source>
            <translation>
                <numerusform>%n paused</numerusform>
                <numerusform>%n paused</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cancelled</source>
            <translation>
                <numerusform>%n cancelled</numerusform>
                <numerusform>%n cancelled</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n failed</source>
            <translation>
                <numerusform>%n failed</numerusform>
                <numerusform>%n failed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n request(s) in flight</source>
            <translation>
                <numerusform>%n request in flight</numerusform>
                <numerusform>%n requests in flight</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Pickers</name>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n hour</numerusform>
                <numerusform>%n hours</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ProviderFields</name>
    </context>
    <context>
        <name>Providers</name>
    </context>
    <context>
        <name>ProxyBox</name>
    </context>
    <context>
        <name>QueueController</name>
        <message numerus="yes">
            <source>%n file(s) still being checked will start when ready.</source>
            <translation>
                <numerusform>%n file still being checked will start when ready.</numerusform>
                <numerusform>%n files still being checked will start when ready.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) may not work as intended:</source>
            <translation>
                <numerusform>%n file may not work as intended:</numerusform>
                <numerusform>%n files may not work as intended:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel upload(s)?</source>
            <translation>
                <numerusform>Cancel upload?</numerusform>
                <numerusform>Cancel uploads?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel %n upload(s)?</source>
            <translation>
                <numerusform>Cancel this upload?</numerusform>
                <numerusform>Cancel %n uploads?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel upload(s)</source>
            <translation>
                <numerusform>Cancel upload</numerusform>
                <numerusform>Cancel uploads</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QueueModel</name>
        <message numerus="yes">
            <source>Ready (%n warning(s))</source>
            <translation>
                <numerusform>Ready (%n warning)</numerusform>
                <numerusform>Ready (%n warnings)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{done} of {size}; {parts_done} of %n part(s) done</source>
            <translation>
                <numerusform>{done} of {size}; {parts_done} of %n part done</numerusform>
                <numerusform>{done} of {size}; {parts_done} of %n parts done</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QueueTab</name>
        <message numerus="yes">
            <source>Upload %n file(s)</source>
            <translation>
                <numerusform>Upload %n file</numerusform>
                <numerusform>Upload %n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file ID(s) copied.</source>
            <translation>
                <numerusform>File ID copied.</numerusform>
                <numerusform>File IDs copied.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SameFileGuard</name>
    </context>
    <context>
        <name>ServerTab</name>
        <message numerus="yes">
            <source>%n file(s) listed (more on the server).</source>
            <translation>
                <numerusform>%n file listed (more on the server).</numerusform>
                <numerusform>%n files listed (more on the server).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) listed.</source>
            <translation>
                <numerusform>%n file listed.</numerusform>
                <numerusform>%n files listed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file ID(s) copied.</source>
            <translation>
                <numerusform>File ID copied.</numerusform>
                <numerusform>File IDs copied.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n file(s) from the server?</source>
            <translation>
                <numerusform>Delete %n file from the server?</numerusform>
                <numerusform>Delete %n files from the server?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Deleted %n file(s).</source>
            <translation>
                <numerusform>Deleted %n file.</numerusform>
                <numerusform>Deleted %n files.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Services</name>
    </context>
    <context>
        <name>SettingsDialog</name>
    </context>
    <context>
        <name>SpeedBox</name>
    </context>
    <context>
        <name>SpeedControls</name>
    </context>
    <context>
        <name>StartBatchDialog</name>
    </context>
    <context>
        <name>VectorStoreDialog</name>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n file</numerusform>
                <numerusform>%n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n completed</source>
            <translation>
                <numerusform>%n completed</numerusform>
                <numerusform>%n completed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n failed</source>
            <translation>
                <numerusform>%n failed</numerusform>
                <numerusform>%n failed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n in progress</source>
            <translation>
                <numerusform>%n in progress</numerusform>
                <numerusform>%n in progress</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cancelled</source>
            <translation>
                <numerusform>%n cancelled</numerusform>
                <numerusform>%n cancelled</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s): {counts}</source>
            <translation>
                <numerusform>%n file: {counts}</numerusform>
                <numerusform>%n files: {counts}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Add %n uploaded file(s) to a vector store: {names}</source>
            <translation>
                <numerusform>Add %n uploaded file to a vector store: {names}</numerusform>
                <numerusform>Add %n uploaded files to a vector store: {names}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n vector store(s) so far.</source>
            <translation>
                <numerusform>%n vector store so far.</numerusform>
                <numerusform>%n vector stores so far.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n vector store(s).</source>
            <translation>
                <numerusform>%n vector store.</numerusform>
                <numerusform>%n vector stores.</numerusform>
            </translation>
        </message>
    </context>
</TS>
