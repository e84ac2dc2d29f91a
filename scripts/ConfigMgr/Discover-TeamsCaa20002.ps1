<#
    ConfigMgr configuration item: discovery script (PowerShell, runs as SYSTEM with -NoProfile).
    Compliance rule: the value returned equals "Compliant".
#>
# One file, as Intune uploads it. A 32-bit host (Intune's default) expands %ProgramFiles% to "Program Files (x86)":
# the module is loaded from the 64-bit Program Files through %ProgramW6432%, which both bitnesses see.
$ErrorActionPreference = 'Stop'
$programFiles = @($env:ProgramW6432, $env:ProgramFiles) -ne $null
Import-Module (Join-Path $programFiles[0] 'WindowsPowerShell\Modules\TeamsRemediation')
Test-TeamsCaa20002 -As Compliance -TimeoutSeconds 10
