@{
    RootModule           = 'TeamsRemediation.dll'
    # The build stamps this from Directory.Build.props; the two never disagree.
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0b3c1e-8a42-4d3b-9e57-2c1f4a8d7b90'
    Author               = 'TeamsRemediation contributors'
    CompanyName          = 'TeamsRemediation'
    Copyright            = '(c) TeamsRemediation contributors. MIT License.'
    Description          = 'Finds why Microsoft Teams sign-in fails with CAA20002 on a Windows PC and repairs it: Teams cache, TLS 1.2, work or school account. Runs unattended as SYSTEM (Intune, ConfigMgr), as the user, or through Invoke-Command.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    # Windows PowerShell loads a netstandard2.0 dll reliably only on .NET Framework 4.7.2 or later; below it the
    # import fails with an obscure assembly load error, so the manifest refuses it by name. PowerShell 7 ignores this.
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport      = @(
        'Get-TeamsInstallation'
        'Test-TeamsCaa20002'
        'Reset-TeamsWorkAccount'
        'Clear-TeamsCache'
        'Enable-Tls12'
        'Undo-TeamsRemediation'
        'Repair-TeamsCaa20002'
        'ConvertFrom-TeamsRemediationOutput'
        'Get-TeamsRemediationFleetSummary'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    TypesToProcess       = @('TeamsRemediation.Types.ps1xml')
    FormatsToProcess     = @(
        'TeamsInstallation.Format.ps1xml'
        'TeamsCaa20002Finding.Format.ps1xml'
        'TeamsAccountResetStep.Format.ps1xml'
        'TeamsCacheClearResult.Format.ps1xml'
        'TlsSettingChange.Format.ps1xml'
        'RestoreResult.Format.ps1xml'
        'TeamsRepairStep.Format.ps1xml'
        'TeamsRemediationFleet.Format.ps1xml'
    )
    PrivateData          = @{
        PSData = @{
            Tags       = @('Teams', 'CAA20002', 'Intune', 'Remediation', 'TLS', 'WAM', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows')
            ProjectUri = 'https://github.com/TeamsRemediation/TeamsRemediation'
            LicenseUri = 'https://github.com/TeamsRemediation/TeamsRemediation/blob/main/LICENSE'
            # One paragraph for the Gallery page; the full history is in CHANGELOG.md.
            ReleaseNotes = '0.1.0: first release. Diagnoses CAA20002 per user with evidence (Test-TeamsCaa20002) and repairs it
reversibly: Teams cache, TLS 1.2, work or school account, each journaled for Undo-TeamsRemediation. Intune and
ConfigMgr scripts; help with online links; Tab completion; optionally signed packages.
Full history: https://github.com/TeamsRemediation/TeamsRemediation/blob/main/CHANGELOG.md'
        }
    }
}
