; The Windows installer made with makensis on Linux (scripts/windows/build-installer.sh): installs
; pacesetter-app.exe and pacesetter.exe for all users under Program Files, Start menu and desktop
; shortcuts, an entry in 应用和功能 (Add/Remove Programs) with an uninstaller, Simplified Chinese
; pages; checks for the WebView2 runtime the app needs and says what to do when it is missing. The
; database under each user's %APPDATA% is never touched, also not by the uninstaller.
; Defined by the build script (from src-tauri/tauri.conf.json): PRODUCT, IDENT, VERSION, PUBLISHER,
; COPYRIGHT, ICON, APP_EXE, CLI_EXE, LOADER_DLL (WebView2Loader.dll, which the GNU build of the app
; loads; Microsoft's redistributable, from the webview2-com-sys crate), OUT_FILE, COMPRESSOR.
Unicode true
ManifestDPIAware true
SetCompressor /SOLID ${COMPRESSOR}
!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENT}"
; The Evergreen WebView2 runtime's registration (Microsoft's documented check).
!define WEBVIEW2_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
InstallDirRegKey HKLM "Software\${IDENT}" "InstallDir"
RequestExecutionLevel admin
BrandingText "${PUBLISHER}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${COPYRIGHT}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\pacesetter-app.exe"
!define MUI_FINISHPAGE_RUN_TEXT "打开${PRODUCT}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${PRODUCT}需要 64 位的 Windows 10 或 Windows 11。"
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

; Sets $0 to the installed WebView2 runtime's version, or "" when there is none.
Function WebView2Version
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_KEY}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_KEY}" "pv"
  ${EndIf}
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_KEY}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

Section "install"
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "/oname=pacesetter-app.exe" "${APP_EXE}"
  File "/oname=pacesetter.exe" "${CLI_EXE}"
  File "/oname=WebView2Loader.dll" "${LOADER_DLL}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\pacesetter-app.exe"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\卸载${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\pacesetter-app.exe"

  WriteRegStr HKLM "Software\${IDENT}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\pacesetter-app.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0

  Call WebView2Version
  ${If} $0 == ""
    MessageBox MB_ICONEXCLAMATION "本机没有 Microsoft Edge WebView2 运行时，${PRODUCT}的窗口需要它才能打开（Windows 11 与已更新的 Windows 10 都已自带）。$\r$\n$\r$\n请在联网电脑上从微软网站下载“WebView2 常青版独立安装程序（x64）”，拷到本机运行安装后再打开本程序。命令行工具 pacesetter.exe 不需要它。" /SD IDOK
  ${EndIf}
SectionEnd

Section "uninstall"
  SetShellVarContext all
  Delete "$INSTDIR\pacesetter-app.exe"
  Delete "$INSTDIR\pacesetter.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\卸载${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "Software\${IDENT}"
SectionEnd
