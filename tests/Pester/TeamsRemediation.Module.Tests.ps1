#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module as the PowerShell Gallery and an admin see it (any OS), Get-TeamsInstallation on the simulated PC (any
# OS), and on the real PC (Windows only, read-only). build.ps1 -Task Test runs it after the xunit suite.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'PesterSupport.ps1')
    # The names the tests are made for come from the built manifest, so a cmdlet added there is tested here too.
    $manifestCmdlets = @((Import-PowerShellDataFile -Path $ModuleManifest).CmdletsToExport)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterSupport.ps1')
    Import-Module $ModuleManifest -Force -ErrorAction Stop
    $listed = @((Import-PowerShellDataFile -Path $ModuleManifest).CmdletsToExport | Sort-Object)
}

Describe 'TeamsRemediation module' -Tag 'AnyOs' {
    It 'passes Test-ModuleManifest, which reads the same cmdlets from the manifest' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop
        @($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be $listed
    }

    It 'lists its cmdlets by name in the manifest, without wildcards' {
        $listed.Count | Should -BeGreaterThan 0
        @($listed | Where-Object { [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($_) }) | Should -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets listed in the manifest' {
        @((Get-Module TeamsRemediation).ExportedCmdlets.Keys | Sort-Object) | Should -Be $listed
    }

    It 'lists every cmdlet its assembly defines, and defines every cmdlet it lists' {
        $assembly = (Get-Command -Module TeamsRemediation -CommandType Cmdlet | Select-Object -First 1).ImplementingType.Assembly
        $defined = @($assembly.GetExportedTypes() |
                ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object { $_.VerbName + '-' + $_.NounName } | Sort-Object)
        $defined | Should -Be $listed
    }

    It 'has help with at least two examples and an online link for <_>' -ForEach $manifestCmdlets {
        @((Get-Help $_).examples.example).Count | Should -BeGreaterOrEqual 2 -Because "$_ needs examples"
        (Get-Command $_ -Module TeamsRemediation).HelpUri | Should -Match '^https://' -Because "Get-Help $_ -Online needs an address"
    }
}

Describe 'Get-TeamsInstallation on the simulated PC01' -Tag 'SimulatedPc' {
    BeforeAll {
        $pc = Connect-SimulatedPc
        $alice = $pc.AddUser('alice', $true, $true, 'CONTOSO', [NullString]::Value).InstallNewTeams('25122.1415.3698.6812')
        $bob = $pc.AddUser('bob', $false, $true, 'CONTOSO', [NullString]::Value).InstallClassicTeams('1.7.00.13456')
        $null = $pc.RunAsSystem()
    }

    AfterAll {
        Disconnect-SimulatedPc $pc
    }

    It 'returns one typed object per user and client with the user and SID' {
        $found = @(Get-TeamsInstallation -AllUsers -NoCacheSize)
        $found.Count | Should -Be 2
        ($found | Where-Object UserSid -EQ $alice.Sid).Client.ToString() | Should -Be 'New'
        ($found | Where-Object UserSid -EQ $bob.Sid).Client.ToString() | Should -Be 'Classic'
        $found | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'TeamsRemediation.TeamsInstallation' }
        $found.ComputerName | Sort-Object -Unique | Should -Be 'PC01'
    }

    It 'as SYSTEM targets the logged-on user only' {
        $found = @(Get-TeamsInstallation)
        $found.Count | Should -Be 1
        $found[0].User | Should -Be 'CONTOSO\alice'
    }

    It 'refuses a path as user name with a stable error id' {
        { Get-TeamsInstallation -UserName '..\x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUserName,TeamsRemediation.Commands.GetTeamsInstallationCommand'
    }

    It 'reports an unknown user without stopping' {
        Get-TeamsInstallation -UserName 'no-such-user-7f3a' -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'UserNotFound,TeamsRemediation.Commands.GetTeamsInstallationCommand'
    }
}

Describe 'Get-TeamsInstallation on this PC (Windows only: reads the real profiles)' -Tag 'Windows' {
    BeforeEach {
        Skip-TestOffWindows
    }

    It 'returns typed objects with the user and SID for every profile' {
        $found = @(Get-TeamsInstallation -AllUsers -NoCacheSize)
        if ($found.Count -eq 0) {
            # Nothing found proves nothing about the objects: say so rather than pass.
            Set-ItResult -Skipped -Because 'no profile on this PC has a Teams client'
        }
        $profiles = @(Get-ChildItem 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList' |
                Where-Object { $_.PSChildName -match '^S-1-5-21-' })
        @($found.UserSid | Sort-Object -Unique | Where-Object { $_ -notin $profiles.PSChildName }) | Should -BeNullOrEmpty
        foreach ($item in $found) {
            $item.PSObject.TypeNames[0] | Should -Be 'TeamsRemediation.TeamsInstallation'
            $item.ComputerName | Should -Be $env:COMPUTERNAME
        }
    }

    It 'refuses a path as user name with a stable error id' {
        { Get-TeamsInstallation -UserName '..\x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUserName,TeamsRemediation.Commands.GetTeamsInstallationCommand'
    }

    It 'reports an unknown user without stopping' {
        Get-TeamsInstallation -UserName 'no-such-user-7f3a' -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'UserNotFound,TeamsRemediation.Commands.GetTeamsInstallationCommand'
    }
}

Describe 'TeamsRemediation off Windows' -Tag 'NotWindows' {
    BeforeEach {
        Skip-TestOnWindows
    }

    It 'stops every cmdlet with PlatformNotSupportedException when no simulated PC is attached' {
        $problem = $null
        try { Get-TeamsInstallation -ErrorAction Stop } catch { $problem = $_ }
        $problem | Should -Not -BeNullOrEmpty
        $problem.Exception | Should -BeOfType ([System.PlatformNotSupportedException])
        $problem.FullyQualifiedErrorId | Should -Be 'UnsupportedPlatform,TeamsRemediation.Commands.GetTeamsInstallationCommand'
    }
}
