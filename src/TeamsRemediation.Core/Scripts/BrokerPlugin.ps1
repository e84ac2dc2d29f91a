<#
    Checks that the Entra ID token broker (package Microsoft.AAD.BrokerPlugin) is registered for the calling
    user and, with -Register, registers it again from its manifest in %windir%\SystemApps, as Microsoft
    documents. Must run as the user: Add-AppxPackage refuses LocalSystem (0x80073CF9).

    Runs in Windows PowerShell 5.1. Writes exactly one line of JSON to stdout, the contract
    TeamsRemediation.Account.BrokerScriptReport reads.
#>
param(
    [switch] $Register
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$report = [ordered]@{
    status          = 'Failed'
    packageFullName = ''
    version         = ''
    manifestPath    = ''
    error           = ''
}

function Write-Report {
    $json = ConvertTo-Json -InputObject $report -Compress
    $json = [regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
    [Console]::Out.WriteLine($json)
}

function Get-BrokerPackage {
    return Get-AppxPackage -Name 'Microsoft.AAD.BrokerPlugin' | Select-Object -First 1
}

try {
    $package = Get-BrokerPackage
    if ($null -ne $package) {
        $report.status = 'Present'
    }
    elseif (-not $Register) {
        $report.status = 'Missing'
    }
    else {
        $manifest = Join-Path $env:windir 'SystemApps\Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy\Appxmanifest.xml'
        $report.manifestPath = $manifest
        if (-not (Test-Path -LiteralPath $manifest)) {
            $report.status = 'ManifestMissing'
            $report.error = "The broker's manifest $manifest is not on this PC."
        }
        else {
            Add-AppxPackage -Register $manifest -DisableDevelopmentMode -ForceApplicationShutdown
            $package = Get-BrokerPackage
            if ($null -ne $package) {
                $report.status = 'Registered'
            }
            else {
                $report.status = 'Failed'
                $report.error = 'Add-AppxPackage finished but the package is still not registered for this user.'
            }
        }
    }

    if ($null -ne $package) {
        $report.packageFullName = [string]$package.PackageFullName
        $report.version = [string]$package.Version
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
