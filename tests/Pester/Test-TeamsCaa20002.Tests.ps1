#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Runs on Windows (Windows PowerShell 5.1 and PowerShell 7) against the real machine. Test-TeamsCaa20002 changes
# nothing, so these tests are read-only. -SkipNetwork keeps them independent of the network.

BeforeAll {
    $manifest = Join-Path $PSScriptRoot '..\..\out\TeamsRemediation\TeamsRemediation.psd1'
    Import-Module $manifest -Force -ErrorAction Stop
    $machineChecks = 'Tls.Schannel', 'Tls.DotNet', 'Tls.WinHttp', 'Network.Endpoint', 'Network.ClockSkew', 'Network.Proxy', 'Network.Vpn', 'Network.HostsFile', 'Account.DeviceJoin'
}

Describe 'Test-TeamsCaa20002 on this PC' {
    BeforeAll {
        $findings = @(Test-TeamsCaa20002 -SkipNetwork -TimeoutSeconds 20)
    }

    It 'writes one finding per machine check' {
        foreach ($id in $machineChecks) {
            @($findings | Where-Object { $_.CheckId -eq $id -and $_.UserSid -eq '' }).Count | Should -Be 1 -Because $id
        }
    }

    It 'stamps every finding with this computer and a known status' {
        foreach ($finding in $findings) {
            $finding.ComputerName | Should -Be $env:COMPUTERNAME
            $finding.Status.ToString() | Should -BeIn @('Pass', 'Warning', 'Fail', 'Skipped')
        }
    }

    It 'gives a reason for every skipped check' {
        foreach ($finding in ($findings | Where-Object { $_.Status.ToString() -eq 'Skipped' })) {
            $finding.SkipReason | Should -Not -BeNullOrEmpty -Because $finding.CheckId
        }
    }

    It 'reads the TLS registry in both views' {
        $winHttp = $findings | Where-Object CheckId -eq 'Tls.WinHttp'
        ($winHttp.Evidence -join "`n") | Should -Match '\[64-bit\]'
        ($winHttp.Evidence -join "`n") | Should -Match '\[32-bit\]'
    }
}

Describe 'Test-TeamsCaa20002 output forms' {
    It '-Quiet returns one boolean' {
        $result = @(Test-TeamsCaa20002 -SkipNetwork -Quiet)
        $result.Count | Should -Be 1
        $result[0] | Should -BeOfType [bool]
    }

    It '-As Line returns one line Intune can show' {
        $line = Test-TeamsCaa20002 -SkipNetwork -As Line
        $line | Should -Match '^CAA20002 \S+ (Compliant|NonCompliant): '
        $line.Length | Should -BeLessOrEqual 2048
    }

    It '-As Compliance returns the ConfigMgr value' {
        Test-TeamsCaa20002 -SkipNetwork -As Compliance | Should -BeIn @('Compliant', 'NonCompliant')
    }

    It 'refuses an unknown check id with a stable error id' {
        { Test-TeamsCaa20002 -CheckId 'No.Such' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidCheckId,TeamsRemediation.Commands.TestTeamsCaa20002Command'
    }
}
