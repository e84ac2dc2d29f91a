<#
    Intune Remediations: detection script. Run as SYSTEM (default), 64- or 32-bit.
    Exit 1 = a cause of CAA20002 was found on this PC (something Repair-TeamsCaa20002 acts on, or hands over to the user or the
    tenant admin), Intune then runs Remediate-TeamsCaa20002.ps1. Evidence a repair has answered no longer counts, so the detection
    run after a repair says what it fixed ("Answered ... by=Repair-TeamsCaa20002 ...") and exits 0.
    The last line of output is the summary Intune shows: one line of at most 2048 characters in a versioned grammar
    ("CAA20002/1 Test PC01 NonCompliant exit=1 dropped=0 | Fail ... | ..."), read back by [TeamsRemediation.Lines.SummaryLine]::Parse.
#>
# One file, as Intune uploads it. A 32-bit host (Intune's default) expands %ProgramFiles% to "Program Files (x86)":
# the module is loaded from the 64-bit Program Files through %ProgramW6432%, which both bitnesses see.
$ErrorActionPreference = 'Stop'
$programFiles = @($env:ProgramW6432, $env:ProgramFiles) -ne $null
Import-Module (Join-Path $programFiles[0] 'WindowsPowerShell\Modules\TeamsRemediation')

try {
    $line = Test-TeamsCaa20002 -As Line -TimeoutSeconds 10
}
catch {
    "CAA20002 detection could not run: $($_.Exception.Message)"
    exit 1
}

$line
exit ([TeamsRemediation.Lines.SummaryLine]::Parse($line).ExitCode)
