; Inno Setup 6 script of the register's Windows installer.
;
; Built by packaging/build.py on Windows when Inno Setup's ISCC.exe is found (and on Linux,
; under Wine, by packaging/build.py --target windows), as:
;   iscc /DAppVersion=0.1.0 /DBundleDir=dist\bc-pos /DIconFile=build\stage\icons\bc-pos.ico ^
;        /Odist packaging\windows\bc-pos.iss
; which writes dist\bc-pos-<version>-setup.exe.
;
; - Per-machine install into %ProgramFiles%\BigCommerce Register (administrator rights).
; - Start-menu entry (bc-pos.exe: no console window) and an uninstaller (Apps & features).
; - pos.exe (a console program) for the command line: pos --self-test, pos profile ...;
;   optionally added to the system PATH.
; - The system-wide profiles folder %ProgramData%\bc-pos\profiles for fleet deployment:
;   created at install with its own access list and none inherited from %ProgramData%
;   (whose inherited entries let every user create files): Administrators and SYSTEM full
;   control, Users read and execute. The uninstaller leaves the profiles an administrator
;   deployed there.
; - Silent installs for fleets: bc-pos-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES
;   /NORESTART [/TASKS="addtopath"].

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\bc-pos"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\stage\icons\bc-pos.ico"
#endif

#define AppName "BigCommerce Register"
#define AppId "bc-pos"

[Setup]
; A fixed AppId keeps upgrades and the uninstaller tied to one entry.
AppId={{6F0D3B52-3C55-4C4B-9E59-7B1F3E0B5C21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=BigCommerce Register developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename={#AppId}-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\bc-pos.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
; LZMA2 in two blocks compressed in parallel by a separate 64-bit process, so that a
; two-core builder uses both cores (the set-up grows by about 0.1 MiB).
LZMAUseSeparateProcess=yes
LZMANumBlockThreads=2
WizardStyle=modern
ChangesEnvironment=yes
CloseApplications=yes
MinVersion=10.0

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the pos command to the system PATH"; Flags: unchecked

[Dirs]
; The system-wide profiles folder (pos.stores.profiles reads it on Windows). The
; Permissions entries are added to what the folder inherits; [Run] below then removes the
; inherited entries, so that ordinary users can only read it.
Name: "{commonappdata}\bc-pos"; Flags: uninsneveruninstall
Name: "{commonappdata}\bc-pos\profiles"; Permissions: users-readexec admins-full system-full; Flags: uninsneveruninstall

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\bc-pos.exe"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName} (self-test)"; Filename: "{cmd}"; Parameters: "/k ""{app}\pos.exe"" --self-test"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\bc-pos.exe"; Tasks: desktopicon

[Registry]
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
; The profiles folder's access list, inheritance removed: Administrators (S-1-5-32-544) and
; SYSTEM (S-1-5-18) full control, Users (S-1-5-32-545) read and execute; by SID, so that it
; works in every language of Windows. Runs at every install and upgrade.
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\bc-pos\profiles"" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX"; StatusMsg: "Securing the system-wide profiles folder..."; Flags: runhidden waituntilterminated
Filename: "{app}\bc-pos.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the program may have written next to itself (none expected); never the profiles.
Type: filesandordirs; Name: "{app}"

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKLM, 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;

procedure RemoveFromPath(Dir: string);
var
  Path: string;
  P: Integer;
begin
  if RegQueryStringValue(HKLM, 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path) then
  begin
    P := Pos(';' + Uppercase(Dir), Uppercase(Path));
    if P > 0 then
    begin
      Delete(Path, P, Length(Dir) + 1);
      RegWriteExpandStringValue(HKLM, 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path);
    end;
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
end;
