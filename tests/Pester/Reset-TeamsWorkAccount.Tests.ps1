#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Read-only on a real Windows PC: every call uses -WhatIf, which reads the state and changes nothing.

BeforeAll {
    $manifest = Join-Path $PSScriptRoot '..\..\out\TeamsRemediation\TeamsRemediation.psd1'
    Import-Module $manifest -Force
}

Describe 'Reset-TeamsWorkAccount' -Tag 'Windows' {
    It 'declares ConfirmImpact High and supports -WhatIf' {
        $command = Get-Command Reset-TeamsWorkAccount
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Force'
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'reports every step for the current user with -WhatIf' {
        $steps = @(Reset-TeamsWorkAccount -WhatIf -ErrorAction SilentlyContinue)
        $steps.Count | Should -BeGreaterOrEqual 7
        $steps.Step | Should -Contain 'WamAccounts'
        $steps.Step[-1] | Should -Be 'NextAction'
        $steps | Where-Object Status -in 'Done', 'Failed' | Where-Object Step -in 'Credentials', 'WamOverrides', 'BrokerState' |
            Should -BeNullOrEmpty
        $steps | ForEach-Object { $_.UserSid | Should -Be ([System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value) }
    }

    It 'lists the WAM accounts through Windows PowerShell 5.1 without signing out' {
        $wam = Reset-TeamsWorkAccount -WhatIf -ErrorAction SilentlyContinue | Where-Object Step -eq 'WamAccounts'
        $wam.Status | Should -BeIn 'NotNeeded', 'WhatIf', 'Failed'
    }
}
