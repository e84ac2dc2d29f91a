<#
    ConfigMgr configuration item: remediation script. ConfigMgr reads a thrown error, not an exit code, so every
    failure throws. Runs as SYSTEM: repairs TLS 1.2 and the logged-on users' Teams cache.
#>
# One file, as Intune uploads it. A 32-bit host (Intune's default) expands %ProgramFiles% to "Program Files (x86)":
# the module is loaded from the 64-bit Program Files through %ProgramW6432%, which both bitnesses see.
$ErrorActionPreference = 'Stop'
$programFiles = @($env:ProgramW6432, $env:ProgramFiles) -ne $null
Import-Module (Join-Path $programFiles[0] 'WindowsPowerShell\Modules\TeamsRemediation')

$findings = @(Test-TeamsCaa20002 -SkipNetwork)
if (@($findings | Where-Object { $_.CheckId -like 'Tls.*' -and $_.Status -eq 'Fail' }).Count -gt 0) {
    Enable-Tls12 -Confirm:$false -ErrorAction Stop | Out-Null
}

$cache = @($findings | Where-Object { $_.CheckId -eq 'Teams.Cache' -and $_.Status -in 'Fail', 'Warning' -and $_.UserSid })
# With no cache finding, $cache.UserSid is $null and @($null) becomes @('') in the set: keep only real SIDs.
$users = [string[]]@([System.Collections.Generic.HashSet[string]]@($cache.UserSid | Where-Object { $_ }))
if ($users.Count -gt 0) {
    $partial = @(Clear-TeamsCache -UserSid $users -Force -Backup -ErrorAction Stop | Where-Object Status -eq 'PartiallyCleared')
    if ($partial.Count -gt 0) { throw "Teams cache only partly cleared for: $(@($partial.User) -join ', ')" }
}
