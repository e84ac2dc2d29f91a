<#
    Intune Remediations: remediation script. Run as SYSTEM (default), 64- or 32-bit; never interactive.
    Repairs what a machine account can repair, for the users logged on to the PC, and ends with one summary line.
    - TLS 1.2 switched off (Tls.*)              -> Enable-Tls12 (journaled; a restart may be needed)
    - stale Teams cache (Teams.Cache, evidence) -> Clear-TeamsCache -Force -Backup (closes that user's Teams)
    - WAM switched off (Account.WamPolicy)      -> Reset-TeamsWorkAccount -RemoveWamOverrides
    The WAM sign-out and credentials belong to the user's session: deploy Reset-TeamsWorkAccount -Force in a
    second remediation with "Run this script using the logged-on credentials" = Yes.
#>
# One file, as Intune uploads it. A 32-bit host (Intune's default) expands %ProgramFiles% to "Program Files (x86)":
# the module is loaded from the 64-bit Program Files through %ProgramW6432%, which both bitnesses see.
$ErrorActionPreference = 'Stop'
$programFiles = @($env:ProgramW6432, $env:ProgramFiles) -ne $null
Import-Module (Join-Path $programFiles[0] 'WindowsPowerShell\Modules\TeamsRemediation')

$done = [System.Collections.Generic.List[string]]::new()
$failed = [System.Collections.Generic.List[string]]::new()
$findings = @(Test-TeamsCaa20002 -SkipNetwork)
$problem = { param($pattern) @($findings | Where-Object { $_.CheckId -like $pattern -and $_.Status -in 'Fail', 'Warning' }) }
$usersOf = { param($found) [string[]]@([System.Collections.Generic.HashSet[string]]@($found.UserSid | Where-Object { $_ })) }

if ((& $problem 'Tls.*').Count -gt 0) {
    $changes = @(Enable-Tls12 -Confirm:$false -ErrorVariable tlsErrors -ErrorAction SilentlyContinue)
    if ($tlsErrors) { $failed.Add("TLS: $($tlsErrors[0].Exception.Message)") }
    else { $done.Add("TLS 1.2: $(@($changes | Where-Object Action -in 'Created', 'Updated').Count) value(s) repaired") }
}

$cacheUsers = & $usersOf (& $problem 'Teams.Cache')
if ($cacheUsers.Count -gt 0) {
    $results = @(Clear-TeamsCache -UserSid $cacheUsers -Force -Backup -ErrorVariable cacheErrors -ErrorAction SilentlyContinue)
    $partial = @($results | Where-Object Status -eq 'PartiallyCleared')
    if ($cacheErrors -or $partial) { $failed.Add("cache: $($partial.Count) partly cleared, $($cacheErrors.Count) error(s)") }
    else { $done.Add("cache cleared for $($results.Count) client(s)") }
}

$wamUsers = & $usersOf (& $problem 'Account.WamPolicy')
if ($wamUsers.Count -gt 0) {
    $steps = @(Reset-TeamsWorkAccount -UserSid $wamUsers -RemoveWamOverrides -Force -ErrorAction SilentlyContinue)
    $done.Add("WAM overrides: $(@($steps | Where-Object { $_.Step -eq 'WamOverrides' -and $_.Status -eq 'Done' }).Count) user(s)")
}

# The computer name as the module reports it (the detection line shows the same); "$env:COMPUTERNAME: " would read a
# variable named "env:COMPUTERNAME:" and print nothing.
$summary = "CAA20002 remediation on $($findings[0].ComputerName): " + $(if ($done.Count) { $done -join '; ' } else { 'nothing a machine account can repair' })
if ($failed.Count) { $summary += " | FAILED: " + ($failed -join '; ') }
$summary += ' | log: %ProgramData%\TeamsRemediation\Logs\TeamsRemediation.log'
$summary
if ($failed.Count) { exit 1 }
exit 0
