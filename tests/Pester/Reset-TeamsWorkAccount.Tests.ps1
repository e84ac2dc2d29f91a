#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Read-only on a real Windows PC: every call uses -WhatIf, which reads the state and changes nothing.

BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterSupport.ps1')
    Import-Module $ModuleManifest -Force -ErrorAction Stop
}

Describe 'Reset-TeamsWorkAccount' -Tag 'AnyOs' {
    It 'declares ConfirmImpact High and supports -WhatIf' {
        $command = Get-Command Reset-TeamsWorkAccount
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Force'
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Reset-TeamsWorkAccount on the simulated PC01' -Tag 'SimulatedPc' {
    BeforeAll {
        $pc = Connect-SimulatedPc
        $null = $pc.AddUser('alice', $true, $true, 'CONTOSO', [NullString]::Value).InstallNewTeams('25122.1415.3698.6812')
        $null = $pc.RunAsSystem()
    }

    AfterAll {
        Disconnect-SimulatedPc $pc
    }

    It 'as SYSTEM with -ReportUserSteps leaves the WAM sign-out to the user''s own context and runs nothing' {
        $steps = @(Reset-TeamsWorkAccount -UserName 'CONTOSO\alice' -ReportUserSteps -WhatIf -ErrorAction SilentlyContinue)

        ($steps | Where-Object Step -EQ 'WamAccounts').Status.ToString() | Should -Be 'RequiresUserContext'
        $steps[-1].Step.ToString() | Should -Be 'NextAction'
        @($pc.Machine.CommandRunner.Calls | Where-Object { $_ -match 'powershell|cmdkey' }) | Should -BeNullOrEmpty
    }

    It 'as SYSTEM with -WhatIf says what would run in the user''s session and starts no task' {
        $steps = @(Reset-TeamsWorkAccount -UserName 'CONTOSO\alice' -WhatIf -ErrorAction SilentlyContinue)

        ($steps | Where-Object Step -EQ 'WamAccounts').Status.ToString() | Should -Be 'WhatIf'
        ($steps | Where-Object Step -EQ 'WamAccounts').Detail | Should -BeLike 'What if: run as CONTOSO\alice in their session*'
        @($pc.Machine.TaskScheduler.RegisteredNames) | Should -BeNullOrEmpty
    }
}

Describe 'Reset-TeamsWorkAccount -WhatIf on this PC (Windows only: reads the real account state)' -Tag 'Windows' {
    BeforeEach {
        Skip-TestOffWindows
    }

    It 'reports every step for the current user with -WhatIf' {
        Skip-TestUnderWine "Wine has no cmdkey.exe, so the Credentials step fails ('cmdkey /list is not on this machine')."
        $steps = @(Reset-TeamsWorkAccount -WhatIf -ErrorAction SilentlyContinue)
        $steps.Count | Should -BeGreaterOrEqual 7
        $steps.Step | Should -Contain 'WamAccounts'
        $steps.Step[-1] | Should -Be 'NextAction'
        $steps | Where-Object Status -In 'Done', 'Failed' | Where-Object Step -In 'Credentials', 'WamOverrides', 'BrokerState' |
            Should -BeNullOrEmpty
        $steps | ForEach-Object { $_.UserSid | Should -Be ([System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value) }
    }

    It 'lists the WAM accounts through Windows PowerShell 5.1 without signing out' {
        Skip-TestUnderWine "Wine's powershell.exe is a stub that runs no script (exit code 0, no output), so the WAM listing has no answer."
        $wam = @(Reset-TeamsWorkAccount -WhatIf -ErrorAction SilentlyContinue | Where-Object Step -EQ 'WamAccounts')
        $wam.Count | Should -Be 1
        # Failed would mean the listing itself broke (the script, Windows PowerShell 5.1, WinRT): that is a failure here.
        $wam[0].Status.ToString() | Should -BeIn 'NotNeeded', 'WhatIf'
    }
}
