#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Runs on Windows (Windows PowerShell 5.1 and PowerShell 7) against the real machine, read-only.
# build.ps1 -Task Test runs it after the xunit suite.

BeforeAll {
    $manifest = Join-Path $PSScriptRoot '..\..\out\TeamsRemediation\TeamsRemediation.psd1'
    Import-Module $manifest -Force -ErrorAction Stop
}

Describe 'TeamsRemediation module' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifest -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports exactly the cmdlets listed in the manifest' {
        $listed = (Import-PowerShellDataFile -Path $manifest).CmdletsToExport | Sort-Object
        $exported = (Get-Module TeamsRemediation).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be $listed
    }

    It 'has help with examples for every cmdlet' {
        foreach ($name in (Get-Module TeamsRemediation).ExportedCmdlets.Keys) {
            (Get-Help $name).examples.example.Count | Should -BeGreaterThan 0 -Because "$name needs an example"
        }
    }
}

Describe 'Get-TeamsInstallation on this PC' {
    It 'returns typed objects with the user and SID for every profile' {
        $found = @(Get-TeamsInstallation -AllUsers -NoCacheSize)
        foreach ($item in $found) {
            $item.PSObject.TypeNames[0] | Should -Be 'TeamsRemediation.TeamsInstallation'
            $item.UserSid | Should -Match '^S-1-'
            $item.ComputerName | Should -Be $env:COMPUTERNAME
        }
    }

    It 'refuses a path as user name with a stable error id' {
        { Get-TeamsInstallation -UserName '..\x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUserName,TeamsRemediation.Commands.GetTeamsInstallationCommand'
    }

    It 'reports an unknown user without stopping' {
        Get-TeamsInstallation -UserName 'no-such-user-7f3a' -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
        $problems[0].FullyQualifiedErrorId | Should -Be 'UserNotFound,TeamsRemediation.Commands.GetTeamsInstallationCommand'
    }
}
