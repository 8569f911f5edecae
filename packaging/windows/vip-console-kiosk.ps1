# The VIP Host Console as a kiosk on a Windows tablet (docs/kiosk.md), started at logon
# by the scheduled task vip-console-task.xml. Task Scheduler restarts a task that fails
# to start, not a program that dies later; this loop does that: it starts the console
# again after any exit but a clean one (exit code 0: IT's PIN closed the kiosk).
$ErrorActionPreference = "Stop"
# Exit code 75: an update was installed at the idle lock; the new current version
# starts at once and it is not a death.
$root = Join-Path $env:LOCALAPPDATA "Programs\vip-console"
$restartForUpdate = 75
$deaths = @()
. (Join-Path $PSScriptRoot "vip-console-current.ps1")
do {
    $console = Get-VipConsole $root  # again each time: an update changes it
    $process = Start-Process -FilePath $console -ArgumentList "run", "--kiosk" -Wait -PassThru
    $code = $process.ExitCode
    if ($code -ne 0 -and $code -ne $restartForUpdate) {
        # Ten deaths in five minutes: a restart will not mend it; stop and let IT look
        # (the console's log is in %LOCALAPPDATA%\vip-console\Logs).
        $now = Get-Date
        $deaths = @($deaths | Where-Object { ($now - $_).TotalMinutes -lt 5 }) + $now
        if ($deaths.Count -ge 10) { exit $code }
        Start-Sleep -Seconds 3
    }
} while ($code -ne 0)
