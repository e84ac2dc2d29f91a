# Shared by every Pester suite, dot-sourced twice: in BeforeDiscovery, so -Skip:(-not $IsWindowsPlatform) is known
# when Pester decides what to skip, and in BeforeAll, so the tests see the same names.
# Windows PowerShell 5.1 runs only on Windows and has no $IsWindows; PowerShell 7 sets it on every OS.
$IsWindowsPlatform = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
$ModuleManifest = Join-Path $PSScriptRoot '../../out/TeamsRemediation/TeamsRemediation.psd1'
# The simulated PC is not part of the module: `dotnet build` lays it out beside it, in out/simulation.
$SimulationAssembly = Join-Path $PSScriptRoot '../../out/simulation/TeamsRemediation.Simulation.dll'

function Connect-SimulatedPc {
    <#
    .SYNOPSIS
        Points the module in this runspace at a new simulated PC, the way the xunit suite and the demo do.
        Import the module first: TeamsRemediation.Simulation.dll binds to the module's TeamsRemediation.Core.dll.
    #>
    param([string] $ComputerName = 'PC01')
    Add-Type -Path $SimulationAssembly -ErrorAction Stop
    $pc = [TeamsRemediation.Simulation.SimulatedPc]::Create($ComputerName)
    $pc.Machine.AttachTo([runspace]::DefaultRunspace)
    $pc
}

function Disconnect-SimulatedPc {
    <# .SYNOPSIS Gives the runspace back to the real PC and deletes the simulated PC's files. #>
    param([Parameter(Mandatory = $true)] $Pc)
    [TeamsRemediation.Simulation.SimulatedMachine]::DetachFrom([runspace]::DefaultRunspace)
    $Pc.Machine.Dispose()
}
