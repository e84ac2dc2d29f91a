<#
.SYNOPSIS
    Checks on one pilot PC what only a real Windows PC can show about TeamsRemediation in Windows PowerShell 5.1 and 32-bit hosts.
.DESCRIPTION
    Read-only: it reads the registry, event logs, processes and the AppLocker policy, and runs only the module's reading commands
    (Get-TeamsInstallation, Test-TeamsCaa20002) and the module's session launcher with a request it refuses (it starts nothing).
    It registers no task, writes no value and stops nothing. Run it in each host the fleet
    uses, for example as SYSTEM in 32-bit Windows PowerShell (psexec -s -i %windir%\SysWOW64\WindowsPowerShell\v1.0\powershell.exe),
    then elevated in 64-bit Windows PowerShell and in PowerShell 7. One line per item: Pass, Fail, Info, or Manual (a step to do by hand).
    The last line counts them.
.PARAMETER ModulePath
    The module's folder or manifest; the installed module by default.
.PARAMETER Days
    How far back the Task Scheduler history is searched for the user bridge's tasks.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = '',
    [ValidateRange(1, 60)]
    [int] $Days = 7
)

$ErrorActionPreference = 'Stop'
$results = [System.Collections.Generic.List[object]]::new()

function Add-Result([string] $Item, [string] $Status, [string] $Detail) {
    $results.Add([pscustomobject]@{ Item = $Item; Status = $Status; Detail = $Detail })
}

# $IsWindows does not exist in Windows PowerShell 5.1 (so it reads as $null there), which only runs on Windows.
$onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
if (-not $onWindows) {
    'Test-PilotPc checks a Windows PC; this is ' + [System.Runtime.InteropServices.RuntimeInformation]::OSDescription + ': nothing to check.'
    return
}

