; Inno Setup 6 script for Hoist: a per-user installer (no administrator rights needed).
;
; Built by packaging/build_windows.py (on Windows, and on Linux under Wine), which passes:
;   /DAppVersion=<app.__version__>  /DBundleDir=<PyInstaller one-folder bundle: hoist.exe =
;   console/CLI, hoistw.exe = windowed, one shared _internal\ folder>  /DIconFile=<hoist.ico
;   from packaging/icons.py>  /DCompression=<lzma2/max, or lzma2/fast for tests>  /O<dist>
; Output: dist\hoist-<version>-windows-x64-setup.exe
;
; What it installs: the bundle in %LOCALAPPDATA%\Programs\Hoist, a Start menu entry, an
; optional desktop icon, a "Send to > Hoist" entry (queues the selected files), "Open with"
; registration for common upload types, optionally hoist.exe on the user's PATH, and an
; uninstaller (Settings > Apps). The API key lives in Windows Credential Manager, not here.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Hoist"
#define AppExe "hoistw.exe"
#define CliExe "hoist.exe"
#define Root "..\.."
#ifndef BundleDir
  #define BundleDir Root + "\build\windows\pyinstaller\dist\hoist"
#endif
#ifndef IconFile
  #define IconFile Root + "\build\windows\icons\hoist.ico"
#endif
#ifndef Compression
  #define Compression "lzma2/max"
#endif

[Setup]
AppId={{1541E028-7CC6-4DE4-B757-DAFF093FC27F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Hoist developers
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; {autopf} would be the same on Windows; Wine (and Proton) cannot expand its per-user form
; {userpf}, so the per-user folder is spelled out: %LOCALAPPDATA%\Programs, Windows' default.
DefaultDirName={code:ProgramsRoot}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=hoist-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression={#Compression}
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes
ChangesAssociations=yes
CloseApplications=yes
LicenseFile={#Root}\packaging\windows\LICENSE.txt

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the hoist command to PATH (for the command line)"; GroupDescription: "Command line:"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "Upload files to the OpenAI Files API reliably"
Name: "{autoprograms}\{#AppName} (try with the built-in sandbox)"; Filename: "{app}\{#AppExe}"; Parameters: "--sandbox"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon
; Explorer's "Send to" passes the selected files as arguments: they are queued in the window.
Name: "{usersendto}\{#AppName}"; Filename: "{app}\{#AppExe}"

[Registry]
; "Open with > Hoist" for the file types people upload (per-user, under HKCU).
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jsonl"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".txt"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".csv"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".png"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jpg"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jpeg"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".webp"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".gif"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.jsonl\OpenWithList\{#AppExe}"; ValueType: string; ValueName: ""; ValueData: ""; Flags: uninsdeletekey
; The hoist command on the user's PATH (task "addtopath"); removed again by the uninstaller.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The bundle only; settings, journal and logs in %LOCALAPPDATA%\hoist stay (the user's data).
Type: filesandordirs; Name: "{app}\_internal"

[Code]
function ProgramsRoot(Param: string): string;
begin
  if IsAdminInstallMode then
    Result := ExpandConstant('{commonpf}')
  else
    Result := ExpandConstant('{localappdata}') + '\Programs';
end;

function NeedsAddPath(Dir: string): Boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Current) + ';') = 0;
end;

procedure RemoveFromPath(Dir: string);
var
  Current: string;
  Position: Integer;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current) then
    exit;
  Position := Pos(';' + Uppercase(Dir), Uppercase(Current));
  if Position > 0 then
  begin
    Delete(Current, Position, Length(Dir) + 1);
    RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current);
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
end;
