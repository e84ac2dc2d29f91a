<#
    ConfigMgr configuration item: remediation script. Runs as SYSTEM. ConfigMgr reads a thrown error, not an exit
    code, so the module's exit-code contract is kept like this:
      0  fixed, or nothing to fix                   -> the summary line, exit 0
      2  fixed, Windows must restart first          -> the summary line, exit 2 (the restart is ConfigMgr's to schedule)
      1  not fixed (or only improved)               -> throws the summary line
      3  the tenant admin's or the user's to fix    -> throws the summary line (the admin pack is in the report folder); also when a
                                                       restart is needed too (the line says "NeedsAdmin+Restart"): a throw keeps
                                                       the admin's part in the compliance reports, where exit 2 would hide it
#>
# One file, as ConfigMgr runs it. A 32-bit host expands %ProgramFiles% to "Program Files (x86)": the module is loaded
# from the 64-bit Program Files through %ProgramW6432%, which both bitnesses see.
$ErrorActionPreference = 'Stop'
$programFiles = @($env:ProgramW6432, $env:ProgramFiles) -ne $null
Import-Module (Join-Path $programFiles[0] 'WindowsPowerShell\Modules\TeamsRemediation')

# A failed step is reported on the error stream and in the summary; it does not stop the other steps.
$summary = @(Repair-TeamsCaa20002 -Force -ErrorAction Continue |
    Where-Object { $_ -is [TeamsRemediation.TeamsRepairSummary] })[-1]
$line = [TeamsRemediation.Repair.RepairVerdict]::Line($summary)
if ($summary.ExitCode -eq 1 -or $summary.ExitCode -eq 3) { throw $line }
$line
exit $summary.ExitCode
