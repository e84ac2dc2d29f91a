#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Read-only on a real Windows PC: every call is -WhatIf, so nothing is removed and no process is stopped.

BeforeAll {
    $manifest = Join-Path $PSScriptRoot '..\..\out\TeamsRemediation\TeamsRemediation.psd1'
    Import-Module $manifest -Force
}

Describe 'Clear-TeamsCache' {
    It 'is exported with ShouldProcess and documented' {
        $command = Get-Command Clear-TeamsCache -Module TeamsRemediation
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Force'
        (Get-Help Clear-TeamsCache).Synopsis | Should -Not -BeNullOrEmpty
    }

    It 'declares TeamsCacheClearResult as its output' {
        (Get-Command Clear-TeamsCache).OutputType.Name | Should -Contain 'TeamsRemediation.TeamsCacheClearResult'
    }

    It 'with -WhatIf reports counts for the current user and changes nothing' {
        $before = Get-TeamsInstallation -Client All
        $results = @(Clear-TeamsCache -Client All -WhatIf -ErrorAction SilentlyContinue)
        foreach ($result in $results) {
            $result.Status | Should -BeIn @('WhatIf', 'Skipped')
            $result.UserSid | Should -Be ([Security.Principal.WindowsIdentity]::GetCurrent().User.Value)
        }

        $after = Get-TeamsInstallation -Client All
        ($after | Measure-Object CacheFileCount -Sum).Sum | Should -Be ($before | Measure-Object CacheFileCount -Sum).Sum
    }

    It 'refuses a path as a user name before doing anything' {
        { Clear-TeamsCache -UserName '..\Administrator' -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUserName,TeamsRemediation.Commands.ClearTeamsCacheCommand'
    }

    It 'refuses a backup folder inside the cache' {
        $installation = Get-TeamsInstallation -Client All | Select-Object -First 1
        if (-not $installation) { Set-ItResult -Skipped -Because 'no Teams folder in this profile' ; return }
        $inside = Join-Path $installation.CachePath 'backup'
        $result = Clear-TeamsCache -UserSid $installation.UserSid -Client $installation.Client -BackupPath $inside -WhatIf -ErrorVariable errors -ErrorAction SilentlyContinue
        if ($result.Status -ne 'Skipped') { $errors[0].FullyQualifiedErrorId | Should -BeLike 'BackupPathInsideCache,*' }
    }
}
