# The kiosk user's shell (Shell Launcher v2: vip-console-shell-launcher.xml,
# docs/kiosk.md): starts the console installed beside this script, its current version
# when the install is versioned (docs/updates.md), as a kiosk, and exits with its code.
# Shell Launcher starts the shell again after any exit but 0; on 0 (IT's PIN closed the
# kiosk) the kiosk user is signed out here, so that IT signs in with its own account.
$ErrorActionPreference = "Stop"
. (Join-Path $PSScriptRoot "vip-console-current.ps1")
$console = Get-VipConsole $PSScriptRoot
$process = Start-Process -FilePath $console -ArgumentList "run", "--kiosk" -Wait -PassThru
$code = $process.ExitCode
if ($code -eq 0) {
    & "$env:SystemRoot\System32\logoff.exe"
}
exit $code
