#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The simulated PC (any OS) shows what is removed and refused; on a real Windows PC every call is -WhatIf, so
# nothing is removed and no process is stopped.

BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterSupport.ps1')
    Import-Module $ModuleManifest -Force -ErrorAction Stop
}

Describe 'Clear-TeamsCache' -Tag 'AnyOs' {
    It 'is exported with ShouldProcess and documented' {
        $command = Get-Command Clear-TeamsCache -Module TeamsRemediation
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Force'
        # Without help PowerShell makes a synopsis from the syntax, but no description.
        (Get-Help Clear-TeamsCache).Description.Text -join '' | Should -Not -BeNullOrEmpty
    }

    It 'declares TeamsCacheClearResult as its output' {
        (Get-Command Clear-TeamsCache).OutputType.Name | Should -Contain 'TeamsRemediation.TeamsCacheClearResult'
    }
}

Describe 'Clear-TeamsCache on the simulated PC01' -Tag 'SimulatedPc' {
    BeforeAll {
        $pc = Connect-SimulatedPc
        $alice = $pc.AddUser('alice', $true, $true, 'CONTOSO', [NullString]::Value).InstallNewTeams('25122.1415.3698.6812').AddClassicCache()
        $null = $pc.RunAsSystem()
    }

    AfterAll {
        Disconnect-SimulatedPc $pc
    }

    It 'with -WhatIf reports each cache of the logged-on user and removes nothing' {
        $before = @(Get-ChildItem -LiteralPath $alice.ProfilePath -Recurse -File).Count

        $results = @(Clear-TeamsCache -Client All -WhatIf)

        $results.Count | Should -Be 2
        $results.Client.ForEach({ $_.ToString() }) | Sort-Object | Should -Be @('Classic', 'New')
        $results.Status.ForEach({ $_.ToString() }) | Sort-Object -Unique | Should -Be 'WhatIf'
        $results.UserSid | Sort-Object -Unique | Should -Be $alice.Sid
        ($results | Measure-Object FilesRemoved -Sum).Sum | Should -BeGreaterThan 0
        @(Get-ChildItem -LiteralPath $alice.ProfilePath -Recurse -File).Count | Should -Be $before
    }

    It 'refuses a backup folder inside the cache and removes nothing' {
        $installation = Get-TeamsInstallation -UserSid $alice.Sid -Client New
        $before = @(Get-ChildItem -LiteralPath $installation.CachePath -Recurse -File).Count
        $inside = Join-Path $installation.CachePath 'backup'

        $result = Clear-TeamsCache -UserSid $alice.Sid -Client New -BackupPath $inside -ErrorVariable problems -ErrorAction SilentlyContinue

        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'BackupPathInsideCache,*'
        @(Get-ChildItem -LiteralPath $installation.CachePath -Recurse -File).Count | Should -Be $before
        Test-Path -LiteralPath $inside | Should -BeFalse
    }

    It 'refuses a path as a user name before doing anything' {
        { Clear-TeamsCache -UserName '..\Administrator' -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUserName,TeamsRemediation.Commands.ClearTeamsCacheCommand'
    }
}

Describe 'Clear-TeamsCache -WhatIf on this PC (Windows only: reads the real profile)' -Tag 'Windows' {
    BeforeEach {
        Skip-TestOffWindows
    }

    It 'reports one WhatIf result per Teams client of the current user and changes nothing' {
        $installed = @(Get-TeamsInstallation -Client All)
        if ($installed.Count -eq 0) {
            # With no client there is no result to check: say so rather than pass on nothing.
            Set-ItResult -Skipped -Because 'the current user has no Teams client on this PC'
        }
        $before = ($installed | Measure-Object CacheFileCount -Sum).Sum

        $results = @(Clear-TeamsCache -Client All -WhatIf -ErrorAction SilentlyContinue)

        # One result per client, never a result for someone else.
        $results.Count | Should -Be $installed.Count
        # A running Teams without -Force is Skipped (TeamsRunning); either way the result is the current user's.
        $me = [Security.Principal.WindowsIdentity]::GetCurrent().User.Value
        $unexpected = @($results | Where-Object { $_.Status.ToString() -notin 'WhatIf', 'Skipped', 'NothingToClear' -or $_.UserSid -ne $me })
        $unexpected | Should -BeNullOrEmpty
        (@(Get-TeamsInstallation -Client All) | Measure-Object CacheFileCount -Sum).Sum | Should -Be $before
    }

    It 'refuses a path as a user name before doing anything' {
        { Clear-TeamsCache -UserName '..\Administrator' -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUserName,TeamsRemediation.Commands.ClearTeamsCacheCommand'
    }
}