# 1. The host: what Intune runs by default is 32-bit Windows PowerShell 5.1 as SYSTEM.
$is32On64 = -not [Environment]::Is64BitProcess -and [Environment]::Is64BitOperatingSystem
$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
$elevated = [Security.Principal.WindowsPrincipal]::new($identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
$build = [Environment]::OSVersion.Version.Build
Add-Result 'Host' 'Info' ('PowerShell ' + $PSVersionTable.PSVersion + ' (' + $PSVersionTable.PSEdition + '), ' +
    $(if ($is32On64) { '32-bit on 64-bit Windows' } elseif ([Environment]::Is64BitProcess) { '64-bit' } else { '32-bit Windows' }) +
    ', ' + [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription + ', Windows build ' + $build + ', as ' + $identity.Name +
    $(if ($elevated) { ' (elevated)' } else { '' }))

# 2. The module loads in this host.
try {
    if ($ModulePath) { Import-Module $ModulePath } else { Import-Module TeamsRemediation }
    $module = Get-Module TeamsRemediation
    Add-Result 'Module loads' 'Pass' ($module.Name + ' ' + $module.Version + ' from ' + $module.ModuleBase)
}
catch {
    Add-Result 'Module loads' 'Fail' $_.Exception.Message
    $module = $null
}

# 3. W3: the endpoint probe in this runtime. In Windows PowerShell 5.1 without SystemDefaultTlsVersions an old module's probe ended as
#    an internal error (ArgumentException); now it names TLS 1.2 (and 1.3 on Windows 11 / Server 2022).
$netFx = 'HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319'
$systemDefault = (Get-ItemProperty -Path $netFx -Name SystemDefaultTlsVersions -ErrorAction SilentlyContinue).SystemDefaultTlsVersions
Add-Result 'SystemDefaultTlsVersions' 'Info' ('.NET Framework v4.0.30319 SystemDefaultTlsVersions = ' +
    $(if ($null -eq $systemDefault) { 'absent' } else { $systemDefault }) + ' (this view)')
if ($module) {
    $endpoint = @(Test-TeamsCaa20002 -CheckId Network.Endpoint -TimeoutSeconds 20 -ErrorAction SilentlyContinue) | Select-Object -First 1
    if ($null -eq $endpoint) {
        Add-Result 'TLS probe (W3)' 'Fail' 'Test-TeamsCaa20002 -CheckId Network.Endpoint gave no finding.'
    }
    elseif ((@($endpoint.Evidence) -join ' ') -match 'Internal error|refused to offer') {
        Add-Result 'TLS probe (W3)' 'Fail' ($endpoint.Summary + ' ' + ((@($endpoint.Evidence) | Select-Object -First 2) -join ' | '))
    }
    else {
        Add-Result 'TLS probe (W3)' 'Pass' ($endpoint.Status + ': ' + $endpoint.Summary)
    }
}

# 4. W10: the WinHTTP proxy of the two registry views. Teams and WAM use the 64-bit one; a 32-bit host's API reads the other.
function Get-WinHttpSettings([Microsoft.Win32.RegistryView] $View) {
    $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, $View)
    try {
        $key = $base.OpenSubKey('SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections')
        if ($null -eq $key) { return '' }
        try { $value = $key.GetValue('WinHttpSettings') } finally { $key.Close() }
        if ($null -eq $value) { return '' }
        return [BitConverter]::ToString([byte[]]$value)
    }
    finally {
        $base.Close()
    }
}
$native = Get-WinHttpSettings ([Microsoft.Win32.RegistryView]::Registry64)
$wow = Get-WinHttpSettings ([Microsoft.Win32.RegistryView]::Registry32)
if ($native -eq $wow) {
    Add-Result 'WinHTTP proxy views (W10)' 'Pass' 'The 64-bit and 32-bit WinHttpSettings are the same.'
}
else {
    Add-Result 'WinHTTP proxy views (W10)' 'Info' ('The views differ (netsh winhttp show proxy from a 64-bit and a 32-bit prompt shows both); ' +
        'the module probes through the 64-bit one' + $(if ($module) { '' } else { ' once it loads' }) + '.')
}

# 5. W2: the user bridge's tasks start. The Task Scheduler service is 64-bit: an action naming Sysnative never starts (event 203,
#    "failed to launch action"; Last Run Result 0x80070003). Needs the TaskScheduler/Operational history, which is off by default.
$since = (Get-Date).AddDays(-$Days)
try {
    $filter = @{ LogName = 'Microsoft-Windows-TaskScheduler/Operational'; Id = 200, 201, 203; StartTime = $since }
    $events = @(Get-WinEvent -FilterHashtable $filter -ErrorAction Stop |
        Where-Object { $_.Message -match '\\TeamsRemediation\\' })
    $failed = @($events | Where-Object { $_.Id -eq 203 -or ($_.Id -eq 201 -and $_.Message -match '2147942403|2147942402|0x80070003|0x80070002') })
    if ($failed.Count -gt 0) {
        $tasks = if ($failed.Count -eq 1) { ' TeamsRemediation task' } else { ' TeamsRemediation tasks' }
        Add-Result 'User bridge task starts (W2)' 'Fail' ($failed.Count.ToString() + $tasks + ' failed to launch since ' +
            $since.ToString('u') + ': ' +
            ($failed[0].Message -split "`n")[0])
    }
    elseif ($events.Count -gt 0) {
        $noun = if ($events.Count -eq 1) { ' TeamsRemediation task event' } else { ' TeamsRemediation task events' }
        Add-Result 'User bridge task starts (W2)' 'Pass' ($events.Count.ToString() + $noun + ', none a launch failure.')
    }
    else {
        Add-Result 'User bridge task starts (W2)' 'Manual' ('No TeamsRemediation task ran since ' + $since.ToString('u') +
            ' (or task history is off). Run Reset-TeamsWorkAccount -Force -Step Credentials as SYSTEM from 32-bit Windows PowerShell' +
            ' with a user logged on, then run this again.')
    }
}
catch {
    Add-Result 'User bridge task starts (W2)' 'Manual' ('The Task Scheduler history could not be read (' + $_.Exception.Message +
        '). Enable it in Task Scheduler (Enable All Tasks History) and run the bridge once.')
}

# 6. W8 and W12: every user's running Teams is seen with its owner (SeDebugPrivilege for an elevated administrator; RemoteApp sessions).
if ($module -and $elevated) {
    try {
        $teams = @(Get-Process -Name ms-teams, Teams -IncludeUserName -ErrorAction SilentlyContinue | Where-Object { $_.UserName })
        $users = @($teams | ForEach-Object { $_.UserName } | Sort-Object -Unique)
        $installations = @(Get-TeamsInstallation -AllUsers -ErrorAction SilentlyContinue)
        $missed = @($users | Where-Object { $name = $_; -not ($installations | Where-Object { $_.User -eq $name -and $_.Running }) })
        if ($users.Count -eq 0) {
            Add-Result "Other users' Teams (W8, W12)" 'Manual' ('No Teams runs now: start Teams as another user (a RemoteApp session too,' +
                ' where there is one) and run this again.')
        }
        elseif ($missed.Count -eq 0) {
            Add-Result "Other users' Teams (W8, W12)" 'Pass' ('Running Teams of ' + ($users -join ', ') + ' seen by Get-TeamsInstallation.')
        }
        else {
            Add-Result "Other users' Teams (W8, W12)" 'Fail' ('Teams runs for ' + ($missed -join ', ') +
                ' but Get-TeamsInstallation does not show it running.')
        }
    }
    catch {
        Add-Result "Other users' Teams (W8, W12)" 'Fail' $_.Exception.Message
    }
}
else {
    Add-Result "Other users' Teams (W8, W12)" 'Manual' 'Run this elevated (or as SYSTEM) while another user runs Teams.'
}

# 7. W6: logged-off users' redirected folders come from their NTUSER.DAT, parsed from the file opened read-only (as SYSTEM or an
# elevated administrator, who may read it).
if ($module -and $elevated) {
    $notes = @(Get-TeamsInstallation -AllUsers -Verbose -ErrorAction SilentlyContinue 4>&1 |
        Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'NTUSER\.DAT' })
    if ($notes.Count -eq 0) {
        Add-Result "Logged-off users' hives (W6)" 'Pass' 'No NTUSER.DAT could-not-be-read note.'
    }
    else {
        Add-Result "Logged-off users' hives (W6)" 'Fail' $notes[0].Message
    }
}
else {
    Add-Result "Logged-off users' hives (W6)" 'Manual' 'Run this elevated (or as SYSTEM) with at least one user logged off.'
}

