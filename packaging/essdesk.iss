; ESS Desk installer for Windows (Inno Setup 6), built from the PyInstaller one-folder bundle.
; UTF-8 with a BOM, so that every Inno Setup 6 release reads its accents right.
;
;   pyinstaller --noconfirm --distpath build\frozen\dist --workpath build\frozen\work packaging\essdesk.spec
;   iscc /DAppVersion=0.1.0 packaging\essdesk.iss      -> build\installer\ESSDesk-0.1.0-installation.exe
;
; Per-user install, no administrator rights: %LOCALAPPDATA%\Programs\ESS Desk. Silent install
; for a fleet of PCs: ESSDesk-…-installation.exe /VERYSILENT /CURRENTUSER (see README.md).
; The uninstaller removes the program only: the bases, backups, settings and logs stay in
; %LOCALAPPDATA%\ESSDesk\ESSDesk (essdesk/config.py), and it says so.

#define AppName "ESS Desk"
#define Bundle AddBackslash(SourcePath) + "..\build\frozen\dist\essdesk"
#ifndef AppVersion
  ; Read from the executable's version resource, made from essdesk.__version__ (version_info.py).
  #define AppVersion GetStringFileInfo(Bundle + "\essdesk.exe", "ProductVersion")
#endif

[Setup]
; The identity of the application for Windows: never change it, or upgrades install twice.
AppId={{12F9858F-9C74-464B-9850-BCAAC3EFFC3F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ESS Desk
; Numbers only (X.Y.Z): a pre-release version is passed as /DAppVersion=X.Y.Z.
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Per user, no administrator rights: {autopf} is then {localappdata}\Programs, and the
; shortcuts go to the user's own Start menu and desktop. /CURRENTUSER on the command line says
; so explicitly; /ALLUSERS (run as administrator) installs once for every user of the PC, in
; Program Files; the data stays per user either way.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\build\installer
OutputBaseFilename=ESSDesk-{#AppVersion}-installation
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\essdesk.exe
; An open ESS Desk is closed before its files are replaced (upgrade) or removed.
CloseApplications=yes
RestartApplications=no
#if FileExists(AddBackslash(SourcePath) + "essdesk.ico")
SetupIconFile=essdesk.ico
#endif

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "Créer une icône sur le Bureau"; GroupDescription: "Icônes supplémentaires :"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\essdesk.exe"; Comment: "Emploi des jeunes dans l'économie sociale et solidaire"
Name: "{group}\Invite de commandes ESS Desk"; Filename: "{cmd}"; Parameters: "/k ""{app}\essdesk-cli.exe"" --help"; WorkingDir: "{userdocs}"; Comment: "La ligne de commande d'ESS Desk (import, sauvegarde, rapports)"
Name: "{group}\Désinstaller {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\essdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\essdesk.exe"; Description: "Lancer {#AppName}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may leave in its own folder; the user's data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
function DataDir(): String;
begin
  { platformdirs.user_data_dir("ESSDesk", "ESSDesk", roaming=False), as in essdesk/config.py }
  Result := ExpandConstant('{localappdata}\ESSDesk\ESSDesk');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir()) and not UninstallSilent() then
    MsgBox('ESS Desk a été désinstallé. Vos données sont conservées :' + #13#10 + #13#10 +
      '- la base, les paramètres et les journaux : ' + DataDir() + #13#10 +
      '- les sauvegardes : ' + DataDir() + '\sauvegardes' + #13#10 +
      '  (ou le dossier de sauvegarde choisi dans les paramètres d''ESS Desk)' + #13#10 + #13#10 +
      'Une nouvelle installation les retrouvera. Pour tout effacer, supprimez ces dossiers ' +
      'vous-même, après avoir gardé une sauvegarde si les dossiers des jeunes doivent être conservés.',
      mbInformation, MB_OK);
end;
