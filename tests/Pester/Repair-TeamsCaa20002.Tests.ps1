#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The simulated PC (any OS) is broken one way per test and repaired; on a real Windows PC the command only runs with
# -WhatIf, so it lists its plan and changes nothing.

BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterSupport.ps1')
    Import-Module $ModuleManifest -Force -ErrorAction Stop
}

Describe 'Repair-TeamsCaa20002' -Tag 'AnyOs' {
    It 'is exported with ShouldProcess, ConfirmImpact High and -Force, and documented' {
        $command = Get-Command Repair-TeamsCaa20002 -Module TeamsRemediation
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Force'
        $command.Parameters.Keys | Should -Contain 'MaximumRung'
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
        # Without help PowerShell makes a synopsis from the syntax, but no description.
        (Get-Help Repair-TeamsCaa20002).Description.Text -join '' | Should -Not -BeNullOrEmpty
    }

    It 'declares its step and summary types as output' {
        $types = (Get-Command Repair-TeamsCaa20002).OutputType.Name
        $types | Should -Contain 'TeamsRemediation.TeamsRepairStep'
        $types | Should -Contain 'TeamsRemediation.TeamsRepairSummary'
    }
}

Describe 'Repair-TeamsCaa20002 on the simulated PC01' -Tag 'SimulatedPc' {
    BeforeAll {
        $pc = Connect-SimulatedPc
        $alice = $pc.AddUser('alice', $true, $true, 'CONTOSO', [NullString]::Value).InstallNewTeams('25122.1415.3698.6812')
        $null = $pc.RunAsSystem()
        # The token broker is registered for Alice, so TLS is the only thing broken.
        $store = 'SOFTWARE\Microsoft\Windows\CurrentVersion\Appx\AppxAllUserStore\' + $alice.Sid
        $broker = $store + '\Microsoft.AAD.BrokerPlugin_1000.19580.1000.0_neutral_neutral_cw5n1h2txyewy'
        $pc.Machine.SimulatedRegistry.CreateKey([TeamsRemediation.Platform.RegistryKeyPath]::new('LocalMachine', $broker, 'Registry64'))
        $schannel = [TeamsRemediation.Platform.RegistryKeyPath]::new('LocalMachine',
            'SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client', 'Registry64')
    }

    AfterAll {
        Disconnect-SimulatedPc $pc
    }

    It 'with -WhatIf lists the TLS step with its cost and changes nothing' {
        $pc.Machine.SimulatedRegistry.SetValue($schannel, 'Enabled', [TeamsRemediation.Platform.RegistryValue]::DWord(0))

        $steps = @(Repair-TeamsCaa20002 -WhatIf -SkipNetwork | Where-Object { $_ -is [TeamsRemediation.TeamsRepairStep] })

        ($steps | Where-Object { $_.Step.ToString() -eq 'Tls' }).Status.ToString() | Should -Be 'WhatIf'
        ($steps | Where-Object { $_.Step.ToString() -eq 'Tls' }).Cost | Should -BeLike 'writes 1 registry value, *'
        $pc.Machine.SimulatedRegistry.GetValue($schannel, 'Enabled').AsDWord | Should -Be 0
    }

    It 'turns TLS 1.2 back on and ends with exit code 2 for the restart' {
        $summary = @(Repair-TeamsCaa20002 -Force -SkipNetwork)[-1]

        $summary.Outcome.ToString() | Should -Be 'NeedsReboot'
        $summary.ExitCode | Should -Be 2
        $pc.Machine.SimulatedRegistry.GetValue($schannel, 'Enabled').AsDWord | Should -Be 1
    }

    It 'finds nothing to fix afterwards and exits 0' {
        $line = Repair-TeamsCaa20002 -Force -SkipNetwork -As Line

        $line | Should -BeLike 'CAA20002/1 Repair PC01 NothingToFix exit=0 *'
    }
}

Describe 'Repair-TeamsCaa20002 -WhatIf on this PC (Windows only: reads the real PC, changes nothing)' -Tag 'Windows' {
    BeforeEach {
        Skip-TestOffWindows
    }

    It 'lists a plan and a summary and changes nothing' {
        $results = @(Repair-TeamsCaa20002 -WhatIf -SkipNetwork)

        $results[-1] | Should -BeOfType ([TeamsRemediation.TeamsRepairSummary])
        @($results | Where-Object { $_ -is [TeamsRemediation.TeamsRepairStep] -and $_.Status.ToString() -eq 'Done' }).Count | Should -Be 0
    }
}