# 8. W7: script enforcement. Under AppLocker or WDAC command lines run in ConstrainedLanguage, and a script file the policy
# allows runs in FullLanguage: the module starts its helper scripts (Scripts\*.ps1, signed by build.ps1) with -File, so
# the WAM sign-out runs where the policy allows those files.
$mode = [string]$ExecutionContext.SessionState.LanguageMode
$scriptRules = $null
try {
    $policy = Get-AppLockerPolicy -Effective -ErrorAction Stop
    $scriptRules = @($policy.RuleCollections | Where-Object { $_.RuleCollectionType -eq 'Script' -and [string]$_.EnforcementMode -eq 'Enabled' })
}
catch {
    $scriptRules = $null
}
$helpers = @()
if ($module) { $helpers = @(Get-ChildItem -LiteralPath (Join-Path $module.ModuleBase 'Scripts') -Filter '*.ps1' -ErrorAction SilentlyContinue) }
$unsigned = @($helpers | Where-Object { (Get-AuthenticodeSignature -LiteralPath $_.FullName).Status -ne 'Valid' })
if ($scriptRules -and $scriptRules.Count -gt 0) {
    # Test-AppLockerPolicy answers for the users the helper scripts run as; Everyone stands for them here.
    $denied = @($helpers | Where-Object {
            [string](Get-AppLockerPolicy -Effective | Test-AppLockerPolicy -Path $_.FullName -User Everyone).PolicyDecision -ne 'Allowed' })
    if ($helpers.Count -eq 0 -or $denied.Count -gt 0) {
        Add-Result 'Script enforcement (W7)' 'Fail' ('AppLocker script rules are enforced and do not allow ' +
            $(if ($helpers.Count -eq 0) { "the module's Scripts folder (module not loaded)" } else { ($denied.Name -join ', ') }) +
            ": the policy runs command lines in ConstrainedLanguage; allow the module's signed scripts (a publisher rule for its " +
            'signing certificate, or a path rule). Until then users sign out in Settings > Accounts > Access work or school.')
    }
    else {
        Add-Result 'Script enforcement (W7)' 'Pass' ('AppLocker script rules are enforced and allow the ' + $helpers.Count +
            " helper scripts; this session's own mode is " + $mode + '.')
    }
}
elseif ($mode -ne 'FullLanguage') {
    Add-Result 'Script enforcement (W7)' 'Fail' ('This session runs in ' + $mode + ' without enforced AppLocker script rules (WDAC?): ' +
        "allow the module's signed scripts in the WDAC policy; see Get-CimInstance -Namespace root\Microsoft\Windows\DeviceGuard.")
}
else {
    Add-Result 'Script enforcement (W7)' 'Pass' ('FullLanguage, no enforced AppLocker script rules' +
        ' (WDAC: see Get-CimInstance -Namespace root\Microsoft\Windows\DeviceGuard).')
}
if ($unsigned.Count -gt 0) {
    Add-Result 'Helper scripts signed (W7)' 'Info' (($unsigned.Name -join ', ') + ' carry no valid signature: a publisher rule ' +
        'cannot allow them; sign the package with build.ps1 -Task Package -CertificateThumbprint ..., or allow them by path.')
}

