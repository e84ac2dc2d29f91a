<#
.SYNOPSIS
    Builds, tests and packages TeamsRemediation. For Windows and PowerShell 7 users; CI on Linux runs the same
    dotnet commands from .ci/run.
.EXAMPLE
    ./build.ps1                 # Build: lays out out/TeamsRemediation
.EXAMPLE
    ./build.ps1 -Task Test      # Build, xunit, then Pester when it is installed
.EXAMPLE
    ./build.ps1 -Task Package   # Build, then out/TeamsRemediation-<version>.zip
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleFolder = Join-Path $root 'out/TeamsRemediation'

function Invoke-Native([string] $What, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    # The same MSBuild as a plain `dotnet build`: the two never lay out the module differently.
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $root 'TeamsRemediation.sln') --configuration $Configuration }
    if (-not (Test-Path (Join-Path $moduleFolder 'TeamsRemediation.psd1'))) { throw "The build did not lay out $moduleFolder." }
    Test-ModuleManifest -Path (Join-Path $moduleFolder 'TeamsRemediation.psd1') | Out-Null
}

function Invoke-Test {
    Invoke-Native 'dotnet test' { dotnet test (Join-Path $root 'TeamsRemediation.sln') --configuration $Configuration --no-build }
    $pester = Get-Module -ListAvailable Pester | Where-Object Version -GE ([version] '5.0.0') | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed: the Pester suite (tests/Pester) was not run. Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser'
        return
    }
    Import-Module $pester
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.Exit = $false
    $config.Run.PassThru = $true
    $result = Invoke-Pester -Configuration $config
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') { throw "Pester: $($result.FailedCount) test(s) failed." }
}

function Invoke-Package {
    $version = (Import-PowerShellDataFile (Join-Path $moduleFolder 'TeamsRemediation.psd1')).ModuleVersion
    $zip = Join-Path $root "out/TeamsRemediation-$version.zip"
    if (Test-Path $zip) { Remove-Item $zip }
    Compress-Archive -Path $moduleFolder -DestinationPath $zip
    Write-Output "Packaged $zip"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Build; Invoke-Test }
    'Package' { Invoke-Build; Invoke-Package }
}
