#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Runs on Windows (Windows PowerShell 5.1 and PowerShell 7) against the real machine. Only -WhatIf runs here, so
# nothing is written: the tests prove that, by reading every TLS key before and after.

BeforeAll {
    $manifest = Join-Path $PSScriptRoot '..\..\out\TeamsRemediation\TeamsRemediation.psd1'
    Import-Module $manifest -Force -ErrorAction Stop

    $keys = @(
        'SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client'
        'SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server'
        'SOFTWARE\Microsoft\.NETFramework\v4.0.30319'
        'SOFTWARE\Microsoft\.NETFramework\v2.0.50727'
        'SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp'
    )

    function Get-TlsSnapshot {
        $lines = foreach ($view in 'Registry64', 'Registry32') {
            $root = [Microsoft.Win32.RegistryKey]::OpenBaseKey('LocalMachine', $view)
            foreach ($path in $keys) {
                $key = $root.OpenSubKey($path)
                if ($null -eq $key) { "$view $path (absent)"; continue }
                foreach ($name in ($key.GetValueNames() | Sort-Object)) {
                    "$view $path $name=$($key.GetValue($name)) ($($key.GetValueKind($name)))"
                }
                $key.Dispose()
            }
            $root.Dispose()
        }
        $lines -join "`n"
    }

    $journalFolder = Join-Path $env:ProgramData 'TeamsRemediation\Journal'
    function Get-JournalCount { @(Get-ChildItem -Path $journalFolder -Filter *.xml -ErrorAction SilentlyContinue).Count }
}

Describe 'Enable-Tls12 -WhatIf on this PC' {
    It 'writes nothing, creates no journal and reports every value' {
        $before = Get-TlsSnapshot
        $journals = Get-JournalCount

        $changes = @(Enable-Tls12 -Scope Machine -WhatIf)

        Get-TlsSnapshot | Should -BeExactly $before
        Get-JournalCount | Should -Be $journals
        $changes.Count | Should -BeGreaterOrEqual 14
        $changes | ForEach-Object { $_ | Should -BeOfType 'TeamsRemediation.TlsSettingChange' }
        $changes.Action | Where-Object { $_ -in 'Created', 'Updated' } | Should -BeNullOrEmpty
        ($changes | Where-Object View -eq '32-bit').Count | Should -BeGreaterThan 0
    }

    It 'writes only the documented value names' {
        $names = (Enable-Tls12 -Scope Machine -WhatIf).ValueName | Sort-Object -Unique
        $names | ForEach-Object { $_ | Should -BeIn @('Enabled', 'DisabledByDefault', 'SchUseStrongCrypto', 'SystemDefaultTlsVersions', 'DefaultSecureProtocols') }
    }

    It 'previews the current user''s Internet Options without elevation' {
        $before = (Get-ItemProperty -Path 'HKCU:\Software\Microsoft\Windows\CurrentVersion\Internet Settings' -Name SecureProtocols -ErrorAction SilentlyContinue).SecureProtocols

        $change = Enable-Tls12 -Scope User -WhatIf

        $change.ValueName | Should -Be 'SecureProtocols'
        $change.UserSid | Should -Be ([Security.Principal.WindowsIdentity]::GetCurrent().User.Value)
        (Get-ItemProperty -Path 'HKCU:\Software\Microsoft\Windows\CurrentVersion\Internet Settings' -Name SecureProtocols -ErrorAction SilentlyContinue).SecureProtocols | Should -Be $before
    }
}

Describe 'Undo-TeamsRemediation' {
    It 'reports a missing journal with its error id and restores nothing' {
        $result = Undo-TeamsRemediation -Journal (Join-Path $env:TEMP 'no-such-journal.xml') -ErrorVariable problems -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be 'JournalNotFound,TeamsRemediation.Commands.UndoTeamsRemediationCommand'
    }
}
