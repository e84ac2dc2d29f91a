# Shared by every Pester suite, dot-sourced twice: in BeforeDiscovery, so -Skip:(-not $IsWindowsPlatform) is known
# when Pester decides what to skip, and in BeforeAll, so the tests see the same names.
# Windows PowerShell 5.1 runs only on Windows and has no $IsWindows; PowerShell 7 sets it on every OS.
$IsWindowsPlatform = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
$ModuleManifest = Join-Path $PSScriptRoot '../../out/TeamsRemediation/TeamsRemediation.psd1'

function Connect-SimulatedPc {
    <#
    .SYNOPSIS
        Points the module in this runspace at a new simulated PC, the way the xunit suite and the demo do
        (MachineHook.Attach). The simulated PC ships in TeamsRemediation.Core.dll, which Import-Module has loaded.
    #>
    param([string] $ComputerName = 'PC01')
    $pc = [TeamsRemediation.Simulation.SimulatedPc]::Create($ComputerName)
    [TeamsRemediation.Platform.MachineHook]::Attach([runspace]::DefaultRunspace, $pc.Machine)
    $pc
}

function Disconnect-SimulatedPc {
    <# .SYNOPSIS Gives the runspace back to the real PC and deletes the simulated PC's files. #>
    param([Parameter(Mandatory = $true)] $Pc)
    [TeamsRemediation.Platform.MachineHook]::Detach([runspace]::DefaultRunspace)
    $Pc.Machine.Dispose()
}
