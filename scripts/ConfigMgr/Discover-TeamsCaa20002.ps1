<#
    ConfigMgr configuration item: discovery script (PowerShell, runs as SYSTEM with -NoProfile).
    Compliance rule: the value returned equals "Compliant". Otherwise it returns the detection's summary line (never equal to
    "Compliant"), so the cause, its owner and its code reach ConfigMgr's compliance reports.
#>
# One file, as Intune uploads it. A 32-bit host (Intune's default) expands %ProgramFiles% to "Program Files (x86)":
# the module is loaded from the 64-bit Program Files through %ProgramW6432%, which both bitnesses see.
$ErrorActionPreference = 'Stop'
$programFiles = @($env:ProgramW6432, $env:ProgramFiles) -ne $null
Import-Module (Join-Path $programFiles[0] 'WindowsPowerShell\Modules\TeamsRemediation')
$line = Test-TeamsCaa20002 -As Line -TimeoutSeconds 10
if ([TeamsRemediation.Lines.SummaryLine]::Parse($line).IsCompliant) { 'Compliant' } else { $line }
