<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
    <context>
        <name>Actions</name>
        <message>
            <source>{tip} ({keys})</source>
            <translation>{tip} ({keys})</translation>
        </message>
        <message>
            <source>Add files…</source>
            <translation>Añadir archivos…</translation>
        </message>
        <message>
            <source>Choose files to upload</source>
            <translation>Elegir archivos para subir</translation>
        </message>
        <message>
            <source>Add folder…</source>
            <translation>Añadir carpeta…</translation>
        </message>
        <message>
            <source>Choose a folder; every file inside is added</source>
            <translation>Elegir una carpeta; se añaden todos los archivos que contiene</translation>
        </message>
        <message>
            <source>Paste paths</source>
            <translation>Pegar rutas</translation>
        </message>
        <message>
            <source>Add the files whose paths are on the clipboard</source>
            <translation>Añadir los archivos cuyas rutas están en el portapapeles</translation>
        </message>
        <message>
            <source>Upload</source>
            <translation>Subir</translation>
        </message>
        <message>
            <source>Upload the files that are ready</source>
            <translation>Subir los archivos que están listos</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pausar</translation>
        </message>
        <message>
            <source>Pause the selected uploads</source>
            <translation>Pausar las subidas seleccionadas</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Reanudar</translation>
        </message>
        <message>
            <source>Resume the selected uploads</source>
            <translation>Reanudar las subidas seleccionadas</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Reintentar</translation>
        </message>
        <message>
            <source>Try the selected failed uploads again</source>
            <translation>Volver a intentar las subidas fallidas seleccionadas</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <source>Stop the selected uploads and cancel them on the server</source>
            <translation>Detener las subidas seleccionadas y cancelarlas en el servidor</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Quitar</translation>
        </message>
        <message>
            <source>Remove the selected rows from the queue</source>
            <translation>Quitar de la cola las filas seleccionadas</translation>
        </message>
        <message>
            <source>Copy file ID</source>
            <translation>Copiar ID de archivo</translation>
        </message>
        <message>
            <source>Copy the file ID of the selected uploads</source>
            <translation>Copiar el ID de archivo de las subidas seleccionadas</translation>
        </message>
        <message>
            <source>Pause all</source>
            <translation>Pausar todo</translation>
        </message>
        <message>
            <source>Pause every upload</source>
            <translation>Pausar todas las subidas</translation>
        </message>
        <message>
            <source>Resume all</source>
            <translation>Reanudar todo</translation>
        </message>
        <message>
            <source>Resume every paused upload</source>
            <translation>Reanudar todas las subidas en pausa</translation>
        </message>
        <message>
            <source>Clear finished</source>
            <translation>Quitar terminadas</translation>
        </message>
        <message>
            <source>Remove finished and cancelled uploads from the queue</source>
            <translation>Quitar de la cola las subidas terminadas y canceladas</translation>
        </message>
        <message>
            <source>Settings…</source>
            <translation>Ajustes…</translation>
        </message>
        <message>
            <source>Profiles, API key and upload preferences</source>
            <translation>Perfiles, clave de API y preferencias de subida</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Salir</translation>
        </message>
        <message>
            <source>Quit Hoist</source>
            <translation>Salir de Hoist</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>Cola</translation>
        </message>
        <message>
            <source>Show the upload queue</source>
            <translation>Mostrar la cola de subida</translation>
        </message>
        <message>
            <source>On the server</source>
            <translation>En el servidor</translation>
        </message>
        <message>
            <source>Show the files stored on the server</source>
            <translation>Mostrar los archivos guardados en el servidor</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Historial</translation>
        </message>
        <message>
            <source>Show finished uploads</source>
            <translation>Mostrar las subidas terminadas</translation>
        </message>
    </context>
    <context>
        <name>AfterUpload</name>
        <message>
            <source>Add to vector store…</source>
            <translation>Añadir a un almacén de vectores…</translation>
        </message>
        <message>
            <source>Attach the selected uploaded files to a vector store for file search</source>
            <translation>Añadir los archivos subidos seleccionados a un almacén de vectores para la búsqueda de archivos</translation>
        </message>
        <message>
            <source>Start batch…</source>
            <translation>Iniciar lote…</translation>
        </message>
        <message>
            <source>Start a Batch from the selected uploaded batch file</source>
            <translation>Iniciar un lote a partir del archivo de lote subido seleccionado</translation>
        </message>
    </context>
    <context>
        <name>Bridge</name>
        <message numerus="yes">
            <source>Waiting for the network since {time} — {safe} of %n part(s) are safe.</source>
            <translation>
                <numerusform>Esperando a la red desde las {time}: {safe} de %n parte están a salvo.</numerusform>
                <numerusform>Esperando a la red desde las {time}: {safe} de %n partes están a salvo.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DetailsPane</name>
        <message>
            <source>Part</source>
            <translation>Parte</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>Bytes</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Estado</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Intentos</translation>
        </message>
        <message>
            <source>Part ID</source>
            <translation>ID de parte</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>En espera</translation>
        </message>
        <message>
            <source>Sending</source>
            <translation>Enviando</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Completado</translation>
        </message>
        <message>
            <source>Retrying</source>
            <translation>Reintentando</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Fallido</translation>
        </message>
        <message>
            <source>Details of the selected file</source>
            <translation>Detalles del archivo seleccionado</translation>
        </message>
        <message>
            <source>Select a file in the queue to see its parts and log.</source>
            <translation>Selecciona un archivo de la cola para ver sus partes y su registro.</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <source>Upload ID</source>
            <translation>ID de subida</translation>
        </message>
        <message>
            <source>Upload expiry countdown</source>
            <translation>Tiempo restante hasta la caducidad de la subida</translation>
        </message>
        <message>
            <source>File ID</source>
            <translation>ID de archivo</translation>
        </message>
        <message>
            <source>Purpose of this file</source>
            <translation>Propósito de este archivo</translation>
        </message>
        <message>
            <source>Expiry of this file</source>
            <translation>Caducidad de este archivo</translation>
        </message>
        <message>
            <source>P&amp;urpose of this file:</source>
            <translation>Propósito de este arc&amp;hivo:</translation>
        </message>
        <message>
            <source>Ex&amp;piry:</source>
            <translation>Cad&amp;ucidad:</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>Estado:</translation>
        </message>
        <message>
            <source>Upload ID:</source>
            <translation>ID de subida:</translation>
        </message>
        <message>
            <source>Upload expiry:</source>
            <translation>Caducidad de la subida:</translation>
        </message>
        <message>
            <source>File ID:</source>
            <translation>ID de archivo:</translation>
        </message>
        <message>
            <source>Parts</source>
            <translation>Partes</translation>
        </message>
        <message>
            <source>Validation findings</source>
            <translation>Resultados de la comprobación</translation>
        </message>
        <message>
            <source>Log</source>
            <translation>Registro</translation>
        </message>
        <message>
            <source>Checks</source>
            <translation>Comprobación</translation>
        </message>
        <message>
            <source>{status} · {size} · {purpose} · file expiry: {expiry}</source>
            <translation>{status} · {size} · {purpose} · caducidad del archivo: {expiry}</translation>
        </message>
        <message>
            <source>— (sent in one request, no Upload needed)</source>
            <translation>— (enviado en una sola solicitud, sin objeto Upload)</translation>
        </message>
        <message>
            <source>— (cancelled)</source>
            <translation>— (cancelado)</translation>
        </message>
        <message>
            <source>Not sent (cancelled)</source>
            <translation>No enviado (cancelado)</translation>
        </message>
        <message>
            <source>{sent} of {size}</source>
            <translation>{sent} de {size}</translation>
        </message>
        <message>
            <source>Error: {message}</source>
            <translation>Error: {message}</translation>
        </message>
        <message>
            <source>Warning: {message}</source>
            <translation>Advertencia: {message}</translation>
        </message>
        <message>
            <source>Checking the file…</source>
            <translation>Comprobando el archivo…</translation>
        </message>
        <message>
            <source>No problems found.</source>
            <translation>No se encontraron problemas.</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>Aceptar</translation>
        </message>
    </context>
    <context>
        <name>DropArea</name>
        <message>
            <source>Drop area</source>
            <translation>Zona para soltar</translation>
        </message>
        <message>
            <source>Drop files or folders here to add them to the queue.</source>
            <translation>Suelta aquí archivos o carpetas para añadirlos a la cola.</translation>
        </message>
        <message>
            <source>Drop files or folders here</source>
            <translation>Suelta aquí archivos o carpetas</translation>
        </message>
        <message>
            <source>Hidden files are skipped. You can also paste paths with Ctrl+V.</source>
            <translation>Los archivos ocultos se omiten. También puedes pegar rutas con Ctrl+V.</translation>
        </message>
        <message>
            <source>Files added</source>
            <translation>Archivos añadidos</translation>
        </message>
        <message>
            <source>Add files…</source>
            <translation>Añadir archivos…</translation>
        </message>
        <message>
            <source>Choose files to upload (Ctrl+O)</source>
            <translation>Elegir archivos para subir (Ctrl+O)</translation>
        </message>
        <message>
            <source>Add folder…</source>
            <translation>Añadir carpeta…</translation>
        </message>
        <message>
            <source>Choose a folder; every file inside is added</source>
            <translation>Elegir una carpeta; se añaden todos los archivos que contiene</translation>
        </message>
        <message>
            <source>Release to add</source>
            <translation>Suelta para añadir</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>The server reported an error.</source>
            <translation>El servidor informó de un error.</translation>
        </message>
        <message>
            <source>The file {name} no longer exists.</source>
            <translation>El archivo {name} ya no existe.</translation>
        </message>
        <message>
            <source>The file no longer exists.</source>
            <translation>El archivo ya no existe.</translation>
        </message>
        <message>
            <source>Hoist is not allowed to read {name}.</source>
            <translation>Hoist no tiene permiso para leer {name}.</translation>
        </message>
        <message>
            <source>Hoist is not allowed to read the file.</source>
            <translation>Hoist no tiene permiso para leer el archivo.</translation>
        </message>
        <message>
            <source>A file could not be read or written ({name}): {reason}.</source>
            <translation>No se pudo leer o escribir un archivo ({name}): {reason}.</translation>
        </message>
        <message>
            <source>A file could not be read or written: {reason}.</source>
            <translation>No se pudo leer o escribir un archivo: {reason}.</translation>
        </message>
        <message>
            <source>The operation took too long and was stopped.</source>
            <translation>La operación tardó demasiado y se detuvo.</translation>
        </message>
        <message>
            <source>Something unexpected went wrong ({kind}). Details are in the log.</source>
            <translation>Algo inesperado salió mal ({kind}). Los detalles están en el registro.</translation>
        </message>
        <message>
            <source>Error message</source>
            <translation>Mensaje de error</translation>
        </message>
    </context>
    <context>
        <name>FileCollect</name>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n archivo</numerusform>
                <numerusform>%n archivos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Added {files} from %n folder(s)</source>
            <translation>
                <numerusform>Se añadieron {files} de %n carpeta</numerusform>
                <numerusform>Se añadieron {files} de %n carpetas</numerusform>
            </translation>
        </message>
        <message>
            <source>Added {files}</source>
            <translation>Se añadieron {files}</translation>
        </message>
        <message numerus="yes">
            <source>%n hidden item(s) skipped</source>
            <translation>
                <numerusform>%n elemento oculto omitido</numerusform>
                <numerusform>%n elementos ocultos omitidos</numerusform>
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
                <numerusform>%n ruta no encontrada: {names}</numerusform>
                <numerusform>%n rutas no encontradas: {names}</numerusform>
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
                <numerusform>%n día</numerusform>
                <numerusform>%n días</numerusform>
            </translation>
        </message>
        <message>
            <source>{days} {h} h</source>
            <translation>{days} {h} h</translation>
        </message>
        <message>
            <source>expired</source>
            <translation>caducada</translation>
        </message>
        <message>
            <source>expires in {duration}</source>
            <translation>caduca en {duration}</translation>
        </message>
        <message>
            <source>Never</source>
            <translation>Nunca</translation>
        </message>
    </context>
    <context>
        <name>HistoryTab</name>
        <message>
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Propósito</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Tamaño</translation>
        </message>
        <message>
            <source>Uploaded</source>
            <translation>Subido</translation>
        </message>
        <message>
            <source>Expires</source>
            <translation>Caducidad</translation>
        </message>
        <message>
            <source>File ID</source>
            <translation>ID de archivo</translation>
        </message>
        <message>
            <source>Upload history</source>
            <translation>Historial de subidas</translation>
        </message>
        <message>
            <source>Copy file ID</source>
            <translation>Copiar ID de archivo</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <source>History status</source>
            <translation>Estado del historial</translation>
        </message>
        <message numerus="yes">
            <source>%n finished upload(s).</source>
            <translation>
                <numerusform>%n subida terminada.</numerusform>
                <numerusform>%n subidas terminadas.</numerusform>
            </translation>
        </message>
        <message>
            <source>Finished uploads will be listed here.</source>
            <translation>Aquí aparecerán las subidas terminadas.</translation>
        </message>
    </context>
    <context>
        <name>KeyBox</name>
        <message>
            <source>API key: rejected. {reason}</source>
            <translation>Clave de API: rechazada. {reason}</translation>
        </message>
        <message>
            <source>API key: accepted.</source>
            <translation>Clave de API: aceptada.</translation>
        </message>
        <message>
            <source>API key: none needed.</source>
            <translation>Clave de API: no hace falta.</translation>
        </message>
        <message>
            <source>Files API: available.</source>
            <translation>API Files: disponible.</translation>
        </message>
        <message>
            <source>Files API: not found at this base URL; check the base URL.</source>
            <translation>API Files: no se encuentra en esta URL base; revisa la URL base.</translation>
        </message>
        <message>
            <source>Uploads API: available (large files in parallel parts, up to 8 GB).</source>
            <translation>API Uploads: disponible (archivos grandes en partes paralelas, hasta 8 GB).</translation>
        </message>
        <message>
            <source>Uploads API: not available; files up to 512 MB go in one request.</source>
            <translation>API Uploads: no disponible; los archivos de hasta 512 MB van en una sola solicitud.</translation>
        </message>
        <message>
            <source>No API key yet: paste one in "New key", then test again.</source>
            <translation>Todavía no hay clave de API: pega una en «Clave nueva» y vuelve a probar.</translation>
        </message>
        <message>
            <source>API key rejected: {reason}</source>
            <translation>Clave de API rechazada: {reason}</translation>
        </message>
        <message>
            <source>Could not reach the server: {reason} Check the base URL and the network.</source>
            <translation>No se pudo conectar con el servidor: {reason} Revisa la URL base y la red.</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>Clave de API</translation>
        </message>
        <message>
            <source>No key saved</source>
            <translation>Ninguna clave guardada</translation>
        </message>
        <message>
            <source>Saved API key</source>
            <translation>Clave de API guardada</translation>
        </message>
        <message>
            <source>Paste a new key (sk-…)</source>
            <translation>Pega una clave nueva (sk-…)</translation>
        </message>
        <message>
            <source>New API key</source>
            <translation>Clave de API nueva</translation>
        </message>
        <message>
            <source>Use for this session only</source>
            <translation>Usar solo en esta sesión</translation>
        </message>
        <message>
            <source>Keep the key in memory until Hoist quits; never saved</source>
            <translation>Mantener la clave en memoria hasta cerrar Hoist; nunca se guarda</translation>
        </message>
        <message>
            <source>Keyring warning</source>
            <translation>Aviso del llavero</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>Probar conexión</translation>
        </message>
        <message>
            <source>Remove key</source>
            <translation>Quitar clave</translation>
        </message>
        <message>
            <source>Connection test result</source>
            <translation>Resultado de la prueba de conexión</translation>
        </message>
        <message>
            <source>What the server supports</source>
            <translation>Qué admite el servidor</translation>
        </message>
        <message>
            <source>Saved key:</source>
            <translation>Clave guardada:</translation>
        </message>
        <message>
            <source>New key:</source>
            <translation>Clave nueva:</translation>
        </message>
        <message>
            <source>This computer has no system keyring, so Hoist cannot save your API key. You can use it for this session only; you will be asked again next time.</source>
            <translation>Este equipo no tiene un llavero del sistema, así que Hoist no puede guardar tu clave de API. Puedes usarla solo en esta sesión; la próxima vez se te volverá a pedir.</translation>
        </message>
        <message>
            <source>OPENAI_API_KEY is set in the environment; Hoist uses it instead of the saved key.</source>
            <translation>OPENAI_API_KEY está definida en el entorno; Hoist la usa en lugar de la clave guardada.</translation>
        </message>
        <message>
            <source>{key} (this session only)</source>
            <translation>{key} (solo esta sesión)</translation>
        </message>
    </context>
    <context>
        <name>Lifecycle</name>
        <message>
            <source>Upload journal replaced</source>
            <translation>Registro de subidas reemplazado</translation>
        </message>
        <message>
            <source>Hoist's record of unfinished uploads could not be read.</source>
            <translation>No se pudo leer el registro de subidas sin terminar de Hoist.</translation>
        </message>
        <message>
            <source>Using the built-in sandbox: nothing leaves this computer.</source>
            <translation>Usando el sandbox integrado: nada sale de este equipo.</translation>
        </message>
        <message numerus="yes">
            <source>%n unfinished upload(s) ready to resume (select and press Resume, or Resume all).</source>
            <translation>
                <numerusform>%n subida sin terminar lista para reanudar (selecciónala y pulsa Reanudar, o Reanudar todo).</numerusform>
                <numerusform>%n subidas sin terminar listas para reanudar (selecciónalas y pulsa Reanudar, o Reanudar todo).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n upload(s) still running.</source>
            <translation>
                <numerusform>Todavía hay una subida en curso.</numerusform>
                <numerusform>Todavía hay %n subidas en curso.</numerusform>
            </translation>
        </message>
        <message>
            <source>Quit Hoist?</source>
            <translation>¿Salir de Hoist?</translation>
        </message>
        <message>
            <source>Pause and quit</source>
            <translation>Pausar y salir</translation>
        </message>
        <message>
            <source>Keep uploading</source>
            <translation>Seguir subiendo</translation>
        </message>
        <message numerus="yes">
            <source>Upload(s) will be paused and can be resumed the next time you start Hoist. Finished parts are kept.</source>
            <translation>
                <numerusform>Se pausará y podrás reanudarla la próxima vez que abras Hoist. Las partes terminadas se conservan.</numerusform>
                <numerusform>Se pausarán y podrás reanudarlas la próxima vez que abras Hoist. Las partes terminadas se conservan.</numerusform>
            </translation>
        </message>
        <message>
            <source>Pausing uploads and saving…</source>
            <translation>Pausando las subidas y guardando…</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Views</source>
            <translation>Vistas</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>Cola</translation>
        </message>
        <message>
            <source>On the server</source>
            <translation>En el servidor</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Historial</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Archivo</translation>
        </message>
        <message>
            <source>&amp;Queue</source>
            <translation>&amp;Cola</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ver</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>Acciones</translation>
        </message>
        <message>
            <source>Pause or resume</source>
            <translation>Pausar o reanudar</translation>
        </message>
        <message>
            <source>Add folder</source>
            <translation>Añadir carpeta</translation>
        </message>
        <message>
            <source>Add files</source>
            <translation>Añadir archivos</translation>
        </message>
        <message>
            <source>The clipboard holds no file paths.</source>
            <translation>El portapapeles no contiene rutas de archivo.</translation>
        </message>
        <message numerus="yes">
            <source>%n uploaded</source>
            <translation>
                <numerusform>%n subido</numerusform>
                <numerusform>%n subidos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n paused</source>
            <translation>
                <numerusform>%n en pausa</numerusform>
                <numerusform>%n en pausa</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cancelled</source>
            <translation>
                <numerusform>%n cancelado</numerusform>
                <numerusform>%n cancelados</numerusform>
            </translation>
        </message>
        <message>
            <source>unknown error</source>
            <translation>error desconocido</translation>
        </message>
        <message>
            <source>1 failed: {name} — {reason}</source>
            <translation>1 con error: {name} — {reason}</translation>
        </message>
        <message numerus="yes">
            <source>%n failed</source>
            <translation>
                <numerusform>%n con error</numerusform>
                <numerusform>%n con error</numerusform>
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
            <translation>Conectando…</translation>
        </message>
        <message>
            <source>Active profile</source>
            <translation>Perfil activo</translation>
        </message>
        <message>
            <source>Overall speed</source>
            <translation>Velocidad total</translation>
        </message>
        <message>
            <source>Requests in flight</source>
            <translation>Solicitudes en curso</translation>
        </message>
        <message>
            <source>Network</source>
            <translation>Red</translation>
        </message>
        <message>
            <source>Profile: {name} (no API key)</source>
            <translation>Perfil: {name} (sin clave de API)</translation>
        </message>
        <message>
            <source>Profile: {name}</source>
            <translation>Perfil: {name}</translation>
        </message>
        <message>
            <source>Upload failed: {name}</source>
            <translation>Falló la subida: {name}</translation>
        </message>
        <message numerus="yes">
            <source>%n request(s) in flight</source>
            <translation>
                <numerusform>%n solicitud en curso</numerusform>
                <numerusform>%n solicitudes en curso</numerusform>
            </translation>
        </message>
        <message>
            <source>Idle</source>
            <translation>Inactivo</translation>
        </message>
        <message>
            <source>Uploads finished</source>
            <translation>Subidas terminadas</translation>
        </message>
        <message>
            <source>{message} Uploads are paused. Check the key in Settings, then choose Resume all.</source>
            <translation>{message} Las subidas están en pausa. Revisa la clave en Ajustes y luego elige Reanudar todo.</translation>
        </message>
    </context>
    <context>
        <name>Pickers</name>
        <message>
            <source>User data</source>
            <translation>Datos de usuario</translation>
        </message>
        <message>
            <source>Any file you want to give a model as input.</source>
            <translation>Cualquier archivo que quieras dar a un modelo como entrada.</translation>
        </message>
        <message>
            <source>Assistants</source>
            <translation>Asistentes</translation>
        </message>
        <message>
            <source>Documents for file search and code interpreter.</source>
            <translation>Documentos para la búsqueda de archivos y el intérprete de código.</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>Lote</translation>
        </message>
        <message>
            <source>A JSONL file of requests for the Batch API (results within 24 hours).</source>
            <translation>Un archivo JSONL de solicitudes para la API Batch (resultados en 24 horas).</translation>
        </message>
        <message>
            <source>Fine-tune</source>
            <translation>Ajuste fino</translation>
        </message>
        <message>
            <source>A JSONL file of training examples for fine-tuning a model.</source>
            <translation>Un archivo JSONL de ejemplos de entrenamiento para el ajuste fino de un modelo.</translation>
        </message>
        <message>
            <source>Vision</source>
            <translation>Visión</translation>
        </message>
        <message>
            <source>Images for vision fine-tuning.</source>
            <translation>Imágenes para el ajuste fino de visión.</translation>
        </message>
        <message>
            <source>Evals</source>
            <translation>Evaluaciones</translation>
        </message>
        <message>
            <source>A JSONL data set for evaluations.</source>
            <translation>Un conjunto de datos JSONL para evaluaciones.</translation>
        </message>
        <message>
            <source>Never</source>
            <translation>Nunca</translation>
        </message>
        <message>
            <source>1 hour</source>
            <translation>1 hora</translation>
        </message>
        <message>
            <source>1 day</source>
            <translation>1 día</translation>
        </message>
        <message>
            <source>7 days</source>
            <translation>7 días</translation>
        </message>
        <message>
            <source>30 days</source>
            <translation>30 días</translation>
        </message>
        <message>
            <source>Custom…</source>
            <translation>Personalizada…</translation>
        </message>
        <message>
            <source>30 days (server default)</source>
            <translation>30 días (predeterminado del servidor)</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n día</numerusform>
                <numerusform>%n días</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n hora</numerusform>
                <numerusform>%n horas</numerusform>
            </translation>
        </message>
        <message>
            <source>{hours} hours</source>
            <translation>{hours} horas</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Propósito</translation>
        </message>
        <message>
            <source>What the uploaded file will be used for</source>
            <translation>Para qué se usará el archivo subido</translation>
        </message>
        <message>
            <source>What the chosen purpose means</source>
            <translation>Qué significa el propósito elegido</translation>
        </message>
        <message>
            <source>Expiry</source>
            <translation>Caducidad</translation>
        </message>
        <message>
            <source>When the uploaded file is deleted from the server</source>
            <translation>Cuándo se borra del servidor el archivo subido</translation>
        </message>
        <message>
            <source>Custom expiry amount</source>
            <translation>Caducidad personalizada: cantidad</translation>
        </message>
        <message>
            <source>Custom expiry unit</source>
            <translation>Caducidad personalizada: unidad</translation>
        </message>
        <message>
            <source>hours</source>
            <translation>horas</translation>
        </message>
        <message>
            <source>days</source>
            <translation>días</translation>
        </message>
    </context>
    <context>
        <name>ProviderFields</name>
        <message>
            <source>Provider</source>
            <translation>Proveedor</translation>
        </message>
        <message>
            <source>API version</source>
            <translation>Versión de la API</translation>
        </message>
        <message>
            <source>Optional (e.g. 2024-10-21)</source>
            <translation>Opcional (p. ej., 2024-10-21)</translation>
        </message>
        <message>
            <source>P&amp;rovider:</source>
            <translation>P&amp;roveedor:</translation>
        </message>
        <message>
            <source>API &amp;version:</source>
            <translation>&amp;Versión de la API:</translation>
        </message>
    </context>
    <context>
        <name>Providers</name>
        <message>
            <source>The key is sent as a Bearer token.</source>
            <translation>La clave se envía como token Bearer.</translation>
        </message>
        <message>
            <source>Replace RESOURCE with your resource name. The key goes in the api-key header; set an API version only for the classic /openai routes (e.g. 2024-10-21).</source>
            <translation>Sustituye RESOURCE por el nombre de tu recurso. La clave va en la cabecera api-key; indica una versión de la API solo para las rutas clásicas /openai (p. ej., 2024-10-21).</translation>
        </message>
        <message>
            <source>OpenAI-compatible</source>
            <translation>Compatible con OpenAI</translation>
        </message>
        <message>
            <source>Any server with the OpenAI Files API (LiteLLM, LocalAI, vLLM…). A key is optional; without the Uploads API, files up to 512 MB go in one request.</source>
            <translation>Cualquier servidor con la API Files de OpenAI (LiteLLM, LocalAI, vLLM…). La clave es opcional; sin la API Uploads, los archivos de hasta 512 MB van en una sola solicitud.</translation>
        </message>
    </context>
    <context>
        <name>ProxyBox</name>
        <message>
            <source>System settings</source>
            <translation>Ajustes del sistema</translation>
        </message>
        <message>
            <source>No proxy</source>
            <translation>Sin proxy</translation>
        </message>
        <message>
            <source>Manual</source>
            <translation>Manual</translation>
        </message>
        <message>
            <source>Proxy</source>
            <translation>Proxy</translation>
        </message>
        <message>
            <source>System: the environment (HTTPS_PROXY, NO_PROXY) or the OS settings. This computer (localhost) is always reached directly.</source>
            <translation>Sistema: el entorno (HTTPS_PROXY, NO_PROXY) o los ajustes del sistema operativo. Este equipo (localhost) siempre se alcanza directamente.</translation>
        </message>
        <message>
            <source>Proxy URL</source>
            <translation>URL del proxy</translation>
        </message>
        <message>
            <source>http://proxy.example.com:3128 or socks5://…</source>
            <translation>http://proxy.example.com:3128 o socks5://…</translation>
        </message>
        <message>
            <source>Proxy user name</source>
            <translation>Usuario del proxy</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>Opcional</translation>
        </message>
        <message>
            <source>Proxy password</source>
            <translation>Contraseña del proxy</translation>
        </message>
        <message>
            <source>P&amp;roxy:</source>
            <translation>Pro&amp;xy:</translation>
        </message>
        <message>
            <source>Proxy &amp;URL:</source>
            <translation>UR&amp;L del proxy:</translation>
        </message>
        <message>
            <source>User na&amp;me:</source>
            <translation>&amp;Usuario:</translation>
        </message>
        <message>
            <source>Pass&amp;word:</source>
            <translation>Contr&amp;aseña:</translation>
        </message>
        <message>
            <source>Saved in the system keyring</source>
            <translation>Guardada en el llavero del sistema</translation>
        </message>
        <message>
            <source>Kept in the system keyring</source>
            <translation>Se guarda en el llavero del sistema</translation>
        </message>
        <message>
            <source>A manual proxy needs a URL (http://HOST:PORT or socks5://…).</source>
            <translation>Un proxy manual necesita una URL (http://HOST:PORT o socks5://…).</translation>
        </message>
    </context>
    <context>
        <name>QueueController</name>
        <message>
            <source>{name} is already in the queue.</source>
            <translation>{name} ya está en la cola.</translation>
        </message>
        <message>
            <source>The file could not be checked.</source>
            <translation>No se pudo comprobar el archivo.</translation>
        </message>
        <message>
            <source>Still connecting… try again in a moment.</source>
            <translation>Todavía conectando… inténtalo de nuevo en un momento.</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) still being checked will start when ready.</source>
            <translation>
                <numerusform>%n archivo que aún se está comprobando empezará cuando esté listo.</numerusform>
                <numerusform>%n archivos que aún se están comprobando empezarán cuando estén listos.</numerusform>
            </translation>
        </message>
        <message>
            <source>No API key is set. Add one in Settings, then press Upload again.</source>
            <translation>No hay ninguna clave de API. Añade una en Ajustes y vuelve a pulsar Subir.</translation>
        </message>
        <message>
            <source>Upload with warnings?</source>
            <translation>¿Subir con advertencias?</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) may not work as intended:</source>
            <translation>
                <numerusform>Puede que %n archivo no funcione como se espera:</numerusform>
                <numerusform>Puede que %n archivos no funcionen como se espera:</numerusform>
            </translation>
        </message>
        <message>
            <source>Upload anyway</source>
            <translation>Subir de todos modos</translation>
        </message>
        <message numerus="yes">
            <source>Cancel upload(s)?</source>
            <translation>
                <numerusform>¿Cancelar la subida?</numerusform>
                <numerusform>¿Cancelar las subidas?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel %n upload(s)?</source>
            <translation>
                <numerusform>¿Cancelar esta subida?</numerusform>
                <numerusform>¿Cancelar %n subidas?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel upload(s)</source>
            <translation>
                <numerusform>Cancelar subida</numerusform>
                <numerusform>Cancelar subidas</numerusform>
            </translation>
        </message>
        <message>
            <source>Keep</source>
            <translation>Conservar</translation>
        </message>
        <message>
            <source>What was sent so far is discarded on the server.</source>
            <translation>Lo enviado hasta ahora se descarta en el servidor.</translation>
        </message>
    </context>
    <context>
        <name>QueueModel</name>
        <message>
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Tamaño</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Propósito</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Progreso</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>Velocidad</translation>
        </message>
        <message>
            <source>Time left</source>
            <translation>Tiempo restante</translation>
        </message>
        <message>
            <source>Done (already uploaded)</source>
            <translation>Completado (ya estaba subido)</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Comprobando…</translation>
        </message>
        <message>
            <source>Can't upload: {reason}</source>
            <translation>No se puede subir: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>Ready (%n warning(s))</source>
            <translation>
                <numerusform>Listo (%n advertencia)</numerusform>
                <numerusform>Listo (%n advertencias)</numerusform>
            </translation>
        </message>
        <message>
            <source>Ready to upload</source>
            <translation>Listo para subir</translation>
        </message>
        <message>
            <source>Retrying: {reason}</source>
            <translation>Reintentando: {reason}</translation>
        </message>
        <message>
            <source>Retrying</source>
            <translation>Reintentando</translation>
        </message>
        <message>
            <source>Uploading {percent} %</source>
            <translation>Subiendo: {percent} %</translation>
        </message>
        <message>
            <source>unknown error</source>
            <translation>error desconocido</translation>
        </message>
        <message>
            <source>Failed: {reason}</source>
            <translation>Fallido: {reason}</translation>
        </message>
        <message>
            <source>Paused: {reason}</source>
            <translation>En pausa: {reason}</translation>
        </message>
        <message>
            <source>Paused at {percent} %</source>
            <translation>En pausa al {percent} %</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>En pausa</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>En espera</translation>
        </message>
        <message>
            <source>Finishing…</source>
            <translation>Finalizando…</translation>
        </message>
        <message>
            <source>Waiting for the network</source>
            <translation>Esperando a la red</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Completado</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Cancelado</translation>
        </message>
        <message numerus="yes">
            <source>{done} of {size}; {parts_done} of %n part(s) done</source>
            <translation>
                <numerusform>{done} de {size}; {parts_done} de %n parte terminadas</numerusform>
                <numerusform>{done} de {size}; {parts_done} de %n partes terminadas</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QueueTab</name>
        <message>
            <source>No files yet. Drop files above, or choose Add files… (Ctrl+O).</source>
            <translation>Todavía no hay archivos. Suéltalos arriba o elige Añadir archivos… (Ctrl+O).</translation>
        </message>
        <message>
            <source>Upload</source>
            <translation>Subir</translation>
        </message>
        <message>
            <source>Upload the files that are ready</source>
            <translation>Subir los archivos que están listos</translation>
        </message>
        <message>
            <source>Upload the files that are ready (Ctrl+Enter)</source>
            <translation>Subir los archivos que están listos (Ctrl+Intro)</translation>
        </message>
        <message>
            <source>&amp;Purpose:</source>
            <translation>&amp;Propósito:</translation>
        </message>
        <message>
            <source>E&amp;xpires:</source>
            <translation>Ca&amp;ducidad:</translation>
        </message>
        <message>
            <source>Upload queue</source>
            <translation>Cola de subida</translation>
        </message>
        <message>
            <source>Files to upload and their progress. Arrow keys move between files; Space pauses or resumes; Delete removes.</source>
            <translation>Archivos para subir y su progreso. Las flechas pasan de un archivo a otro; Espacio pausa o reanuda; Supr quita.</translation>
        </message>
        <message numerus="yes">
            <source>Upload %n file(s)</source>
            <translation>
                <numerusform>Subir %n archivo</numerusform>
                <numerusform>Subir %n archivos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file ID(s) copied.</source>
            <translation>
                <numerusform>ID de archivo copiado.</numerusform>
                <numerusform>%n ID de archivo copiados.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SameFileGuard</name>
        <message>
            <source>Already uploaded</source>
            <translation>Ya subido</translation>
        </message>
        <message>
            <source>{name} was already uploaded as {id} on {when} — upload again?</source>
            <translation>{name} ya se subió como {id} el {when}. ¿Subirlo de nuevo?</translation>
        </message>
        <message>
            <source>Upload again</source>
            <translation>Subir de nuevo</translation>
        </message>
        <message>
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <source>Already uploaded as {id} on {when}; that File is kept.</source>
            <translation>Ya subido como {id} el {when}; se conserva ese archivo.</translation>
        </message>
    </context>
    <context>
        <name>ServerTab</name>
        <message>
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Propósito</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Tamaño</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Creado</translation>
        </message>
        <message>
            <source>Expires</source>
            <translation>Caducidad</translation>
        </message>
        <message>
            <source>File ID</source>
            <translation>ID de archivo</translation>
        </message>
        <message>
            <source>Purpose filter</source>
            <translation>Filtro por propósito</translation>
        </message>
        <message>
            <source>All purposes</source>
            <translation>Todos los propósitos</translation>
        </message>
        <message>
            <source>Search by name</source>
            <translation>Buscar por nombre</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <source>Load the list again (F5)</source>
            <translation>Volver a cargar la lista (F5)</translation>
        </message>
        <message>
            <source>Download…</source>
            <translation>Descargar…</translation>
        </message>
        <message>
            <source>Copy file ID</source>
            <translation>Copiar ID de archivo</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Borrar…</translation>
        </message>
        <message>
            <source>&amp;Show:</source>
            <translation>&amp;Mostrar:</translation>
        </message>
        <message>
            <source>Files on the server</source>
            <translation>Archivos en el servidor</translation>
        </message>
        <message>
            <source>Server list status</source>
            <translation>Estado de la lista del servidor</translation>
        </message>
        <message>
            <source>Load more</source>
            <translation>Cargar más</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Cargando…</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) listed (more on the server).</source>
            <translation>
                <numerusform>%n archivo en la lista (hay más en el servidor).</numerusform>
                <numerusform>%n archivos en la lista (hay más en el servidor).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) listed.</source>
            <translation>
                <numerusform>%n archivo en la lista.</numerusform>
                <numerusform>%n archivos en la lista.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file ID(s) copied.</source>
            <translation>
                <numerusform>ID de archivo copiado.</numerusform>
                <numerusform>%n ID de archivo copiados.</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete "{name}" from the server?</source>
            <translation>¿Borrar «{name}» del servidor?</translation>
        </message>
        <message numerus="yes">
            <source>Delete %n file(s) from the server?</source>
            <translation>
                <numerusform>¿Borrar %n archivo del servidor?</numerusform>
                <numerusform>¿Borrar %n archivos del servidor?</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete from the server?</source>
            <translation>¿Borrar del servidor?</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <source>This cannot be undone.</source>
            <translation>Esto no se puede deshacer.</translation>
        </message>
        <message>
            <source>{name}: {reason}</source>
            <translation>{name}: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>Deleted %n file(s).</source>
            <translation>
                <numerusform>%n archivo borrado.</numerusform>
                <numerusform>%n archivos borrados.</numerusform>
            </translation>
        </message>
        <message>
            <source>Save the downloaded file</source>
            <translation>Guardar el archivo descargado</translation>
        </message>
        <message>
            <source>Downloading {name}…</source>
            <translation>Descargando {name}…</translation>
        </message>
        <message>
            <source>Download failed: {reason}</source>
            <translation>Falló la descarga: {reason}</translation>
        </message>
        <message>
            <source>Saved {size} to {path}.</source>
            <translation>Se guardaron {size} en {path}.</translation>
        </message>
    </context>
    <context>
        <name>Services</name>
        <message>
            <source>No API key is set for this profile. Open Settings to add one.</source>
            <translation>Este perfil no tiene ninguna clave de API. Abre Ajustes para añadir una.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Testing…</source>
            <translation>Probando…</translation>
        </message>
        <message>
            <source>Connected.</source>
            <translation>Conectado.</translation>
        </message>
        <message>
            <source>The server could not be checked.</source>
            <translation>No se pudo comprobar el servidor.</translation>
        </message>
        <message>
            <source>Uploads</source>
            <translation>Subidas</translation>
        </message>
        <message>
            <source>Requests at once</source>
            <translation>Solicitudes simultáneas</translation>
        </message>
        <message>
            <source>Parts and files sent at the same time, over all uploads</source>
            <translation>Partes y archivos enviados a la vez, en todas las subidas</translation>
        </message>
        <message>
            <source>Part size</source>
            <translation>Tamaño de parte</translation>
        </message>
        <message>
            <source> MiB</source>
            <translation> MiB</translation>
        </message>
        <message>
            <source>Attempts per part</source>
            <translation>Intentos por parte</translation>
        </message>
        <message>
            <source>How often a failing request is tried before giving up</source>
            <translation>Cuántas veces se intenta una solicitud que falla antes de rendirse</translation>
        </message>
        <message>
            <source> s</source>
            <translation> s</translation>
        </message>
        <message>
            <source>Stall timeout</source>
            <translation>Espera máxima sin avance</translation>
        </message>
        <message>
            <source>A request that moves no byte for this long is retried</source>
            <translation>Una solicitud que no mueve ni un byte durante este tiempo se reintenta</translation>
        </message>
        <message>
            <source>Requests at &amp;once:</source>
            <translation>Solicitudes &amp;simultáneas:</translation>
        </message>
        <message>
            <source>&amp;Part size:</source>
            <translation>&amp;Tamaño de parte:</translation>
        </message>
        <message>
            <source>&amp;Attempts per part:</source>
            <translation>&amp;Intentos por parte:</translation>
        </message>
        <message>
            <source>&amp;Stall timeout:</source>
            <translation>Espera &amp;máxima sin avance:</translation>
        </message>
        <message>
            <source>Window</source>
            <translation>Ventana</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <source>System</source>
            <translation>Sistema</translation>
        </message>
        <message>
            <source>Applies the next time Hoist starts.</source>
            <translation>Se aplica la próxima vez que se inicie Hoist.</translation>
        </message>
        <message>
            <source>Lan&amp;guage:</source>
            <translation>I&amp;dioma:</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Ajustes</translation>
        </message>
        <message>
            <source>Profiles</source>
            <translation>Perfiles</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Añadir</translation>
        </message>
        <message>
            <source>Add a profile</source>
            <translation>Añadir un perfil</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Quitar</translation>
        </message>
        <message>
            <source>Remove the selected profile</source>
            <translation>Quitar el perfil seleccionado</translation>
        </message>
        <message>
            <source>Use this profile</source>
            <translation>Usar este perfil</translation>
        </message>
        <message>
            <source>Uploads use the active profile (marked ✓)</source>
            <translation>Las subidas usan el perfil activo (marcado con ✓)</translation>
        </message>
        <message>
            <source>Active profile</source>
            <translation>Perfil activo</translation>
        </message>
        <message>
            <source>Profile name</source>
            <translation>Nombre del perfil</translation>
        </message>
        <message>
            <source>Base URL</source>
            <translation>URL base</translation>
        </message>
        <message>
            <source>Organization</source>
            <translation>Organización</translation>
        </message>
        <message>
            <source>Optional (org-…)</source>
            <translation>Opcional (org-…)</translation>
        </message>
        <message>
            <source>Project</source>
            <translation>Proyecto</translation>
        </message>
        <message>
            <source>Optional (proj_…)</source>
            <translation>Opcional (proj_…)</translation>
        </message>
        <message>
            <source>Connection</source>
            <translation>Conexión</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Nombre:</translation>
        </message>
        <message>
            <source>&amp;Base URL:</source>
            <translation>URL &amp;base:</translation>
        </message>
        <message>
            <source>&amp;Organization:</source>
            <translation>&amp;Organización:</translation>
        </message>
        <message>
            <source>Pro&amp;ject:</source>
            <translation>Pro&amp;yecto:</translation>
        </message>
        <message>
            <source>Settings error</source>
            <translation>Error en los ajustes</translation>
        </message>
        <message>
            <source>Reading…</source>
            <translation>Leyendo…</translation>
        </message>
        <message>
            <source>Uploads use “{name}”.</source>
            <translation>Las subidas usan «{name}».</translation>
        </message>
        <message>
            <source>A profile needs a name.</source>
            <translation>Un perfil necesita un nombre.</translation>
        </message>
        <message>
            <source>There is already a profile named "{name}".</source>
            <translation>Ya existe un perfil llamado «{name}».</translation>
        </message>
        <message>
            <source>The base URL of "{name}" must start with https://.</source>
            <translation>La URL base de «{name}» debe empezar por https://.</translation>
        </message>
        <message>
            <source>Replace RESOURCE in the base URL of "{name}" with the name of your Azure OpenAI resource.</source>
            <translation>Sustituye RESOURCE en la URL base de «{name}» por el nombre de tu recurso de Azure OpenAI.</translation>
        </message>
        <message>
            <source>Proxy of "{name}": {problem}</source>
            <translation>Proxy de «{name}»: {problem}</translation>
        </message>
        <message>
            <source>The settings could not be saved: {reason}.</source>
            <translation>No se pudieron guardar los ajustes: {reason}.</translation>
        </message>
    </context>
    <context>
        <name>SpeedBox</name>
        <message>
            <source>Speed and power</source>
            <translation>Velocidad y energía</translation>
        </message>
        <message>
            <source>Limit upload speed</source>
            <translation>Limitar la velocidad de subida</translation>
        </message>
        <message>
            <source>One cap for all uploads together; 0 means no limit</source>
            <translation>Un límite para todas las subidas juntas; 0 significa sin límite</translation>
        </message>
        <message>
            <source>Alternative limit</source>
            <translation>Límite alternativo</translation>
        </message>
        <message>
            <source>The cap used while the turtle in the status bar is on; 0 means no limit</source>
            <translation>El límite que se usa mientras la tortuga de la barra de estado está activada; 0 significa sin límite</translation>
        </message>
        <message>
            <source>Keep the computer awake while uploading</source>
            <translation>Mantener el equipo despierto mientras se sube</translation>
        </message>
        <message>
            <source>&amp;Limit upload speed:</source>
            <translation>Limitar la velo&amp;cidad de subida:</translation>
        </message>
        <message>
            <source>Alte&amp;rnative limit:</source>
            <translation>Límit&amp;e alternativo:</translation>
        </message>
        <message>
            <source> KB/s</source>
            <translation> KB/s</translation>
        </message>
        <message>
            <source>No limit</source>
            <translation>Sin límite</translation>
        </message>
    </context>
    <context>
        <name>SpeedControls</name>
        <message>
            <source>Uploading files</source>
            <translation>Subiendo archivos</translation>
        </message>
        <message>
            <source>Alternative speed limit</source>
            <translation>Límite de velocidad alternativo</translation>
        </message>
        <message>
            <source>The setting could not be saved: {0}.</source>
            <translation>No se pudo guardar el ajuste: {0}.</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>sin límite</translation>
        </message>
        <message>
            <source>Alternative speed limit on: {0} (click for the normal limit: {1})</source>
            <translation>Límite de velocidad alternativo activado: {0} (haz clic para el límite normal: {1})</translation>
        </message>
        <message>
            <source>Upload limit: {0} (click for the alternative limit: {1})</source>
            <translation>Límite de subida: {0} (haz clic para el límite alternativo: {1})</translation>
        </message>
        <message>
            <source>Keep awake while uploading: {0}</source>
            <translation>Mantener despierto al subir: {0}</translation>
        </message>
        <message>
            <source>Keep awake while uploading: off in Settings</source>
            <translation>Mantener despierto al subir: desactivado en Ajustes</translation>
        </message>
    </context>
    <context>
        <name>StartBatchDialog</name>
        <message>
            <source>Validating (the server checks the requests)</source>
            <translation>Validando (el servidor comprueba las solicitudes)</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>En curso</translation>
        </message>
        <message>
            <source>Finalizing</source>
            <translation>Finalizando</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Completado</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Fallido</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>Caducado</translation>
        </message>
        <message>
            <source>Cancelling</source>
            <translation>Cancelando</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Cancelado</translation>
        </message>
        <message>
            <source>Start batch</source>
            <translation>Iniciar lote</translation>
        </message>
        <message>
            <source>Start a Batch from {name} ({id}). The endpoint is the url of its requests; results are due within 24 hours.</source>
            <translation>Iniciar un lote a partir de {name} ({id}). El endpoint es la url de sus solicitudes; los resultados llegan en un plazo de 24 horas.</translation>
        </message>
        <message>
            <source>Batch ID</source>
            <translation>ID de lote</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Copiar</translation>
        </message>
        <message>
            <source>Copy batch ID</source>
            <translation>Copiar ID de lote</translation>
        </message>
        <message>
            <source>Batch endpoint</source>
            <translation>Endpoint del lote</translation>
        </message>
        <message>
            <source>Not started yet.</source>
            <translation>Todavía no iniciado.</translation>
        </message>
        <message>
            <source>Batch status</source>
            <translation>Estado del lote</translation>
        </message>
        <message>
            <source>Batch &amp;ID:</source>
            <translation>&amp;ID de lote:</translation>
        </message>
        <message>
            <source>Endpoint:</source>
            <translation>Endpoint:</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>Estado:</translation>
        </message>
        <message>
            <source>&amp;Start batch</source>
            <translation>I&amp;niciar lote</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Actualizar</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>Iniciando…</translation>
        </message>
        <message>
            <source>Could not read the status: {reason}</source>
            <translation>No se pudo leer el estado: {reason}</translation>
        </message>
        <message>
            <source>Not started: {reason}</source>
            <translation>No iniciado: {reason}</translation>
        </message>
    </context>
    <context>
        <name>VectorStoreDialog</name>
        <message>
            <source>Processing</source>
            <translation>Procesando</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Completado</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Fallido</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Cancelado</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(sin nombre)</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n archivo</numerusform>
                <numerusform>%n archivos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n completed</source>
            <translation>
                <numerusform>%n completado</numerusform>
                <numerusform>%n completados</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n failed</source>
            <translation>
                <numerusform>%n con error</numerusform>
                <numerusform>%n con error</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n in progress</source>
            <translation>
                <numerusform>%n en curso</numerusform>
                <numerusform>%n en curso</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cancelled</source>
            <translation>
                <numerusform>%n cancelado</numerusform>
                <numerusform>%n cancelados</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s): {counts}</source>
            <translation>
                <numerusform>%n archivo: {counts}</numerusform>
                <numerusform>%n archivos: {counts}</numerusform>
            </translation>
        </message>
        <message>
            <source>, </source>
            <translation>, </translation>
        </message>
        <message>
            <source>Add to vector store</source>
            <translation>Añadir a un almacén de vectores</translation>
        </message>
        <message numerus="yes">
            <source>Add %n uploaded file(s) to a vector store: {names}</source>
            <translation>
                <numerusform>Añadir %n archivo subido a un almacén de vectores: {names}</numerusform>
                <numerusform>Añadir %n archivos subidos a un almacén de vectores: {names}</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Existing vector store:</source>
            <translation>Almacén de vectores &amp;existente:</translation>
        </message>
        <message>
            <source>Vector stores</source>
            <translation>Almacenes de vectores</translation>
        </message>
        <message>
            <source>Load more</source>
            <translation>Cargar más</translation>
        </message>
        <message>
            <source>Load more vector stores</source>
            <translation>Cargar más almacenes de vectores</translation>
        </message>
        <message>
            <source>Loading vector stores…</source>
            <translation>Cargando almacenes de vectores…</translation>
        </message>
        <message>
            <source>Vector store list status</source>
            <translation>Estado de la lista de almacenes de vectores</translation>
        </message>
        <message>
            <source>&amp;New vector store named:</source>
            <translation>Almacén de vectores &amp;nuevo llamado:</translation>
        </message>
        <message>
            <source>New vector store name</source>
            <translation>Nombre del almacén de vectores nuevo</translation>
        </message>
        <message>
            <source>e.g. Product docs</source>
            <translation>p. ej., Documentación del producto</translation>
        </message>
        <message>
            <source>File batch</source>
            <translation>Lote de archivos</translation>
        </message>
        <message>
            <source>File batch status</source>
            <translation>Estado del lote de archivos</translation>
        </message>
        <message>
            <source>Files processed</source>
            <translation>Archivos procesados</translation>
        </message>
        <message>
            <source>%v of %m files processed</source>
            <translation>%v de %m archivos procesados</translation>
        </message>
        <message>
            <source>File counts</source>
            <translation>Recuento de archivos</translation>
        </message>
        <message>
            <source>Files the vector store failed</source>
            <translation>Archivos que el almacén de vectores no pudo procesar</translation>
        </message>
        <message>
            <source>&amp;Add files</source>
            <translation>&amp;Añadir archivos</translation>
        </message>
        <message>
            <source>Could not list the vector stores: {reason}</source>
            <translation>No se pudieron listar los almacenes de vectores: {reason}</translation>
        </message>
        <message>
            <source>No vector stores yet: name a new one below.</source>
            <translation>Todavía no hay almacenes de vectores: pon nombre a uno nuevo abajo.</translation>
        </message>
        <message numerus="yes">
            <source>%n vector store(s) so far.</source>
            <translation>
                <numerusform>%n almacén de vectores por ahora.</numerusform>
                <numerusform>%n almacenes de vectores por ahora.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n vector store(s).</source>
            <translation>
                <numerusform>%n almacén de vectores.</numerusform>
                <numerusform>%n almacenes de vectores.</numerusform>
            </translation>
        </message>
        <message>
            <source>File batch in {store}</source>
            <translation>Lote de archivos en {store}</translation>
        </message>
        <message>
            <source>Creating the file batch…</source>
            <translation>Creando el lote de archivos…</translation>
        </message>
        <message>
            <source>Stopped following file batch {batch}: {reason} The vector store goes on with it on the server.</source>
            <translation>Se dejó de seguir el lote de archivos {batch}: {reason} El almacén de vectores sigue con él en el servidor.</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>con error</translation>
        </message>
        <message>
            <source>The files were not added: {reason}</source>
            <translation>No se añadieron los archivos: {reason}</translation>
        </message>
        <message>
            <source>{status}: file batch {batch}</source>
            <translation>{status}: lote de archivos {batch}</translation>
        </message>
        <message>
            <source>File batch in {store} ({id})</source>
            <translation>Lote de archivos en {store} ({id})</translation>
        </message>
    </context>
</TS>
