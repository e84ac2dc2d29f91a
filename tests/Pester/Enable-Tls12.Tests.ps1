#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# On the simulated PC (any OS) Enable-Tls12 really writes, and Undo-TeamsRemediation puts it back. On a real Windows
# PC only -WhatIf runs, so nothing is written: the tests prove that by reading every TLS key before and after.

BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterSupport.ps1')
    Import-Module $ModuleManifest -Force -ErrorAction Stop
}

Describe 'Enable-Tls12 and Undo-TeamsRemediation on the simulated PC01' -Tag 'SimulatedPc' {
    BeforeAll {
        $pc = Connect-SimulatedPc
        $null = $pc.RunAsSystem()
        $schannelClient = 'SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client'
        $client = [TeamsRemediation.Platform.RegistryKeyPath]::new('LocalMachine', $schannelClient, 'Registry64')
        $registry = $pc.Machine.SimulatedRegistry
        $registry.SetValue($client, 'Enabled', [TeamsRemediation.Platform.RegistryValue]::DWord(0))
    }

    AfterAll {
        Disconnect-SimulatedPc $pc
    }

    It '-WhatIf writes nothing and reports the value it would set' {
        $before = $registry.Export()

        $changes = @(Enable-Tls12 -Scope Machine -WhatIf)

        $registry.Export() | Should -BeExactly $before
        $enabled = @($changes | Where-Object { $_.ValueName -eq 'Enabled' -and $_.Path -like '*TLS 1.2\Client' })
        $enabled.Count | Should -Be 1
        $enabled[0].OldValue | Should -Match '^0x00000000'
        @($changes | Where-Object { $_.Action.ToString() -in 'Created', 'Updated' }) | Should -BeNullOrEmpty
    }

    It 'turns TLS 1.2 on and Undo-TeamsRemediation puts the old value back' {
        $changes = @(Enable-Tls12 -Scope Machine -Confirm:$false)
        $registry.GetValue($client, 'Enabled').AsDWord | Should -Be 1
        $journal = @($changes | Where-Object JournalPath)[0].JournalPath
        Test-Path -LiteralPath $journal | Should -BeTrue

        $restored = @(Undo-TeamsRemediation -Journal $journal -Confirm:$false)

        @($restored | Where-Object { $_.Status.ToString() -ne 'Restored' }) | Should -BeNullOrEmpty
        $restored.Count | Should -BeGreaterThan 0
        $registry.GetValue($client, 'Enabled').AsDWord | Should -Be 0
    }

    It 'reports a missing journal with its error id and restores nothing' {
        $missing = Join-Path $pc.Machine.RootFolder 'no-such-journal.xml'
        $result = Undo-TeamsRemediation -Journal $missing -ErrorVariable problems -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'JournalNotFound,TeamsRemediation.Commands.UndoTeamsRemediationCommand'
    }
}

Describe 'Enable-Tls12 -WhatIf on this PC (Windows only: reads the real registry)' -Tag 'Windows' {
    BeforeEach {
        Skip-TestOffWindows
    }

    BeforeAll {
        # Runs before BeforeEach can skip: off Windows there is no registry or ProgramData to read.
        if (-not $IsWindowsPlatform) { return }
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

    It 'writes nothing, creates no journal and reports every value' {
        $before = Get-TlsSnapshot
        $journals = Get-JournalCount

        $changes = @(Enable-Tls12 -Scope Machine -WhatIf)

        Get-TlsSnapshot | Should -BeExactly $before
        Get-JournalCount | Should -Be $journals
        # SCHANNEL TLS 1.2\Client (2, SYSTEM has one view), .NET (2 values in 2 keys and 2 views), WinHTTP (2 views).
        $changes.Count | Should -BeGreaterOrEqual 12
        @($changes | Where-Object { $_.Path -like '*TLS 1.2\Server' }) | Should -BeNullOrEmpty
        $changes | ForEach-Object { $_ | Should -BeOfType 'TeamsRemediation.TlsSettingChange' }
        $changes.Action | Where-Object { $_ -in 'Created', 'Updated' } | Should -BeNullOrEmpty
        ($changes | Where-Object View -EQ '32-bit').Count | Should -BeGreaterThan 0
    }

    It 'writes only the documented value names' {
        $names = @((Enable-Tls12 -Scope Machine -WhatIf).ValueName | Sort-Object -Unique)
        $names.Count | Should -BeGreaterThan 0
        $documented = 'Enabled', 'DisabledByDefault', 'SchUseStrongCrypto', 'SystemDefaultTlsVersions', 'DefaultSecureProtocols'
        @($names | Where-Object { $_ -notin $documented }) | Should -BeNullOrEmpty
    }

    It 'previews the current user''s Internet Options without elevation' {
        $internetSettings = 'HKCU:\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
        $before = (Get-ItemProperty -Path $internetSettings -Name SecureProtocols -ErrorAction SilentlyContinue).SecureProtocols

        $change = Enable-Tls12 -Scope User -WhatIf

        $change.ValueName | Should -Be 'SecureProtocols'
        $change.UserSid | Should -Be ([Security.Principal.WindowsIdentity]::GetCurrent().User.Value)
        (Get-ItemProperty -Path $internetSettings -Name SecureProtocols -ErrorAction SilentlyContinue).SecureProtocols | Should -Be $before
    }

    It 'reports a missing journal with its error id and restores nothing' {
        $result = Undo-TeamsRemediation -Journal (Join-Path $env:TEMP 'no-such-journal.xml') -ErrorVariable problems -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be 'JournalNotFound,TeamsRemediation.Commands.UndoTeamsRemediationCommand'
    }
}
