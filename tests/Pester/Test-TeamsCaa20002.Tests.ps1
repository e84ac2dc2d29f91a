#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Test-TeamsCaa20002 changes nothing, so these tests are read-only: on the simulated PC (any OS) and on a real Windows
# PC. -SkipNetwork keeps them independent of the network.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'PesterSupport.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterSupport.ps1')
    Import-Module $ModuleManifest -Force -ErrorAction Stop
    $machineChecks = 'Tls.Schannel', 'Tls.DotNet', 'Tls.WinHttp', 'Network.Endpoint', 'Network.ClockSkew', 'Network.Proxy', 'Network.Vpn',
        'Network.HostsFile', 'Account.DeviceJoin'
}

Describe 'Test-TeamsCaa20002 on the simulated PC01' -Tag 'SimulatedPc' {
    BeforeAll {
        $pc = Connect-SimulatedPc
        $alice = $pc.AddUser('alice', $true, $true, 'CONTOSO', [NullString]::Value).InstallNewTeams('25122.1415.3698.6812')
        $null = $pc.RunAsSystem()
        $findings = @(Test-TeamsCaa20002 -SkipNetwork -TimeoutSeconds 20)
    }

    AfterAll {
        Disconnect-SimulatedPc $pc
    }

    It 'writes one finding per machine check and per check for the logged-on user' {
        @($findings | Where-Object UserSid -EQ '').CheckId | Sort-Object | Should -Be ($machineChecks | Sort-Object)
        @($findings | Where-Object UserSid -EQ $alice.Sid).Count | Should -Be 8
    }

    It 'skips the network checks with a reason under -SkipNetwork' {
        $endpoint = @($findings | Where-Object CheckId -EQ 'Network.Endpoint')
        $endpoint.Count | Should -Be 1
        $endpoint[0].Status.ToString() | Should -Be 'Skipped'
        $endpoint[0].SkipReason | Should -Not -BeNullOrEmpty
    }

    It '-Quiet returns one boolean and -As Line one line Intune can show' {
        $quiet = @(Test-TeamsCaa20002 -SkipNetwork -Quiet)
        $quiet.Count | Should -Be 1
        $quiet[0] | Should -BeOfType [bool]
        $line = Test-TeamsCaa20002 -SkipNetwork -As Line
        $line | Should -Match '^CAA20002/1 Test PC01 (Compliant|NonCompliant) exit=[01] dropped=\d+( |$)'
        [TeamsRemediation.Lines.SummaryLine]::Parse($line).Computer | Should -Be 'PC01'
        $line.Length | Should -BeLessOrEqual 2048
    }

    It 'takes a wildcard -CheckId' {
        $tls = @(Test-TeamsCaa20002 -SkipNetwork -CheckId 'Tls.*')
        $tls.Count | Should -BeGreaterThan 0
        @($tls | Where-Object CheckId -NotLike 'Tls.*') | Should -BeNullOrEmpty
    }

    It 'refuses an unknown check id with a stable error id' {
        { Test-TeamsCaa20002 -CheckId 'No.Such' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidCheckId,TeamsRemediation.Commands.TestTeamsCaa20002Command'
    }
}

Describe 'Test-TeamsCaa20002 on this PC (Windows only: reads the real registry and event log)' -Tag 'Windows' -Skip:(-not $IsWindowsPlatform) {
    BeforeAll {
        $findings = @(Test-TeamsCaa20002 -SkipNetwork -TimeoutSeconds 20)
    }

    It 'writes one finding per machine check' {
        @($findings | Where-Object UserSid -EQ '').CheckId | Sort-Object | Should -Be ($machineChecks | Sort-Object)
    }

    It 'stamps every finding with this computer and a known status' {
        $findings.Count | Should -BeGreaterOrEqual $machineChecks.Count
        foreach ($finding in $findings) {
            $finding.ComputerName | Should -Be $env:COMPUTERNAME
            $finding.Status.ToString() | Should -BeIn @('Pass', 'Warning', 'Fail', 'Skipped')
        }
    }

    It 'gives a reason for every skipped check' {
        $skipped = @($findings | Where-Object { $_.Status.ToString() -eq 'Skipped' })
        # -SkipNetwork always skips the endpoint probes, so there is at least one reason to check.
        $skipped.CheckId | Should -Contain 'Network.Endpoint'
        foreach ($finding in $skipped) {
            $finding.SkipReason | Should -Not -BeNullOrEmpty -Because $finding.CheckId
        }
    }

    It 'reads the TLS registry in both views' {
        $winHttp = $findings | Where-Object CheckId -EQ 'Tls.WinHttp'
        ($winHttp.Evidence -join "`n") | Should -Match '\[64-bit\]'
        ($winHttp.Evidence -join "`n") | Should -Match '\[32-bit\]'
    }

    It '-As Compliance returns the ConfigMgr value' {
        Test-TeamsCaa20002 -SkipNetwork -As Compliance | Should -BeIn @('Compliant', 'NonCompliant')
    }
}
