<#
    Lists, and with -SignOut signs out, the calling user's work or school (Entra ID) accounts that Web Account
    Manager holds for the given app client ids: Microsoft's documented "safe to run" sign-out
    (WebAuthenticationCoreManager.FindAllAccountsAsync, then WebAccount.SignOutAsync per account).

    Runs in Windows PowerShell 5.1, the only PowerShell with the WinRT projection, as the user whose accounts
    they are. Writes exactly one line of JSON to stdout (the contract TeamsRemediation.Account.WamScriptReport
    reads) and never a token: only account ids, user names and states.
#>
param(
    [Parameter(Mandatory = $true)]
    [string[]] $ClientId,

    [switch] $SignOut
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

# -File hands each value over as one string: the client ids come as one comma-separated value.
$ClientId = @($ClientId | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })

# Measured here, inside the script file: the mode the policy gave this file (a script the policy allows runs in FullLanguage).
$languageMode = [string]$ExecutionContext.SessionState.LanguageMode

$report = [ordered]@{
    status       = 'Failed'
    mode         = $(if ($SignOut) { 'SignOut' } else { 'List' })
    languageMode = $languageMode
    error        = ''
    clients      = @()
}

# Under AppLocker or Windows Defender Application Control a script the policy does not allow runs in ConstrainedLanguage mode,
# which refuses the WinRT types and [Console] below: the answer is said first, as a JSON line built from plain strings (the
# message holds no quote or backslash), so it depends on no type or module that mode or a trimmed host may lack. The module
# words the remedy from languageMode.
if ($languageMode -ne 'FullLanguage') {
    $reason = 'Windows PowerShell ran this script in ' + $languageMode + ' mode: the policy (AppLocker or Windows Defender ' +
        'Application Control script enforcement) runs command lines in ConstrainedLanguage and did not allow this script, and the ' +
        'Web Account Manager sign-out needs FullLanguage.'
    '{"status":"Failed","mode":"' + $report.mode + '","languageMode":"' + $languageMode + '","error":"' + $reason + '","clients":[]}'
    exit 0
}

function Write-Report {
    # Non-ASCII characters are escaped so the line survives any console code page between here and the caller.
    $json = ConvertTo-Json -InputObject $report -Compress -Depth 6
    $json = [regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
    [Console]::Out.WriteLine($json)
}

$waitLimit = [TimeSpan]::FromSeconds(60)

function Wait-WinRtOperation($Operation, [Type] $ResultType) {
    $method = [System.WindowsRuntimeSystemExtensions].GetMethods() |
        Where-Object { $_.Name -eq 'AsTask' -and $_.IsGenericMethod -and $_.GetParameters().Count -eq 1 -and $_.GetParameters()[0].ParameterType.Name -eq 'IAsyncOperation`1' } |
        Select-Object -First 1
    $task = $method.MakeGenericMethod($ResultType).Invoke($null, @($Operation))
    if (-not $task.Wait($waitLimit)) { throw "Web Account Manager did not answer within $($waitLimit.TotalSeconds) seconds." }
    return $task.Result
}

function Wait-WinRtAction($Action) {
    $method = [System.WindowsRuntimeSystemExtensions].GetMethods() |
        Where-Object { $_.Name -eq 'AsTask' -and -not $_.IsGenericMethod -and $_.GetParameters().Count -eq 1 -and $_.GetParameters()[0].ParameterType.Name -eq 'IAsyncAction' } |
        Select-Object -First 1
    $task = $method.Invoke($null, @($Action))
    if (-not $task.Wait($waitLimit)) { throw "Web Account Manager did not finish the sign-out within $($waitLimit.TotalSeconds) seconds." }
}

function Get-InnermostMessage($ErrorRecord) {
    $exception = $ErrorRecord.Exception
    while ($exception.InnerException) { $exception = $exception.InnerException }
    return $exception.Message
}

try {
    Add-Type -AssemblyName System.Runtime.WindowsRuntime
    $apiInformation = [Windows.Foundation.Metadata.ApiInformation, Windows, ContentType = WindowsRuntime]
    if (-not $apiInformation::IsMethodPresent('Windows.Security.Authentication.Web.Core.WebAuthenticationCoreManager', 'FindAllAccountsAsync')) {
        $report.status = 'Unsupported'
        $report.error = 'This Windows has no FindAllAccountsAsync (it needs Windows 10 1803 or later).'
        Write-Report
        exit 0
    }

    $manager = [Windows.Security.Authentication.Web.Core.WebAuthenticationCoreManager, Windows, ContentType = WindowsRuntime]
    $providerType = [Windows.Security.Credentials.WebAccountProvider, Windows, ContentType = WindowsRuntime]
    $resultType = [Windows.Security.Authentication.Web.Core.FindAllAccountsResult, Windows, ContentType = WindowsRuntime]

    $provider = Wait-WinRtOperation ($manager::FindAccountProviderAsync('https://login.microsoft.com', 'organizations')) $providerType
    if ($null -eq $provider) {
        $report.status = 'NoProvider'
        $report.error = 'Web Account Manager has no work or school account provider (https://login.microsoft.com, organizations) for this user.'
        Write-Report
        exit 0
    }

    $clients = @()
    foreach ($id in $ClientId) {
        $client = [ordered]@{
            clientId             = $id
            status               = ''
            providerErrorCode    = 0
            providerErrorMessage = ''
            accounts             = @()
        }
        $found = Wait-WinRtOperation ($manager::FindAllAccountsAsync($provider, $id)) $resultType
        $client.status = [string]$found.Status
        if ($client.status -eq 'ProviderError' -and $null -ne $found.ProviderError) {
            $client.providerErrorCode = [long]$found.ProviderError.ErrorCode
            $client.providerErrorMessage = [string]$found.ProviderError.ErrorMessage
        }

        if ($client.status -eq 'Success') {
            $accounts = @()
            foreach ($account in $found.Accounts) {
                $entry = [ordered]@{
                    id        = [string]$account.Id
                    userName  = [string]$account.UserName
                    state     = [string]$account.State
                    signedOut = $false
                    error     = ''
                }
                if ($SignOut) {
                    try {
                        Wait-WinRtAction ($account.SignOutAsync($id))
                        $entry.signedOut = $true
                    }
                    catch {
                        $entry.error = Get-InnermostMessage $_
                    }
                }
                $accounts += $entry
            }
            $client.accounts = $accounts
        }
        $clients += $client
    }

    $report.clients = $clients
    $report.status = 'Ok'
}
catch {
    $report.status = 'Failed'
    $report.error = Get-InnermostMessage $_
}

Write-Report
exit 0
