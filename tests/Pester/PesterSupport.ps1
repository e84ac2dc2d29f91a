# Shared by every Pester suite, dot-sourced in BeforeAll; a suite whose tests are made from data (the manifest's
# cmdlets) dot-sources it in BeforeDiscovery too, so both phases see the same names.
# Windows PowerShell 5.1 runs only on Windows and has no $IsWindows; PowerShell 7 sets it on every OS.
$IsWindowsPlatform = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
# $IsWine and Skip-TestUnderWine, for the real-PC tests that need what Wine does not implement.
. (Join-Path $PSScriptRoot 'WineGaps.ps1')
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

# Pester's -Skip gives no reason, so a block bound to one platform calls one of these in its BeforeEach: each of its
# tests is then reported skipped with the reason, and its body does not run. The block's BeforeAll checks
# $IsWindowsPlatform itself, since it runs before BeforeEach.
function Skip-TestOffWindows {
    <# .SYNOPSIS In BeforeEach of a block that reads the real Windows PC: skips its tests, with the reason, elsewhere. #>
    if (-not $IsWindowsPlatform) {
        Set-ItResult -Skipped -Because "it reads the real Windows PC, and this is $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription)"
    }
}

function Skip-TestOnWindows {
    <# .SYNOPSIS In BeforeEach of a block about other systems: skips its tests, with the reason, on Windows. #>
    if ($IsWindowsPlatform) {
        Set-ItResult -Skipped -Because 'it checks how the module refuses a system other than Windows, and this is Windows'
    }
}
