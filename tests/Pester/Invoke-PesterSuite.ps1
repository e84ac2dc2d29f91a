<#
.SYNOPSIS
    Runs every suite in this folder with Pester 5 in the PowerShell that starts it (Windows PowerShell 5.1 32- or
    64-bit, or PowerShell 7) and writes NUnit XML results. The exit code is the number of failed tests (Pester's
    Run.Exit), so a CI step fails with them.
.EXAMPLE
    & "$env:SystemRoot\SysWOW64\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -File tests\Pester\Invoke-PesterSuite.ps1 -ResultPath pester-x86.xml
#>
param(
    [Parameter(Mandatory = $true)]
    [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
Import-Module Pester -MinimumVersion 5.0.0
"PowerShell $($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition)), 64-bit process: $([Environment]::Is64BitProcess)"

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.Exit = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath
Invoke-Pester -Configuration $config
