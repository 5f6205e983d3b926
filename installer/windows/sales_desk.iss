; Inno Setup 6 script for the Windows installer of Sales Desk.
; Saved as UTF-8 with a BOM, which Inno Setup needs to read the Chinese message below.
;   python installer\build.py --installer     (builds the bundle first, then runs ISCC)
; or by hand, after the bundle is in dist\sales-desk:
;   ISCC /DAppVersion=0.1.0 installer\windows\sales_desk.iss
;
; Installs the one-folder bundle per user (no administrator needed; an administrator
; may choose "for all users"), with a Start-menu shortcut and an uninstaller.
; The uninstaller removes only what this installer put in the program folder. The
; user's data (database, backups, attachments, log: %LOCALAPPDATA%\SalesDesk\SalesDesk,
; or the folder chosen with --data-dir) and settings are never installed by it and so
; are KEPT: uninstalling a program must not delete a firm's books.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\sales-desk"
#endif
#define AppName "Sales Desk"
#define AppExe "sales-desk.exe"

[Setup]
; The AppId stays the same for every release, so a new version upgrades the old one.
AppId={{6F0B7C3E-2D4A-4B8E-9C51-5A1E5DE5D35C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SalesDesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=SalesDesk-{#AppVersion}-setup
SetupIconFile=..\..\sales_desk\resources\icons\sales-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running Sales Desk holds its files: ask to close it rather than fail half-way.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Official from Inno Setup 6.5; with an older compiler the installer is English only.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#define HaveChinese
#endif

[CustomMessages]
english.DataKept=Your Sales Desk data (database, backups, attachments) was kept in %1. Delete that folder yourself only if you no longer need the data.
#ifdef HaveChinese
chinesesimplified.DataKept=销售管理台的数据（数据库、备份、附件）已保留在 %1。只有确定不再需要这些数据时，才请自行删除该文件夹。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle: sales-desk.exe (the window), sales-desk-cli.exe (the commands, for a
; console) and _internal\ (Python, Qt, the libraries, migrations, catalogues, icons).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry names the data folder, on purpose (see the top).

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\SalesDesk\SalesDesk');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
