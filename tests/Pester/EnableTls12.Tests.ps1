#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Runs on Windows (Windows PowerShell 5.1 and PowerShell 7) against the real machine. Read-only: every
# Enable-Tls12 call here uses -WhatIf, and Undo-TeamsRemediation is only given journals that do not exist.

BeforeAll {
    $manifest = Join-Path $PSScriptRoot '..\..\out\TeamsRemediation\TeamsRemediation.psd1'
    Import-Module $manifest -Force -ErrorAction Stop

    $isElevated = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole(
        [Security.Principal.WindowsBuiltInRole]::Administrator)
    $journalFolder = Join-Path $env:ProgramData 'TeamsRemediation\Journal'

    # Every TLS value the cmdlet may write, read in both views straight from the registry API.
    function Get-TlsSnapshot {
        $locations = @(
            'SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client',
            'SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server',
            'SOFTWARE\Microsoft\.NETFramework\v4.0.30319',
            'SOFTWARE\Microsoft\.NETFramework\v2.0.50727',
            'SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp'
        )
        foreach ($view in [Microsoft.Win32.RegistryView]::Registry64, [Microsoft.Win32.RegistryView]::Registry32) {
            $root = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, $view)
            try {
                foreach ($path in $locations) {
                    $key = $root.OpenSubKey($path)
                    if ($null -eq $key) { "$view|$path|(no key)"; continue }
                    try {
                        foreach ($name in 'Enabled', 'DisabledByDefault', 'SchUseStrongCrypto', 'SystemDefaultTlsVersions', 'DefaultSecureProtocols') {
                            $value = $key.GetValue($name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
                            $kind = if ($null -eq $value) { 'absent' } else { $key.GetValueKind($name) }
                            "$view|$path|$name|$kind|$value"
                        }
                    }
                    finally { $key.Dispose() }
                }
            }
            finally { $root.Dispose() }
        }
    }
}

Describe 'Enable-Tls12 on this PC (WhatIf only)' {
    It 'changes nothing and creates no journal with -WhatIf' -Skip:(-not $isElevated) {
        $before = Get-TlsSnapshot
        $journalsBefore = @(Get-ChildItem -Path $journalFolder -Filter '*-EnableTls12-*.xml' -ErrorAction SilentlyContinue).Count

        $changes = @(Enable-Tls12 -Scope Machine -WhatIf)

        Get-TlsSnapshot | Should -Be $before
        @(Get-ChildItem -Path $journalFolder -Filter '*-EnableTls12-*.xml' -ErrorAction SilentlyContinue).Count | Should -Be $journalsBefore
        $changes | Where-Object { $_.Action -in 'Created', 'Updated' } | Should -BeNullOrEmpty
    }

    It 'reports every machine value in both views as a typed object' -Skip:(-not $isElevated) {
        $changes = @(Enable-Tls12 -Scope Machine -WhatIf)
        foreach ($change in $changes) {
            $change.PSObject.TypeNames[0] | Should -Be 'TeamsRemediation.TlsSettingChange'
            $change.ComputerName | Should -Be $env:COMPUTERNAME
            $change.ValueName | Should -BeIn @('Enabled', 'DisabledByDefault', 'SchUseStrongCrypto', 'SystemDefaultTlsVersions', 'DefaultSecureProtocols')
        }
        @($changes | Where-Object Area -eq 'WinHttp').View | Sort-Object | Should -Be @('32-bit', '64-bit')
    }

    It 'refuses machine values without elevation, with a stable error id' -Skip:$isElevated {
        { Enable-Tls12 -Scope Machine -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'ElevationRequired,TeamsRemediation.Commands.EnableTls12Command'
    }

    It 'previews the current user''s Internet Options without elevation' {
        $changes = @(Enable-Tls12 -Scope User -WhatIf)
        foreach ($change in $changes) {
            $change.UserSid | Should -Be ([Security.Principal.WindowsIdentity]::GetCurrent().User.Value)
            $change.Area | Should -Be 'InternetOptions'
        }
    }
}

Describe 'Undo-TeamsRemediation on this PC (nothing to restore)' {
    It 'reports a missing journal with a stable error id and goes on' {
        $missing = Join-Path ([IO.Path]::GetTempPath()) ('no-journal-' + [guid]::NewGuid().ToString('N') + '.xml')
        Undo-TeamsRemediation -Journal $missing -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be 'JournalNotFound,TeamsRemediation.Commands.UndoTeamsRemediationCommand'
    }

    It 'ignores the empty JournalPath of values that were not changed' {
        [pscustomobject]@{ JournalPath = '' } | Undo-TeamsRemediation -ErrorAction Stop | Should -BeNullOrEmpty
    }
}
