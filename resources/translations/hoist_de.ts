<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
    <context>
        <name>Actions</name>
        <message>
            <source>{tip} ({keys})</source>
            <translation>{tip} ({keys})</translation>
        </message>
        <message>
            <source>Add files…</source>
            <translation>Dateien hinzufügen…</translation>
        </message>
        <message>
            <source>Choose files to upload</source>
            <translation>Dateien zum Hochladen auswählen</translation>
        </message>
        <message>
            <source>Add folder…</source>
            <translation>Ordner hinzufügen…</translation>
        </message>
        <message>
            <source>Choose a folder; every file inside is added</source>
            <translation>Einen Ordner auswählen; alle Dateien darin werden hinzugefügt</translation>
        </message>
        <message>
            <source>Paste paths</source>
            <translation>Pfade einfügen</translation>
        </message>
        <message>
            <source>Add the files whose paths are on the clipboard</source>
            <translation>Die Dateien hinzufügen, deren Pfade in der Zwischenablage stehen</translation>
        </message>
        <message>
            <source>Upload</source>
            <translation>Hochladen</translation>
        </message>
        <message>
            <source>Upload the files that are ready</source>
            <translation>Die bereiten Dateien hochladen</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pausieren</translation>
        </message>
        <message>
            <source>Pause the selected uploads</source>
            <translation>Die ausgewählten Uploads pausieren</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Fortsetzen</translation>
        </message>
        <message>
            <source>Resume the selected uploads</source>
            <translation>Die ausgewählten Uploads fortsetzen</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <source>Try the selected failed uploads again</source>
            <translation>Die ausgewählten fehlgeschlagenen Uploads erneut versuchen</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Stop the selected uploads and cancel them on the server</source>
            <translation>Die ausgewählten Uploads anhalten und auf dem Server abbrechen</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <source>Remove the selected rows from the queue</source>
            <translation>Die ausgewählten Zeilen aus der Warteschlange entfernen</translation>
        </message>
        <message>
            <source>Copy file ID</source>
            <translation>Datei-ID kopieren</translation>
        </message>
        <message>
            <source>Copy the file ID of the selected uploads</source>
            <translation>Die Datei-ID der ausgewählten Uploads kopieren</translation>
        </message>
        <message>
            <source>Pause all</source>
            <translation>Alle pausieren</translation>
        </message>
        <message>
            <source>Pause every upload</source>
            <translation>Alle Uploads pausieren</translation>
        </message>
        <message>
            <source>Resume all</source>
            <translation>Alle fortsetzen</translation>
        </message>
        <message>
            <source>Resume every paused upload</source>
            <translation>Alle pausierten Uploads fortsetzen</translation>
        </message>
        <message>
            <source>Clear finished</source>
            <translation>Abgeschlossene entfernen</translation>
        </message>
        <message>
            <source>Remove finished and cancelled uploads from the queue</source>
            <translation>Abgeschlossene und abgebrochene Uploads aus der Warteschlange entfernen</translation>
        </message>
        <message>
            <source>Settings…</source>
            <translation>Einstellungen…</translation>
        </message>
        <message>
            <source>Profiles, API key and upload preferences</source>
            <translation>Profile, API-Schlüssel und Upload-Einstellungen</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Beenden</translation>
        </message>
        <message>
            <source>Quit Hoist</source>
            <translation>Hoist beenden</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>Warteschlange</translation>
        </message>
        <message>
            <source>Show the upload queue</source>
            <translation>Die Upload-Warteschlange anzeigen</translation>
        </message>
        <message>
            <source>On the server</source>
            <translation>Auf dem Server</translation>
        </message>
        <message>
            <source>Show the files stored on the server</source>
            <translation>Die auf dem Server gespeicherten Dateien anzeigen</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>Show finished uploads</source>
            <translation>Abgeschlossene Uploads anzeigen</translation>
        </message>
    </context>
    <context>
        <name>AfterUpload</name>
        <message>
            <source>Add to vector store…</source>
            <translation>Zu Vektorspeicher hinzufügen…</translation>
        </message>
        <message>
            <source>Attach the selected uploaded files to a vector store for file search</source>
            <translation>Die ausgewählten hochgeladenen Dateien einem Vektorspeicher für die Dateisuche hinzufügen</translation>
        </message>
        <message>
            <source>Start batch…</source>
            <translation>Batch starten…</translation>
        </message>
        <message>
            <source>Start a Batch from the selected uploaded batch file</source>
            <translation>Einen Batch aus der ausgewählten hochgeladenen Batch-Datei starten</translation>
        </message>
    </context>
    <context>
        <name>Bridge</name>
        <message numerus="yes">
            <source>Waiting for the network since {time} — {safe} of %n part(s) are safe.</source>
            <translation>
                <numerusform>Warten auf das Netzwerk seit {time} – {safe} von %n Teil sind sicher.</numerusform>
                <numerusform>Warten auf das Netzwerk seit {time} – {safe} von %n Teilen sind sicher.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DetailsPane</name>
        <message>
            <source>Part</source>
            <translation>Teil</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>Bytes</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Versuche</translation>
        </message>
        <message>
            <source>Part ID</source>
            <translation>Teil-ID</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Wartet</translation>
        </message>
        <message>
            <source>Sending</source>
            <translation>Wird gesendet</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Fertig</translation>
        </message>
        <message>
            <source>Retrying</source>
            <translation>Neuer Versuch</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
        <message>
            <source>Details of the selected file</source>
            <translation>Details der ausgewählten Datei</translation>
        </message>
        <message>
            <source>Select a file in the queue to see its parts and log.</source>
            <translation>Wählen Sie eine Datei in der Warteschlange, um ihre Teile und ihr Protokoll zu sehen.</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Upload ID</source>
            <translation>Upload-ID</translation>
        </message>
        <message>
            <source>Upload expiry countdown</source>
            <translation>Verbleibende Zeit bis zum Ablauf des Uploads</translation>
        </message>
        <message>
            <source>File ID</source>
            <translation>Datei-ID</translation>
        </message>
        <message>
            <source>Purpose of this file</source>
            <translation>Zweck dieser Datei</translation>
        </message>
        <message>
            <source>Expiry of this file</source>
            <translation>Ablauf dieser Datei</translation>
        </message>
        <message>
            <source>P&amp;urpose of this file:</source>
            <translation>Zweck dieser Dat&amp;ei:</translation>
        </message>
        <message>
            <source>Ex&amp;piry:</source>
            <translation>A&amp;blauf:</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>Status:</translation>
        </message>
        <message>
            <source>Upload ID:</source>
            <translation>Upload-ID:</translation>
        </message>
        <message>
            <source>Upload expiry:</source>
            <translation>Ablauf des Uploads:</translation>
        </message>
        <message>
            <source>File ID:</source>
            <translation>Datei-ID:</translation>
        </message>
        <message>
            <source>Parts</source>
            <translation>Teile</translation>
        </message>
        <message>
            <source>Validation findings</source>
            <translation>Prüfergebnisse</translation>
        </message>
        <message>
            <source>Log</source>
            <translation>Protokoll</translation>
        </message>
        <message>
            <source>Checks</source>
            <translation>Prüfung</translation>
        </message>
        <message>
            <source>{status} · {size} · {purpose} · file expiry: {expiry}</source>
            <translation>{status} · {size} · {purpose} · Ablauf der Datei: {expiry}</translation>
        </message>
        <message>
            <source>— (sent in one request, no Upload needed)</source>
            <translation>— (in einer Anfrage gesendet, kein Upload-Objekt nötig)</translation>
        </message>
        <message>
            <source>— (cancelled)</source>
            <translation>— (abgebrochen)</translation>
        </message>
        <message>
            <source>Not sent (cancelled)</source>
            <translation>Nicht gesendet (abgebrochen)</translation>
        </message>
        <message>
            <source>{sent} of {size}</source>
            <translation>{sent} von {size}</translation>
        </message>
        <message>
            <source>Error: {message}</source>
            <translation>Fehler: {message}</translation>
        </message>
        <message>
            <source>Warning: {message}</source>
            <translation>Warnung: {message}</translation>
        </message>
        <message>
            <source>Checking the file…</source>
            <translation>Die Datei wird geprüft…</translation>
        </message>
        <message>
            <source>No problems found.</source>
            <translation>Keine Probleme gefunden.</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
    </context>
    <context>
        <name>DropArea</name>
        <message>
            <source>Drop area</source>
            <translation>Ablagebereich</translation>
        </message>
        <message>
            <source>Drop files or folders here to add them to the queue.</source>
            <translation>Dateien oder Ordner hier ablegen, um sie zur Warteschlange hinzuzufügen.</translation>
        </message>
        <message>
            <source>Drop files or folders here</source>
            <translation>Dateien oder Ordner hier ablegen</translation>
        </message>
        <message>
            <source>Hidden files are skipped. You can also paste paths with Ctrl+V.</source>
            <translation>Versteckte Dateien werden übersprungen. Pfade können Sie auch mit Strg+V einfügen.</translation>
        </message>
        <message>
            <source>Files added</source>
            <translation>Hinzugefügte Dateien</translation>
        </message>
        <message>
            <source>Add files…</source>
            <translation>Dateien hinzufügen…</translation>
        </message>
        <message>
            <source>Choose files to upload (Ctrl+O)</source>
            <translation>Dateien zum Hochladen auswählen (Strg+O)</translation>
        </message>
        <message>
            <source>Add folder…</source>
            <translation>Ordner hinzufügen…</translation>
        </message>
        <message>
            <source>Choose a folder; every file inside is added</source>
            <translation>Einen Ordner auswählen; alle Dateien darin werden hinzugefügt</translation>
        </message>
        <message>
            <source>Release to add</source>
            <translation>Loslassen zum Hinzufügen</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>The server reported an error.</source>
            <translation>Der Server hat einen Fehler gemeldet.</translation>
        </message>
        <message>
            <source>The file {name} no longer exists.</source>
            <translation>Die Datei {name} existiert nicht mehr.</translation>
        </message>
        <message>
            <source>The file no longer exists.</source>
            <translation>Die Datei existiert nicht mehr.</translation>
        </message>
        <message>
            <source>Hoist is not allowed to read {name}.</source>
            <translation>Hoist darf {name} nicht lesen.</translation>
        </message>
        <message>
            <source>Hoist is not allowed to read the file.</source>
            <translation>Hoist darf die Datei nicht lesen.</translation>
        </message>
        <message>
            <source>A file could not be read or written ({name}): {reason}.</source>
            <translation>Eine Datei konnte nicht gelesen oder geschrieben werden ({name}): {reason}.</translation>
        </message>
        <message>
            <source>A file could not be read or written: {reason}.</source>
            <translation>Eine Datei konnte nicht gelesen oder geschrieben werden: {reason}.</translation>
        </message>
        <message>
            <source>The operation took too long and was stopped.</source>
            <translation>Der Vorgang hat zu lange gedauert und wurde abgebrochen.</translation>
        </message>
        <message>
            <source>Something unexpected went wrong ({kind}). Details are in the log.</source>
            <translation>Etwas Unerwartetes ist schiefgegangen ({kind}). Details stehen im Protokoll.</translation>
        </message>
        <message>
            <source>Error message</source>
            <translation>Fehlermeldung</translation>
        </message>
    </context>
    <context>
        <name>FileCollect</name>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n Datei</numerusform>
                <numerusform>%n Dateien</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Added {files} from %n folder(s)</source>
            <translation>
                <numerusform>{files} aus %n Ordner hinzugefügt</numerusform>
                <numerusform>{files} aus %n Ordnern hinzugefügt</numerusform>
            </translation>
        </message>
        <message>
            <source>Added {files}</source>
            <translation>{files} hinzugefügt</translation>
        </message>
        <message numerus="yes">
            <source>%n hidden item(s) skipped</source>
            <translation>
                <numerusform>%n verstecktes Element übersprungen</numerusform>
                <numerusform>%n versteckte Elemente übersprungen</numerusform>
            </translation>
        </message>
        <message>
            <source>, </source>
            <translation>, </translation>
        </message>
        <message>
            <source>{text} ({extras}).</source>
            <translation>{text} ({extras}).</translation>
        </message>
        <message>
            <source>{text}.</source>
            <translation>{text}.</translation>
        </message>
        <message numerus="yes">
            <source>%n path(s) not found: {names}</source>
            <translation>
                <numerusform>%n Pfad nicht gefunden: {names}</numerusform>
                <numerusform>%n Pfade nicht gefunden: {names}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Formatting</name>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n Byte</numerusform>
                <numerusform>%n Byte</numerusform>
            </translation>
        </message>
        <message>
            <source>{size}/s</source>
            <translation>{size}/s</translation>
        </message>
        <message>
            <source>&lt; 1 s</source>
            <translation>&lt; 1 s</translation>
        </message>
        <message>
            <source>{s} s</source>
            <translation>{s} s</translation>
        </message>
        <message>
            <source>{m} min {s} s</source>
            <translation>{m} min {s} s</translation>
        </message>
        <message>
            <source>{m} min</source>
            <translation>{m} min</translation>
        </message>
        <message>
            <source>{h} h {m} min</source>
            <translation>{h} h {m} min</translation>
        </message>
        <message>
            <source>{h} h</source>
            <translation>{h} h</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n Tag</numerusform>
                <numerusform>%n Tage</numerusform>
            </translation>
        </message>
        <message>
            <source>{days} {h} h</source>
            <translation>{days} {h} h</translation>
        </message>
        <message>
            <source>expired</source>
            <translation>abgelaufen</translation>
        </message>
        <message>
            <source>expires in {duration}</source>
            <translation>läuft ab in {duration}</translation>
        </message>
        <message>
            <source>Never</source>
            <translation>Nie</translation>
        </message>
    </context>
    <context>
        <name>HistoryTab</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Zweck</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>Uploaded</source>
            <translation>Hochgeladen</translation>
        </message>
        <message>
            <source>Expires</source>
            <translation>Ablauf</translation>
        </message>
        <message>
            <source>File ID</source>
            <translation>Datei-ID</translation>
        </message>
        <message>
            <source>Upload history</source>
            <translation>Upload-Verlauf</translation>
        </message>
        <message>
            <source>Copy file ID</source>
            <translation>Datei-ID kopieren</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <source>History status</source>
            <translation>Status des Verlaufs</translation>
        </message>
        <message numerus="yes">
            <source>%n finished upload(s).</source>
            <translation>
                <numerusform>%n abgeschlossener Upload.</numerusform>
                <numerusform>%n abgeschlossene Uploads.</numerusform>
            </translation>
        </message>
        <message>
            <source>Finished uploads will be listed here.</source>
            <translation>Abgeschlossene Uploads erscheinen hier.</translation>
        </message>
    </context>
    <context>
        <name>KeyBox</name>
        <message>
            <source>API key: rejected. {reason}</source>
            <translation>API-Schlüssel: abgelehnt. {reason}</translation>
        </message>
        <message>
            <source>API key: accepted.</source>
            <translation>API-Schlüssel: akzeptiert.</translation>
        </message>
        <message>
            <source>API key: none needed.</source>
            <translation>API-Schlüssel: nicht nötig.</translation>
        </message>
        <message>
            <source>Files API: available.</source>
            <translation>Files-API: verfügbar.</translation>
        </message>
        <message>
            <source>Files API: not found at this base URL; check the base URL.</source>
            <translation>Files-API: unter dieser Basis-URL nicht gefunden; prüfen Sie die Basis-URL.</translation>
        </message>
        <message>
            <source>Uploads API: available (large files in parallel parts, up to 8 GB).</source>
            <translation>Uploads-API: verfügbar (große Dateien in parallelen Teilen, bis 8 GB).</translation>
        </message>
        <message>
            <source>Uploads API: not available; files up to 512 MB go in one request.</source>
            <translation>Uploads-API: nicht verfügbar; Dateien bis 512 MB gehen in einer Anfrage.</translation>
        </message>
        <message>
            <source>No API key yet: paste one in "New key", then test again.</source>
            <translation>Noch kein API-Schlüssel: Fügen Sie einen unter „Neuer Schlüssel“ ein und testen Sie dann erneut.</translation>
        </message>
        <message>
            <source>API key rejected: {reason}</source>
            <translation>API-Schlüssel abgelehnt: {reason}</translation>
        </message>
        <message>
            <source>Could not reach the server: {reason} Check the base URL and the network.</source>
            <translation>Der Server ist nicht erreichbar: {reason} Prüfen Sie die Basis-URL und das Netzwerk.</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>API-Schlüssel</translation>
        </message>
        <message>
            <source>No key saved</source>
            <translation>Kein Schlüssel gespeichert</translation>
        </message>
        <message>
            <source>Saved API key</source>
            <translation>Gespeicherter API-Schlüssel</translation>
        </message>
        <message>
            <source>Paste a new key (sk-…)</source>
            <translation>Neuen Schlüssel einfügen (sk-…)</translation>
        </message>
        <message>
            <source>New API key</source>
            <translation>Neuer API-Schlüssel</translation>
        </message>
        <message>
            <source>Use for this session only</source>
            <translation>Nur für diese Sitzung verwenden</translation>
        </message>
        <message>
            <source>Keep the key in memory until Hoist quits; never saved</source>
            <translation>Den Schlüssel nur im Arbeitsspeicher halten, bis Hoist beendet wird; nie gespeichert</translation>
        </message>
        <message>
            <source>Keyring warning</source>
            <translation>Hinweis zum Schlüsselbund</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>Verbindung testen</translation>
        </message>
        <message>
            <source>Remove key</source>
            <translation>Schlüssel entfernen</translation>
        </message>
        <message>
            <source>Connection test result</source>
            <translation>Ergebnis des Verbindungstests</translation>
        </message>
        <message>
            <source>What the server supports</source>
            <translation>Was der Server unterstützt</translation>
        </message>
        <message>
            <source>Saved key:</source>
            <translation>Gespeicherter Schlüssel:</translation>
        </message>
        <message>
            <source>New key:</source>
            <translation>Neuer Schlüssel:</translation>
        </message>
        <message>
            <source>This computer has no system keyring, so Hoist cannot save your API key. You can use it for this session only; you will be asked again next time.</source>
            <translation>Dieser Computer hat keinen System-Schlüsselbund, daher kann Hoist Ihren API-Schlüssel nicht speichern. Sie können ihn nur für diese Sitzung verwenden; beim nächsten Mal werden Sie erneut gefragt.</translation>
        </message>
        <message>
            <source>OPENAI_API_KEY is set in the environment; Hoist uses it instead of the saved key.</source>
            <translation>OPENAI_API_KEY ist in der Umgebung gesetzt; Hoist verwendet ihn statt des gespeicherten Schlüssels.</translation>
        </message>
        <message>
            <source>{key} (this session only)</source>
            <translation>{key} (nur diese Sitzung)</translation>
        </message>
    </context>
    <context>
        <name>Lifecycle</name>
        <message>
            <source>Upload journal replaced</source>
            <translation>Upload-Protokoll ersetzt</translation>
        </message>
        <message>
            <source>Hoist's record of unfinished uploads could not be read.</source>
            <translation>Hoists Aufzeichnung unfertiger Uploads konnte nicht gelesen werden.</translation>
        </message>
        <message>
            <source>Using the built-in sandbox: nothing leaves this computer.</source>
            <translation>Eingebaute Sandbox aktiv: Nichts verlässt diesen Computer.</translation>
        </message>
        <message numerus="yes">
            <source>%n unfinished upload(s) ready to resume (select and press Resume, or Resume all).</source>
            <translation>
                <numerusform>%n unterbrochener Upload kann fortgesetzt werden (auswählen und „Fortsetzen“ wählen oder „Alle fortsetzen“).</numerusform>
                <numerusform>%n unterbrochene Uploads können fortgesetzt werden (auswählen und „Fortsetzen“ wählen oder „Alle fortsetzen“).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n upload(s) still running.</source>
            <translation>
                <numerusform>Ein Upload läuft noch.</numerusform>
                <numerusform>%n Uploads laufen noch.</numerusform>
            </translation>
        </message>
        <message>
            <source>Quit Hoist?</source>
            <translation>Hoist beenden?</translation>
        </message>
        <message>
            <source>Pause and quit</source>
            <translation>Pausieren und beenden</translation>
        </message>
        <message>
            <source>Keep uploading</source>
            <translation>Weiter hochladen</translation>
        </message>
        <message numerus="yes">
            <source>Upload(s) will be paused and can be resumed the next time you start Hoist. Finished parts are kept.</source>
            <translation>
                <numerusform>Er wird pausiert und kann beim nächsten Start von Hoist fortgesetzt werden. Fertige Teile bleiben erhalten.</numerusform>
                <numerusform>Sie werden pausiert und können beim nächsten Start von Hoist fortgesetzt werden. Fertige Teile bleiben erhalten.</numerusform>
            </translation>
        </message>
        <message>
            <source>Pausing uploads and saving…</source>
            <translation>Uploads werden pausiert und gespeichert…</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Views</source>
            <translation>Ansichten</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>Warteschlange</translation>
        </message>
        <message>
            <source>On the server</source>
            <translation>Auf dem Server</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>&amp;Queue</source>
            <translation>&amp;Warteschlange</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>Aktionen</translation>
        </message>
        <message>
            <source>Pause or resume</source>
            <translation>Pausieren oder fortsetzen</translation>
        </message>
        <message>
            <source>Add folder</source>
            <translation>Ordner hinzufügen</translation>
        </message>
        <message>
            <source>Add files</source>
            <translation>Dateien hinzufügen</translation>
        </message>
        <message>
            <source>The clipboard holds no file paths.</source>
            <translation>Die Zwischenablage enthält keine Dateipfade.</translation>
        </message>
        <message numerus="yes">
            <source>%n uploaded</source>
            <translation>
                <numerusform>%n hochgeladen</numerusform>
                <numerusform>%n hochgeladen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n paused</source>
            <translation>
                <numerusform>%n pausiert</numerusform>
                <numerusform>%n pausiert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cancelled</source>
            <translation>
                <numerusform>%n abgebrochen</numerusform>
                <numerusform>%n abgebrochen</numerusform>
            </translation>
        </message>
        <message>
            <source>unknown error</source>
            <translation>unbekannter Fehler</translation>
        </message>
        <message>
            <source>1 failed: {name} — {reason}</source>
            <translation>1 fehlgeschlagen: {name} – {reason}</translation>
        </message>
        <message numerus="yes">
            <source>%n failed</source>
            <translation>
                <numerusform>%n fehlgeschlagen</numerusform>
                <numerusform>%n fehlgeschlagen</numerusform>
            </translation>
        </message>
        <message>
            <source>{counts}.</source>
            <translation>{counts}.</translation>
        </message>
        <message>
            <source>, </source>
            <translation>, </translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>Verbindung wird hergestellt…</translation>
        </message>
        <message>
            <source>Active profile</source>
            <translation>Aktives Profil</translation>
        </message>
        <message>
            <source>Overall speed</source>
            <translation>Gesamtgeschwindigkeit</translation>
        </message>
        <message>
            <source>Requests in flight</source>
            <translation>Laufende Anfragen</translation>
        </message>
        <message>
            <source>Network</source>
            <translation>Netzwerk</translation>
        </message>
        <message>
            <source>Profile: {name} (no API key)</source>
            <translation>Profil: {name} (kein API-Schlüssel)</translation>
        </message>
        <message>
            <source>Profile: {name}</source>
            <translation>Profil: {name}</translation>
        </message>
        <message>
            <source>Upload failed: {name}</source>
            <translation>Hochladen fehlgeschlagen: {name}</translation>
        </message>
        <message numerus="yes">
            <source>%n request(s) in flight</source>
            <translation>
                <numerusform>%n laufende Anfrage</numerusform>
                <numerusform>%n laufende Anfragen</numerusform>
            </translation>
        </message>
        <message>
            <source>Idle</source>
            <translation>Leerlauf</translation>
        </message>
        <message>
            <source>Uploads finished</source>
            <translation>Uploads abgeschlossen</translation>
        </message>
        <message>
            <source>{message} Uploads are paused. Check the key in Settings, then choose Resume all.</source>
            <translation>{message} Die Uploads sind pausiert. Prüfen Sie den Schlüssel in den Einstellungen und wählen Sie dann „Alle fortsetzen“.</translation>
        </message>
    </context>
    <context>
        <name>Pickers</name>
        <message>
            <source>User data</source>
            <translation>Benutzerdaten</translation>
        </message>
        <message>
            <source>Any file you want to give a model as input.</source>
            <translation>Jede Datei, die ein Modell als Eingabe erhalten soll.</translation>
        </message>
        <message>
            <source>Assistants</source>
            <translation>Assistenten</translation>
        </message>
        <message>
            <source>Documents for file search and code interpreter.</source>
            <translation>Dokumente für die Dateisuche und den Code Interpreter.</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>Batch</translation>
        </message>
        <message>
            <source>A JSONL file of requests for the Batch API (results within 24 hours).</source>
            <translation>Eine JSONL-Datei mit Anfragen für die Batch-API (Ergebnisse innerhalb von 24 Stunden).</translation>
        </message>
        <message>
            <source>Fine-tune</source>
            <translation>Fine-Tuning</translation>
        </message>
        <message>
            <source>A JSONL file of training examples for fine-tuning a model.</source>
            <translation>Eine JSONL-Datei mit Trainingsbeispielen für das Fine-Tuning eines Modells.</translation>
        </message>
        <message>
            <source>Vision</source>
            <translation>Vision</translation>
        </message>
        <message>
            <source>Images for vision fine-tuning.</source>
            <translation>Bilder für das Vision-Fine-Tuning.</translation>
        </message>
        <message>
            <source>Evals</source>
            <translation>Evals</translation>
        </message>
        <message>
            <source>A JSONL data set for evaluations.</source>
            <translation>Ein JSONL-Datensatz für Evaluierungen.</translation>
        </message>
        <message>
            <source>Never</source>
            <translation>Nie</translation>
        </message>
        <message>
            <source>1 hour</source>
            <translation>1 Stunde</translation>
        </message>
        <message>
            <source>1 day</source>
            <translation>1 Tag</translation>
        </message>
        <message>
            <source>7 days</source>
            <translation>7 Tage</translation>
        </message>
        <message>
            <source>30 days</source>
            <translation>30 Tage</translation>
        </message>
        <message>
            <source>Custom…</source>
            <translation>Eigene…</translation>
        </message>
        <message>
            <source>30 days (server default)</source>
            <translation>30 Tage (Standard des Servers)</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n Tag</numerusform>
                <numerusform>%n Tage</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n Stunde</numerusform>
                <numerusform>%n Stunden</numerusform>
            </translation>
        </message>
        <message>
            <source>{hours} hours</source>
            <translation>{hours} Stunden</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Zweck</translation>
        </message>
        <message>
            <source>What the uploaded file will be used for</source>
            <translation>Wofür die hochgeladene Datei verwendet wird</translation>
        </message>
        <message>
            <source>What the chosen purpose means</source>
            <translation>Was der gewählte Zweck bedeutet</translation>
        </message>
        <message>
            <source>Expiry</source>
            <translation>Ablauf</translation>
        </message>
        <message>
            <source>When the uploaded file is deleted from the server</source>
            <translation>Wann die hochgeladene Datei vom Server gelöscht wird</translation>
        </message>
        <message>
            <source>Custom expiry amount</source>
            <translation>Eigener Ablauf: Anzahl</translation>
        </message>
        <message>
            <source>Custom expiry unit</source>
            <translation>Eigener Ablauf: Einheit</translation>
        </message>
        <message>
            <source>hours</source>
            <translation>Stunden</translation>
        </message>
        <message>
            <source>days</source>
            <translation>Tage</translation>
        </message>
    </context>
    <context>
        <name>ProviderFields</name>
        <message>
            <source>Provider</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <source>API version</source>
            <translation>API-Version</translation>
        </message>
        <message>
            <source>Optional (e.g. 2024-10-21)</source>
            <translation>Optional (z. B. 2024-10-21)</translation>
        </message>
        <message>
            <source>P&amp;rovider:</source>
            <translation>Anbi&amp;eter:</translation>
        </message>
        <message>
            <source>API &amp;version:</source>
            <translation>API-Ve&amp;rsion:</translation>
        </message>
    </context>
    <context>
        <name>Providers</name>
        <message>
            <source>The key is sent as a Bearer token.</source>
            <translation>Der Schlüssel wird als Bearer-Token gesendet.</translation>
        </message>
        <message>
            <source>Replace RESOURCE with your resource name. The key goes in the api-key header; set an API version only for the classic /openai routes (e.g. 2024-10-21).</source>
            <translation>Ersetzen Sie RESOURCE durch den Namen Ihrer Ressource. Der Schlüssel steht im Header api-key; eine API-Version nur für die klassischen /openai-Routen angeben (z. B. 2024-10-21).</translation>
        </message>
        <message>
            <source>OpenAI-compatible</source>
            <translation>OpenAI-kompatibel</translation>
        </message>
        <message>
            <source>Any server with the OpenAI Files API (LiteLLM, LocalAI, vLLM…). A key is optional; without the Uploads API, files up to 512 MB go in one request.</source>
            <translation>Jeder Server mit der Files-API von OpenAI (LiteLLM, LocalAI, vLLM…). Ein Schlüssel ist optional; ohne Uploads-API gehen Dateien bis 512 MB in einer Anfrage.</translation>
        </message>
    </context>
    <context>
        <name>ProxyBox</name>
        <message>
            <source>System settings</source>
            <translation>Systemeinstellungen</translation>
        </message>
        <message>
            <source>No proxy</source>
            <translation>Kein Proxy</translation>
        </message>
        <message>
            <source>Manual</source>
            <translation>Manuell</translation>
        </message>
        <message>
            <source>Proxy</source>
            <translation>Proxy</translation>
        </message>
        <message>
            <source>System: the environment (HTTPS_PROXY, NO_PROXY) or the OS settings. This computer (localhost) is always reached directly.</source>
            <translation>System: die Umgebung (HTTPS_PROXY, NO_PROXY) oder die Einstellungen des Betriebssystems. Dieser Computer (localhost) wird immer direkt erreicht.</translation>
        </message>
        <message>
            <source>Proxy URL</source>
            <translation>Proxy-URL</translation>
        </message>
        <message>
            <source>http://proxy.example.com:3128 or socks5://…</source>
            <translation>http://proxy.example.com:3128 oder socks5://…</translation>
        </message>
        <message>
            <source>Proxy user name</source>
            <translation>Benutzername für den Proxy</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>Optional</translation>
        </message>
        <message>
            <source>Proxy password</source>
            <translation>Passwort für den Proxy</translation>
        </message>
        <message>
            <source>P&amp;roxy:</source>
            <translation>Pro&amp;xy:</translation>
        </message>
        <message>
            <source>Proxy &amp;URL:</source>
            <translation>Proxy-&amp;URL:</translation>
        </message>
        <message>
            <source>User na&amp;me:</source>
            <translation>Benutzerna&amp;me:</translation>
        </message>
        <message>
            <source>Pass&amp;word:</source>
            <translation>Pass&amp;wort:</translation>
        </message>
        <message>
            <source>Saved in the system keyring</source>
            <translation>Im System-Schlüsselbund gespeichert</translation>
        </message>
        <message>
            <source>Kept in the system keyring</source>
            <translation>Wird im System-Schlüsselbund aufbewahrt</translation>
        </message>
        <message>
            <source>A manual proxy needs a URL (http://HOST:PORT or socks5://…).</source>
            <translation>Ein manueller Proxy braucht eine URL (http://HOST:PORT oder socks5://…).</translation>
        </message>
    </context>
    <context>
        <name>QueueController</name>
        <message>
            <source>{name} is already in the queue.</source>
            <translation>{name} ist bereits in der Warteschlange.</translation>
        </message>
        <message>
            <source>The file could not be checked.</source>
            <translation>Die Datei konnte nicht geprüft werden.</translation>
        </message>
        <message>
            <source>Still connecting… try again in a moment.</source>
            <translation>Die Verbindung wird noch hergestellt… bitte gleich noch einmal versuchen.</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) still being checked will start when ready.</source>
            <translation>
                <numerusform>%n Datei wird noch geprüft und startet, sobald sie bereit ist.</numerusform>
                <numerusform>%n Dateien werden noch geprüft und starten, sobald sie bereit sind.</numerusform>
            </translation>
        </message>
        <message>
            <source>No API key is set. Add one in Settings, then press Upload again.</source>
            <translation>Es ist kein API-Schlüssel gesetzt. Fügen Sie einen in den Einstellungen hinzu und wählen Sie dann erneut „Hochladen“.</translation>
        </message>
        <message>
            <source>Upload with warnings?</source>
            <translation>Trotz Warnungen hochladen?</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) may not work as intended:</source>
            <translation>
                <numerusform>%n Datei funktioniert möglicherweise nicht wie gedacht:</numerusform>
                <numerusform>%n Dateien funktionieren möglicherweise nicht wie gedacht:</numerusform>
            </translation>
        </message>
        <message>
            <source>Upload anyway</source>
            <translation>Trotzdem hochladen</translation>
        </message>
        <message numerus="yes">
            <source>Cancel upload(s)?</source>
            <translation>
                <numerusform>Upload abbrechen?</numerusform>
                <numerusform>Uploads abbrechen?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel %n upload(s)?</source>
            <translation>
                <numerusform>Diesen Upload abbrechen?</numerusform>
                <numerusform>%n Uploads abbrechen?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel upload(s)</source>
            <translation>
                <numerusform>Upload abbrechen</numerusform>
                <numerusform>Uploads abbrechen</numerusform>
            </translation>
        </message>
        <message>
            <source>Keep</source>
            <translation>Behalten</translation>
        </message>
        <message>
            <source>What was sent so far is discarded on the server.</source>
            <translation>Was bisher gesendet wurde, wird auf dem Server verworfen.</translation>
        </message>
    </context>
    <context>
        <name>QueueModel</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Zweck</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Fortschritt</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>Geschwindigkeit</translation>
        </message>
        <message>
            <source>Time left</source>
            <translation>Restzeit</translation>
        </message>
        <message>
            <source>Done (already uploaded)</source>
            <translation>Fertig (bereits hochgeladen)</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Wird geprüft…</translation>
        </message>
        <message>
            <source>Can't upload: {reason}</source>
            <translation>Hochladen nicht möglich: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>Ready (%n warning(s))</source>
            <translation>
                <numerusform>Bereit (%n Warnung)</numerusform>
                <numerusform>Bereit (%n Warnungen)</numerusform>
            </translation>
        </message>
        <message>
            <source>Ready to upload</source>
            <translation>Bereit zum Hochladen</translation>
        </message>
        <message>
            <source>Retrying: {reason}</source>
            <translation>Neuer Versuch: {reason}</translation>
        </message>
        <message>
            <source>Retrying</source>
            <translation>Neuer Versuch</translation>
        </message>
        <message>
            <source>Uploading {percent} %</source>
            <translation>Wird hochgeladen: {percent} %</translation>
        </message>
        <message>
            <source>unknown error</source>
            <translation>unbekannter Fehler</translation>
        </message>
        <message>
            <source>Failed: {reason}</source>
            <translation>Fehlgeschlagen: {reason}</translation>
        </message>
        <message>
            <source>Paused: {reason}</source>
            <translation>Pausiert: {reason}</translation>
        </message>
        <message>
            <source>Paused at {percent} %</source>
            <translation>Pausiert bei {percent} %</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>Pausiert</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Wartet</translation>
        </message>
        <message>
            <source>Finishing…</source>
            <translation>Wird abgeschlossen…</translation>
        </message>
        <message>
            <source>Waiting for the network</source>
            <translation>Warten auf das Netzwerk</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Fertig</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Abgebrochen</translation>
        </message>
        <message numerus="yes">
            <source>{done} of {size}; {parts_done} of %n part(s) done</source>
            <translation>
                <numerusform>{done} von {size}; {parts_done} von %n Teil fertig</numerusform>
                <numerusform>{done} von {size}; {parts_done} von %n Teilen fertig</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QueueTab</name>
        <message>
            <source>No files yet. Drop files above, or choose Add files… (Ctrl+O).</source>
            <translation>Noch keine Dateien. Legen Sie oben Dateien ab oder wählen Sie „Dateien hinzufügen…“ (Strg+O).</translation>
        </message>
        <message>
            <source>Upload</source>
            <translation>Hochladen</translation>
        </message>
        <message>
            <source>Upload the files that are ready</source>
            <translation>Die bereiten Dateien hochladen</translation>
        </message>
        <message>
            <source>Upload the files that are ready (Ctrl+Enter)</source>
            <translation>Die bereiten Dateien hochladen (Strg+Eingabe)</translation>
        </message>
        <message>
            <source>&amp;Purpose:</source>
            <translation>&amp;Zweck:</translation>
        </message>
        <message>
            <source>E&amp;xpires:</source>
            <translation>Ab&amp;lauf:</translation>
        </message>
        <message>
            <source>Upload queue</source>
            <translation>Upload-Warteschlange</translation>
        </message>
        <message>
            <source>Files to upload and their progress. Arrow keys move between files; Space pauses or resumes; Delete removes.</source>
            <translation>Hochzuladende Dateien und ihr Fortschritt. Pfeiltasten wechseln zwischen Dateien; Leertaste pausiert oder setzt fort; Entf entfernt.</translation>
        </message>
        <message numerus="yes">
            <source>Upload %n file(s)</source>
            <translation>
                <numerusform>%n Datei hochladen</numerusform>
                <numerusform>%n Dateien hochladen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file ID(s) copied.</source>
            <translation>
                <numerusform>Datei-ID kopiert.</numerusform>
                <numerusform>%n Datei-IDs kopiert.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SameFileGuard</name>
        <message>
            <source>Already uploaded</source>
            <translation>Bereits hochgeladen</translation>
        </message>
        <message>
            <source>{name} was already uploaded as {id} on {when} — upload again?</source>
            <translation>{name} wurde bereits am {when} als {id} hochgeladen – erneut hochladen?</translation>
        </message>
        <message>
            <source>Upload again</source>
            <translation>Erneut hochladen</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Nein</translation>
        </message>
        <message>
            <source>Already uploaded as {id} on {when}; that File is kept.</source>
            <translation>Bereits am {when} als {id} hochgeladen; diese Datei wird beibehalten.</translation>
        </message>
    </context>
    <context>
        <name>ServerTab</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Zweck</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Erstellt</translation>
        </message>
        <message>
            <source>Expires</source>
            <translation>Ablauf</translation>
        </message>
        <message>
            <source>File ID</source>
            <translation>Datei-ID</translation>
        </message>
        <message>
            <source>Purpose filter</source>
            <translation>Filter nach Zweck</translation>
        </message>
        <message>
            <source>All purposes</source>
            <translation>Alle Zwecke</translation>
        </message>
        <message>
            <source>Search by name</source>
            <translation>Nach Namen suchen</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <source>Load the list again (F5)</source>
            <translation>Die Liste neu laden (F5)</translation>
        </message>
        <message>
            <source>Download…</source>
            <translation>Herunterladen…</translation>
        </message>
        <message>
            <source>Copy file ID</source>
            <translation>Datei-ID kopieren</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Löschen…</translation>
        </message>
        <message>
            <source>&amp;Show:</source>
            <translation>&amp;Filter:</translation>
        </message>
        <message>
            <source>Files on the server</source>
            <translation>Dateien auf dem Server</translation>
        </message>
        <message>
            <source>Server list status</source>
            <translation>Status der Serverliste</translation>
        </message>
        <message>
            <source>Load more</source>
            <translation>Mehr laden</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) listed (more on the server).</source>
            <translation>
                <numerusform>%n Datei aufgelistet (weitere auf dem Server).</numerusform>
                <numerusform>%n Dateien aufgelistet (weitere auf dem Server).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) listed.</source>
            <translation>
                <numerusform>%n Datei aufgelistet.</numerusform>
                <numerusform>%n Dateien aufgelistet.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file ID(s) copied.</source>
            <translation>
                <numerusform>Datei-ID kopiert.</numerusform>
                <numerusform>%n Datei-IDs kopiert.</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete "{name}" from the server?</source>
            <translation>„{name}“ vom Server löschen?</translation>
        </message>
        <message numerus="yes">
            <source>Delete %n file(s) from the server?</source>
            <translation>
                <numerusform>%n Datei vom Server löschen?</numerusform>
                <numerusform>%n Dateien vom Server löschen?</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete from the server?</source>
            <translation>Vom Server löschen?</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <source>This cannot be undone.</source>
            <translation>Das lässt sich nicht rückgängig machen.</translation>
        </message>
        <message>
            <source>{name}: {reason}</source>
            <translation>{name}: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>Deleted %n file(s).</source>
            <translation>
                <numerusform>%n Datei gelöscht.</numerusform>
                <numerusform>%n Dateien gelöscht.</numerusform>
            </translation>
        </message>
        <message>
            <source>Save the downloaded file</source>
            <translation>Heruntergeladene Datei speichern</translation>
        </message>
        <message>
            <source>Downloading {name}…</source>
            <translation>{name} wird heruntergeladen…</translation>
        </message>
        <message>
            <source>Download failed: {reason}</source>
            <translation>Herunterladen fehlgeschlagen: {reason}</translation>
        </message>
        <message>
            <source>Saved {size} to {path}.</source>
            <translation>{size} in {path} gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>Services</name>
        <message>
            <source>No API key is set for this profile. Open Settings to add one.</source>
            <translation>Für dieses Profil ist kein API-Schlüssel gesetzt. Öffnen Sie die Einstellungen, um einen hinzuzufügen.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Testing…</source>
            <translation>Wird getestet…</translation>
        </message>
        <message>
            <source>Connected.</source>
            <translation>Verbunden.</translation>
        </message>
        <message>
            <source>The server could not be checked.</source>
            <translation>Der Server konnte nicht geprüft werden.</translation>
        </message>
        <message>
            <source>Uploads</source>
            <translation>Uploads</translation>
        </message>
        <message>
            <source>Requests at once</source>
            <translation>Gleichzeitige Anfragen</translation>
        </message>
        <message>
            <source>Parts and files sent at the same time, over all uploads</source>
            <translation>Teile und Dateien, die gleichzeitig gesendet werden, über alle Uploads</translation>
        </message>
        <message>
            <source>Part size</source>
            <translation>Teilgröße</translation>
        </message>
        <message>
            <source> MiB</source>
            <translation> MiB</translation>
        </message>
        <message>
            <source>Attempts per part</source>
            <translation>Versuche pro Teil</translation>
        </message>
        <message>
            <source>How often a failing request is tried before giving up</source>
            <translation>Wie oft eine fehlschlagende Anfrage versucht wird, bevor aufgegeben wird</translation>
        </message>
        <message>
            <source> s</source>
            <translation> s</translation>
        </message>
        <message>
            <source>Stall timeout</source>
            <translation>Zeitlimit bei Stillstand</translation>
        </message>
        <message>
            <source>A request that moves no byte for this long is retried</source>
            <translation>Eine Anfrage, die so lange kein Byte überträgt, wird neu versucht</translation>
        </message>
        <message>
            <source>Requests at &amp;once:</source>
            <translation>&amp;Gleichzeitige Anfragen:</translation>
        </message>
        <message>
            <source>&amp;Part size:</source>
            <translation>&amp;Teilgröße:</translation>
        </message>
        <message>
            <source>&amp;Attempts per part:</source>
            <translation>&amp;Versuche pro Teil:</translation>
        </message>
        <message>
            <source>&amp;Stall timeout:</source>
            <translation>Zeitlimit bei &amp;Stillstand:</translation>
        </message>
        <message>
            <source>Window</source>
            <translation>Fenster</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <source>System</source>
            <translation>System</translation>
        </message>
        <message>
            <source>Applies the next time Hoist starts.</source>
            <translation>Gilt ab dem nächsten Start von Hoist.</translation>
        </message>
        <message>
            <source>Lan&amp;guage:</source>
            <translation>Sprac&amp;he:</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Profiles</source>
            <translation>Profile</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Hinzufügen</translation>
        </message>
        <message>
            <source>Add a profile</source>
            <translation>Ein Profil hinzufügen</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <source>Remove the selected profile</source>
            <translation>Das ausgewählte Profil entfernen</translation>
        </message>
        <message>
            <source>Use this profile</source>
            <translation>Dieses Profil verwenden</translation>
        </message>
        <message>
            <source>Uploads use the active profile (marked ✓)</source>
            <translation>Uploads verwenden das aktive Profil (mit ✓ markiert)</translation>
        </message>
        <message>
            <source>Active profile</source>
            <translation>Aktives Profil</translation>
        </message>
        <message>
            <source>Profile name</source>
            <translation>Profilname</translation>
        </message>
        <message>
            <source>Base URL</source>
            <translation>Basis-URL</translation>
        </message>
        <message>
            <source>Organization</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Optional (org-…)</source>
            <translation>Optional (org-…)</translation>
        </message>
        <message>
            <source>Project</source>
            <translation>Projekt</translation>
        </message>
        <message>
            <source>Optional (proj_…)</source>
            <translation>Optional (proj_…)</translation>
        </message>
        <message>
            <source>Connection</source>
            <translation>Verbindung</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <source>&amp;Base URL:</source>
            <translation>&amp;Basis-URL:</translation>
        </message>
        <message>
            <source>&amp;Organization:</source>
            <translation>&amp;Organisation:</translation>
        </message>
        <message>
            <source>Pro&amp;ject:</source>
            <translation>Pro&amp;jekt:</translation>
        </message>
        <message>
            <source>Settings error</source>
            <translation>Fehler in den Einstellungen</translation>
        </message>
        <message>
            <source>Reading…</source>
            <translation>Wird gelesen…</translation>
        </message>
        <message>
            <source>Uploads use “{name}”.</source>
            <translation>Uploads verwenden „{name}“.</translation>
        </message>
        <message>
            <source>A profile needs a name.</source>
            <translation>Ein Profil braucht einen Namen.</translation>
        </message>
        <message>
            <source>There is already a profile named "{name}".</source>
            <translation>Es gibt bereits ein Profil namens „{name}“.</translation>
        </message>
        <message>
            <source>The base URL of "{name}" must start with https://.</source>
            <translation>Die Basis-URL von „{name}“ muss mit https:// beginnen.</translation>
        </message>
        <message>
            <source>Replace RESOURCE in the base URL of "{name}" with the name of your Azure OpenAI resource.</source>
            <translation>Ersetzen Sie RESOURCE in der Basis-URL von „{name}“ durch den Namen Ihrer Azure-OpenAI-Ressource.</translation>
        </message>
        <message>
            <source>Proxy of "{name}": {problem}</source>
            <translation>Proxy von „{name}“: {problem}</translation>
        </message>
        <message>
            <source>The settings could not be saved: {reason}.</source>
            <translation>Die Einstellungen konnten nicht gespeichert werden: {reason}.</translation>
        </message>
    </context>
    <context>
        <name>SpeedBox</name>
        <message>
            <source>Speed and power</source>
            <translation>Geschwindigkeit und Energie</translation>
        </message>
        <message>
            <source>Limit upload speed</source>
            <translation>Upload-Geschwindigkeit begrenzen</translation>
        </message>
        <message>
            <source>One cap for all uploads together; 0 means no limit</source>
            <translation>Eine Grenze für alle Uploads zusammen; 0 heißt unbegrenzt</translation>
        </message>
        <message>
            <source>Alternative limit</source>
            <translation>Alternative Grenze</translation>
        </message>
        <message>
            <source>The cap used while the turtle in the status bar is on; 0 means no limit</source>
            <translation>Die Grenze, solange die Schildkröte in der Statusleiste an ist; 0 heißt unbegrenzt</translation>
        </message>
        <message>
            <source>Keep the computer awake while uploading</source>
            <translation>Den Computer während des Hochladens wach halten</translation>
        </message>
        <message>
            <source>&amp;Limit upload speed:</source>
            <translation>Upload-Geschwindigkeit begren&amp;zen:</translation>
        </message>
        <message>
            <source>Alte&amp;rnative limit:</source>
            <translation>&amp;Alternative Grenze:</translation>
        </message>
        <message>
            <source> KB/s</source>
            <translation> KB/s</translation>
        </message>
        <message>
            <source>No limit</source>
            <translation>Unbegrenzt</translation>
        </message>
    </context>
    <context>
        <name>SpeedControls</name>
        <message>
            <source>Uploading files</source>
            <translation>Dateien werden hochgeladen</translation>
        </message>
        <message>
            <source>Alternative speed limit</source>
            <translation>Alternative Geschwindigkeitsgrenze</translation>
        </message>
        <message>
            <source>The setting could not be saved: {0}.</source>
            <translation>Die Einstellung konnte nicht gespeichert werden: {0}.</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>unbegrenzt</translation>
        </message>
        <message>
            <source>Alternative speed limit on: {0} (click for the normal limit: {1})</source>
            <translation>Alternative Geschwindigkeitsgrenze an: {0} (klicken für die normale Grenze: {1})</translation>
        </message>
        <message>
            <source>Upload limit: {0} (click for the alternative limit: {1})</source>
            <translation>Upload-Grenze: {0} (klicken für die alternative Grenze: {1})</translation>
        </message>
        <message>
            <source>Keep awake while uploading: {0}</source>
            <translation>Beim Hochladen wach halten: {0}</translation>
        </message>
        <message>
            <source>Keep awake while uploading: off in Settings</source>
            <translation>Beim Hochladen wach halten: in den Einstellungen aus</translation>
        </message>
    </context>
    <context>
        <name>StartBatchDialog</name>
        <message>
            <source>Validating (the server checks the requests)</source>
            <translation>Wird validiert (der Server prüft die Anfragen)</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>In Bearbeitung</translation>
        </message>
        <message>
            <source>Finalizing</source>
            <translation>Wird abgeschlossen</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Abgeschlossen</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>Abgelaufen</translation>
        </message>
        <message>
            <source>Cancelling</source>
            <translation>Wird abgebrochen</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Abgebrochen</translation>
        </message>
        <message>
            <source>Start batch</source>
            <translation>Batch starten</translation>
        </message>
        <message>
            <source>Start a Batch from {name} ({id}). The endpoint is the url of its requests; results are due within 24 hours.</source>
            <translation>Einen Batch aus {name} ({id}) starten. Der Endpunkt ist die url seiner Anfragen; die Ergebnisse kommen innerhalb von 24 Stunden.</translation>
        </message>
        <message>
            <source>Batch ID</source>
            <translation>Batch-ID</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Kopieren</translation>
        </message>
        <message>
            <source>Copy batch ID</source>
            <translation>Batch-ID kopieren</translation>
        </message>
        <message>
            <source>Batch endpoint</source>
            <translation>Endpunkt des Batches</translation>
        </message>
        <message>
            <source>Not started yet.</source>
            <translation>Noch nicht gestartet.</translation>
        </message>
        <message>
            <source>Batch status</source>
            <translation>Status des Batches</translation>
        </message>
        <message>
            <source>Batch &amp;ID:</source>
            <translation>Batch-&amp;ID:</translation>
        </message>
        <message>
            <source>Endpoint:</source>
            <translation>Endpunkt:</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>Status:</translation>
        </message>
        <message>
            <source>&amp;Start batch</source>
            <translation>Batch &amp;starten</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>Wird gestartet…</translation>
        </message>
        <message>
            <source>Could not read the status: {reason}</source>
            <translation>Der Status konnte nicht gelesen werden: {reason}</translation>
        </message>
        <message>
            <source>Not started: {reason}</source>
            <translation>Nicht gestartet: {reason}</translation>
        </message>
    </context>
    <context>
        <name>VectorStoreDialog</name>
        <message>
            <source>Processing</source>
            <translation>Wird verarbeitet</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Abgeschlossen</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Abgebrochen</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(ohne Namen)</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n Datei</numerusform>
                <numerusform>%n Dateien</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n completed</source>
            <translation>
                <numerusform>%n abgeschlossen</numerusform>
                <numerusform>%n abgeschlossen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n failed</source>
            <translation>
                <numerusform>%n fehlgeschlagen</numerusform>
                <numerusform>%n fehlgeschlagen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n in progress</source>
            <translation>
                <numerusform>%n in Bearbeitung</numerusform>
                <numerusform>%n in Bearbeitung</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cancelled</source>
            <translation>
                <numerusform>%n abgebrochen</numerusform>
                <numerusform>%n abgebrochen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s): {counts}</source>
            <translation>
                <numerusform>%n Datei: {counts}</numerusform>
                <numerusform>%n Dateien: {counts}</numerusform>
            </translation>
        </message>
        <message>
            <source>, </source>
            <translation>, </translation>
        </message>
        <message>
            <source>Add to vector store</source>
            <translation>Zu Vektorspeicher hinzufügen</translation>
        </message>
        <message numerus="yes">
            <source>Add %n uploaded file(s) to a vector store: {names}</source>
            <translation>
                <numerusform>%n hochgeladene Datei einem Vektorspeicher hinzufügen: {names}</numerusform>
                <numerusform>%n hochgeladene Dateien einem Vektorspeicher hinzufügen: {names}</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Existing vector store:</source>
            <translation>&amp;Vorhandener Vektorspeicher:</translation>
        </message>
        <message>
            <source>Vector stores</source>
            <translation>Vektorspeicher</translation>
        </message>
        <message>
            <source>Load more</source>
            <translation>Mehr laden</translation>
        </message>
        <message>
            <source>Load more vector stores</source>
            <translation>Weitere Vektorspeicher laden</translation>
        </message>
        <message>
            <source>Loading vector stores…</source>
            <translation>Vektorspeicher werden geladen…</translation>
        </message>
        <message>
            <source>Vector store list status</source>
            <translation>Status der Vektorspeicher-Liste</translation>
        </message>
        <message>
            <source>&amp;New vector store named:</source>
            <translation>&amp;Neuer Vektorspeicher mit Namen:</translation>
        </message>
        <message>
            <source>New vector store name</source>
            <translation>Name des neuen Vektorspeichers</translation>
        </message>
        <message>
            <source>e.g. Product docs</source>
            <translation>z. B. Produktdokumentation</translation>
        </message>
        <message>
            <source>File batch</source>
            <translation>Datei-Batch</translation>
        </message>
        <message>
            <source>File batch status</source>
            <translation>Status des Datei-Batches</translation>
        </message>
        <message>
            <source>Files processed</source>
            <translation>Verarbeitete Dateien</translation>
        </message>
        <message>
            <source>%v of %m files processed</source>
            <translation>%v von %m Dateien verarbeitet</translation>
        </message>
        <message>
            <source>File counts</source>
            <translation>Dateizahlen</translation>
        </message>
        <message>
            <source>Files the vector store failed</source>
            <translation>Dateien, die der Vektorspeicher nicht verarbeiten konnte</translation>
        </message>
        <message>
            <source>&amp;Add files</source>
            <translation>Dateien &amp;hinzufügen</translation>
        </message>
        <message>
            <source>Could not list the vector stores: {reason}</source>
            <translation>Die Vektorspeicher konnten nicht aufgelistet werden: {reason}</translation>
        </message>
        <message>
            <source>No vector stores yet: name a new one below.</source>
            <translation>Noch keine Vektorspeicher: Benennen Sie unten einen neuen.</translation>
        </message>
        <message numerus="yes">
            <source>%n vector store(s) so far.</source>
            <translation>
                <numerusform>Bisher %n Vektorspeicher.</numerusform>
                <numerusform>Bisher %n Vektorspeicher.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n vector store(s).</source>
            <translation>
                <numerusform>%n Vektorspeicher.</numerusform>
                <numerusform>%n Vektorspeicher.</numerusform>
            </translation>
        </message>
        <message>
            <source>File batch in {store}</source>
            <translation>Datei-Batch in {store}</translation>
        </message>
        <message>
            <source>Creating the file batch…</source>
            <translation>Der Datei-Batch wird erstellt…</translation>
        </message>
        <message>
            <source>Stopped following file batch {batch}: {reason} The vector store goes on with it on the server.</source>
            <translation>Der Datei-Batch {batch} wird nicht mehr verfolgt: {reason} Der Vektorspeicher arbeitet auf dem Server daran weiter.</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>The files were not added: {reason}</source>
            <translation>Die Dateien wurden nicht hinzugefügt: {reason}</translation>
        </message>
        <message>
            <source>{status}: file batch {batch}</source>
            <translation>{status}: Datei-Batch {batch}</translation>
        </message>
        <message>
            <source>File batch in {store} ({id})</source>
            <translation>Datei-Batch in {store} ({id})</translation>
        </message>
    </context>
</TS>
