# Locks a Windows floor tablet down for the VIP Host Console (docs/kiosk.md): the
# console as the kiosk user's shell (Shell Launcher v2) and the keyboard filtered
# (Keyboard Filter, policies). Windows 10/11 Enterprise, Education or IoT Enterprise.
# Run it as SYSTEM (the MDM bridge that applies Shell Launcher answers only SYSTEM),
# e.g. from an elevated prompt: psexec.exe -i -s powershell.exe -File vip-console-lockdown.ps1
# The kiosk user must exist and have signed in once (its registry hive is edited).
param(
    [string]$KioskUser = "vipkiosk"
)
$ErrorActionPreference = "Stop"
$here = $PSScriptRoot

# 1. The two Windows features; a restart may be asked for before they work.
foreach ($feature in "Client-EmbeddedShellLauncher", "Client-KeyboardFilter") {
    Enable-WindowsOptionalFeature -Online -FeatureName $feature -All -NoRestart | Out-Null
}

# 2. Shell Launcher v2: the console as the kiosk user's shell, Explorer for the others.
$shell = Get-Content (Join-Path $here "vip-console-shell-launcher.xml") -Raw
$bridge = Get-CimInstance -Namespace "root\cimv2\mdm\dmmap" -ClassName "MDM_AssignedAccess"
$bridge.ShellLauncher = [System.Net.WebUtility]::HtmlEncode($shell)
Set-CimInstance -CimInstance $bridge | Out-Null

# 3. Keyboard Filter: settings, then each blocked key (a name this Windows does not
#    know is said, never skipped silently).
[xml]$filter = Get-Content (Join-Path $here "vip-console-keyboard-filter.xml") -Raw
$wekf = "root\standardcimv2\embedded"
foreach ($setting in $filter.VipConsoleKeyboardFilter.Settings.Setting) {
    $instance = Get-CimInstance -Namespace $wekf -ClassName "WEKF_Settings" |
        Where-Object { $_.Name -eq $setting.Name }
    $instance.Value = $setting.Value
    Set-CimInstance -CimInstance $instance | Out-Null
}
foreach ($key in $filter.VipConsoleKeyboardFilter.BlockedKeys.Key) {
    $instance = Get-CimInstance -Namespace $wekf -ClassName "WEKF_PredefinedKey" |
        Where-Object { $_.Id -eq $key.Id }
    if ($null -eq $instance) {
        Write-Warning "Keyboard Filter has no predefined key '$($key.Id)' on this Windows"
        continue
    }
    $instance.Enabled = $true
    Set-CimInstance -CimInstance $instance | Out-Null
}

# 4. The security screen's items, removed for the kiosk user (its hive, loaded here).
$sid = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate(
    [System.Security.Principal.SecurityIdentifier]).Value
$profilePath = (Get-CimInstance Win32_UserProfile | Where-Object { $_.SID -eq $sid }).LocalPath
$hive = "HKU\VipKiosk"
& reg.exe load $hive (Join-Path $profilePath "NTUSER.DAT") | Out-Null
try {
    foreach ($policy in $filter.VipConsoleKeyboardFilter.UserPolicies.Policy) {
        & reg.exe add "$hive\$($policy.Key)" /v $policy.Name /t REG_DWORD /d $policy.Value /f | Out-Null
    }
} finally {
    [gc]::Collect()  # no handle left open on the hive before it is unloaded
    & reg.exe unload $hive | Out-Null
}
foreach ($policy in $filter.VipConsoleKeyboardFilter.MachinePolicies.Policy) {
    & reg.exe add "HKLM\$($policy.Key)" /v $policy.Name /t REG_DWORD /d $policy.Value /f | Out-Null
}
Write-Output "Locked down for $KioskUser; restart the tablet."