# 9. W20: the session launcher. The user-session task starts TeamsRemediation.SessionLauncher.exe (a .NET Framework 4.7.2 GUI program),
#    which starts powershell.exe on a module script with no console window. Checked here: the file is there and signed, an enforced
#    AppLocker executable rule allows it, and it starts in this host and refuses a path as a script name with its documented exit code
#    0x54520002 (ScriptNameRefused): nothing else is started, nothing is written, no task is registered.
$launcher = $null
if ($module) { $launcher = Join-Path $module.ModuleBase 'TeamsRemediation.SessionLauncher.exe' }
if (-not $launcher -or -not (Test-Path -LiteralPath $launcher -PathType Leaf)) {
    Add-Result 'Session launcher (W20)' 'Fail' ('TeamsRemediation.SessionLauncher.exe is not in the module folder' +
        $(if ($module) { ' ' + $module.ModuleBase } else { ' (module not loaded)' }) + ': the bridge refuses with ModuleLauncherAltered.')
}
else {
    $launcherSignature = Get-AuthenticodeSignature -LiteralPath $launcher
    if ([string]$launcherSignature.Status -ne 'Valid') {
        Add-Result 'Session launcher signed (W20)' 'Info' ('TeamsRemediation.SessionLauncher.exe carries no valid signature (' +
            [string]$launcherSignature.Status + '): a publisher rule cannot allow it; sign the package or allow it by path.')
    }
    $exeRules = $null
    try {
        $exeRules = @((Get-AppLockerPolicy -Effective -ErrorAction Stop).RuleCollections |
                Where-Object { $_.RuleCollectionType -eq 'Exe' -and [string]$_.EnforcementMode -eq 'Enabled' })
    }
    catch {
        $exeRules = $null
    }
    if ($exeRules -and $exeRules.Count -gt 0 -and
        [string](Get-AppLockerPolicy -Effective | Test-AppLockerPolicy -Path $launcher -User Everyone).PolicyDecision -ne 'Allowed') {
        Add-Result 'Session launcher allowed (W20)' 'Fail' ('AppLocker executable rules are enforced and do not allow ' + $launcher +
            ': allow it by the publisher rule for the module''s signing certificate, or by path.')
    }
    try {
        $refusal = Start-Process -FilePath $launcher -ArgumentList '..\Test-PilotPc.ps1' -Wait -PassThru -ErrorAction Stop
        if ($refusal.ExitCode -eq 0x54520002) {
            Add-Result 'Session launcher starts (W20)' 'Pass' ('it started in this host and refused a path as a script name (0x54520002).')
        }
        else {
            Add-Result 'Session launcher starts (W20)' 'Fail' ('it exited with 0x' + $refusal.ExitCode.ToString('X8') +
                ' instead of 0x54520002: .NET Framework 4.7.2, AppLocker/WDAC or an antivirus stopped it; see the event logs.')
        }
    }
    catch {
        Add-Result 'Session launcher starts (W20)' 'Fail' ('it could not be started: ' + $_.Exception.Message)
    }
}

# 10. What needs a change to try, so it stays a manual step here (W24, W20).
Add-Result 'Entra ID user task by SID (W24, W20)' 'Manual' ('With an Entra ID user logged on, run' +
    ' Reset-TeamsWorkAccount -Force -Step Credentials as SYSTEM: ' +
    'the task registers by SID (no 0x80070534) and starts TeamsRemediation.SessionLauncher.exe UserBridgeChild.ps1 ..., which ' +
    'starts powershell.exe -File on the signed script; no console window shows on the user''s desktop; check the EDR console for a block.')

$results | Format-Table -AutoSize -Wrap | Out-String -Width 200
$counts = $results | Group-Object Status | ForEach-Object { $_.Name + ' ' + $_.Count }
'Test-PilotPc ' + $env:COMPUTERNAME + ': ' + ($counts -join ', ')
