# Dot-sourced by vip-console-kiosk.ps1 and vip-console-shell.ps1 (beside them): the
# console to start in an install directory, the version named in "current" when the
# install is versioned (docs/updates.md), else the one-folder bundle's own.
function Get-VipConsole([string]$Root) {
    $current = Join-Path $Root "current"
    if (Test-Path $current) {
        $version = (Get-Content $current -Raw).Trim()
        return Join-Path $Root "versions\$version\vip-console.exe"
    }
    return Join-Path $Root "vip-console.exe"
}
