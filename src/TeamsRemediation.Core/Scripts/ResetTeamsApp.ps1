<#
    Finds new Teams (package MSTeams) of the calling user and, with -Reset, resets it with Reset-AppxPackage, as
    Settings > Apps > Installed apps > Advanced options > Reset does: the app's data and personal settings are deleted.
    Must run as the user: Appx packages are registered per user.

    Runs in Windows PowerShell 5.1. Writes exactly one line of JSON to stdout, the contract
    TeamsRemediation.Account.TeamsAppScriptReport reads.
#>
param(
    [switch] $Reset
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$report = [ordered]@{
    status          = 'Failed'
    packageFullName = ''
    version         = ''
    error           = ''
}

function Write-Report {
    $json = ConvertTo-Json -InputObject $report -Compress
    $json = [regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
    [Console]::Out.WriteLine($json)
}

try {
    $package = Get-AppxPackage -Name 'MSTeams' | Select-Object -First 1
    if ($null -eq $package) {
        $report.status = 'Missing'
    }
    else {
        $report.packageFullName = [string]$package.PackageFullName
        $report.version = [string]$package.Version
        if ($null -eq (Get-Command -Name 'Reset-AppxPackage' -ErrorAction SilentlyContinue)) {
            # Reset-AppxPackage came with Windows 10 build 20215 (Windows 11, Windows Server 2022); Windows 10 22H2 does not have it.
            $report.status = 'Unsupported'
            $report.error = 'This Windows has no Reset-AppxPackage.'
        }
        elseif (-not $Reset) {
            $report.status = 'Present'
        }
        else {
            Reset-AppxPackage -Package $package.PackageFullName
            $report.status = 'Reset'
        }
    }
}
catch {
    $report.status = 'Failed'
    $exception = $_.Exception
    while ($exception.InnerException) { $exception = $exception.InnerException }
    $report.error = $exception.Message
}

Write-Report
exit 0
