<#
    Intune Remediations: remediation script. Run as SYSTEM (default), 64- or 32-bit; never interactive.
    Repair-TeamsCaa20002 diagnoses the PC and the logged-on users, repairs least disruptive first and only where a
    finding calls for it (evidence copied first; TLS 1.2, clock, DNS; the users' accounts in their own sessions; the
    Teams cache, light before full), checks again after each step, and never runs the disruptive rung unasked.
    A second run on a fixed PC changes nothing and ends NothingToFix (what a repair answered is recorded before it is made).
    The last line is its one-line summary (at most 2048 characters, the versioned grammar of the detection's line); the exit code is
    the module's contract:
      0  fixed, or nothing to fix
      1  not fixed (or only improved)
      2  fixed, but Windows must restart first (TLS, the token broker's accounts)
      3  what is left is the tenant admin's or the user's: the admin pack is in the report folder named on the line (report=);
         3 wins over 2 when both apply: the line's state then says both ("NeedsAdmin+Restart", restart=yes)
#>
# One file, as Intune uploads it. A 32-bit host (Intune's default) expands %ProgramFiles% to "Program Files (x86)":
# the module is loaded from the 64-bit Program Files through %ProgramW6432%, which both bitnesses see.
$ErrorActionPreference = 'Stop'
$programFiles = @($env:ProgramW6432, $env:ProgramFiles) -ne $null
Import-Module (Join-Path $programFiles[0] 'WindowsPowerShell\Modules\TeamsRemediation')

try {
    # A failed step is reported on the error stream and in the summary; it does not stop the other steps.
    $summary = @(Repair-TeamsCaa20002 -Force -ErrorAction Continue |
        Where-Object { $_ -is [TeamsRemediation.TeamsRepairSummary] })[-1]
}
catch {
    # Nothing could run (no module support on this OS, a bad parameter): say so on the line Intune shows.
    "CAA20002 repair on $($env:COMPUTERNAME) stopped: $($_.Exception.Message)"
    exit 1
}

# The line's free text ends with where the per-machine log is, where the runs in users' sessions leave one line per decision.
$line = [TeamsRemediation.Repair.RepairVerdict]::Line($summary)
$line
exit $summary.ExitCode
