<#
    Intune Remediations: detection script. Run as SYSTEM (default), 64- or 32-bit.
    Exit 1 = a cause of CAA20002 was found on this PC, Intune then runs Remediate-TeamsCaa20002.ps1.
    The last line of output is the summary Intune shows (at most 2048 characters).
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
if ($line -like 'CAA20002 * NonCompliant:*') { exit 1 }
exit 0
