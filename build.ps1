<#
.SYNOPSIS
    Builds, tests and packages TeamsRemediation. For Windows and PowerShell 7 users; CI on Linux runs this same
    script (Test, then Package) under the PowerShell that .ci/install-tools puts in .tools/.
.DESCRIPTION
    Test runs the xunit suite, then the Pester suites (tests/Pester) with Pester 5: the one .ci/install-tools put in
    .tools/Modules, else the newest Pester 5 installed. The results are written to TestResults/ (xunit.trx,
    pester.xml, NUnit format), and the Pester totals of each file are printed.
    Package makes out/TeamsRemediation.<version>.nupkg (publish it with Publish-PSResource -NupkgPath, or push it to
    a NuGet feed) and out/TeamsRemediation-<version>.zip (the module folder, to copy into a Modules folder).
    With -CertificateThumbprint or -PfxPath the module's dll, manifest, format files and helper scripts are
    Authenticode-signed before they are packed, for PCs whose execution policy is AllSigned and for AppLocker or WDAC;
    a signed catalog of the module folder, TeamsRemediation.cat, is packed with them (what Install-PSResource
    -AuthenticodeCheck validates), and signed copies of the scripts in scripts/ are written to out/scripts, to upload
    where a script signature check is on.
.EXAMPLE
    ./build.ps1                 # Build: lays out out/TeamsRemediation
.EXAMPLE
    ./build.ps1 -Task Test      # Build, xunit, then Pester when Pester 5 is installed (or in .tools/)
.EXAMPLE
    ./build.ps1 -Task Package   # Build, then the .nupkg and the .zip in out/
.EXAMPLE
    ./build.ps1 -Task Package -CertificateThumbprint 0123456789ABCDEF0123456789ABCDEF01234567 -TimestampServer http://timestamp.digicert.com
    # Signs with a code-signing certificate from Cert:\CurrentUser\My or Cert:\LocalMachine\My, then packages.
.EXAMPLE
    ./build.ps1 -Task Package -PfxPath .\codesign.pfx -PfxPassword (Read-Host -AsSecureString 'PFX password')
#>
[CmdletBinding(DefaultParameterSetName = 'Unsigned')]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # A code-signing certificate with its private key in the current user's or the computer's personal store.
    [Parameter(ParameterSetName = 'StoreCertificate', Mandatory = $true)]
    [ValidatePattern('^[0-9A-Fa-f]{40}$')]
    [string] $CertificateThumbprint,

    # A PFX file holding a code-signing certificate and its private key.
    [Parameter(ParameterSetName = 'PfxCertificate', Mandatory = $true)]
    [string] $PfxPath,

    [Parameter(ParameterSetName = 'PfxCertificate')]
    [securestring] $PfxPassword,

    # An RFC 3161 timestamp server, so the signatures stay valid after the certificate expires.
    [Parameter(ParameterSetName = 'StoreCertificate')]
    [Parameter(ParameterSetName = 'PfxCertificate')]
    [uri] $TimestampServer
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleFolder = Join-Path $root 'out/TeamsRemediation'
$signWith = $PSCmdlet.ParameterSetName

function Invoke-Native([string] $What, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    # The same MSBuild as a plain `dotnet build`: the two never lay out the module differently.
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $root 'TeamsRemediation.sln') --configuration $Configuration }
    if (-not (Test-Path (Join-Path $moduleFolder 'TeamsRemediation.psd1'))) { throw "The build did not lay out $moduleFolder." }
    Test-ModuleManifest -Path (Join-Path $moduleFolder 'TeamsRemediation.psd1') | Out-Null
}

function Find-Pester {
    # .ci/install-tools puts Pester (from NuGet) in the checkout's .tools/Modules: looked at first, for this process only.
    $tools = Join-Path $root '.tools/Modules'
    if (Test-Path $tools) { $env:PSModulePath = $tools + [System.IO.Path]::PathSeparator + $env:PSModulePath }
    # The suites are written for Pester 5; another major version changes the configuration they use.
    Get-Module -ListAvailable Pester | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending | Select-Object -First 1
}

function Invoke-Test {
    $results = Join-Path $root 'TestResults'
    $pesterResults = Join-Path $results 'pester.xml'
    # A results file left by an earlier run must not be read as this run's.
    Remove-Item -LiteralPath $pesterResults -ErrorAction SilentlyContinue
    Invoke-Native 'dotnet test' {
        dotnet test (Join-Path $root 'TeamsRemediation.sln') --configuration $Configuration --no-build `
            --logger 'console;verbosity=normal' --logger 'trx;LogFileName=xunit.trx' --results-directory $results
    }
    $pester = Find-Pester
    if (-not $pester) {
        Write-Warning ('Pester 5 is not installed: the Pester suites (tests/Pester) were not run. ' +
            'Install-Module Pester -MinimumVersion 5.0 -MaximumVersion 5.99 -Scope CurrentUser (or, on Linux, bash .ci/install-tools)')
        return
    }
    Import-Module $pester
    Write-Output "Pester $($pester.Version) from $($pester.ModuleBase)"
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.Exit = $false
    $config.Run.PassThru = $true
    # Detailed: every test is listed, a skipped one with its reason.
    $config.Output.Verbosity = 'Detailed'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $pesterResults
    $result = Invoke-Pester -Configuration $config
    foreach ($container in $result.Containers) {
        '{0}: {1} passed, {2} failed, {3} skipped' -f (Split-Path -Leaf "$($container.Item)"), $container.PassedCount,
            $container.FailedCount, $container.SkippedCount
    }
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') {
        throw "Pester: $($result.FailedCount) test(s) failed, $($result.FailedContainersCount) file(s) could not run."
    }
}

function Get-SigningCertificate {
    if ($signWith -eq 'StoreCertificate') {
        $certificate = Get-ChildItem -Path 'Cert:\CurrentUser\My', 'Cert:\LocalMachine\My' -CodeSigningCert |
            Where-Object Thumbprint -EQ $CertificateThumbprint.ToUpperInvariant() | Select-Object -First 1
        if (-not $certificate) {
            throw "No code-signing certificate with thumbprint $CertificateThumbprint in Cert:\CurrentUser\My or Cert:\LocalMachine\My. " +
                'List them with Get-ChildItem Cert:\CurrentUser\My -CodeSigningCert.'
        }
    }
    else {
        # Set-AuthenticodeSignature needs the key in a key container (an ephemeral key cannot sign); .NET deletes it afterwards.
        $path = (Resolve-Path $PfxPath).ProviderPath
        $flags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::DefaultKeySet
        $certificate = if ($PfxPassword) {
            New-Object System.Security.Cryptography.X509Certificates.X509Certificate2($path, $PfxPassword, $flags)
        }
        else {
            New-Object System.Security.Cryptography.X509Certificates.X509Certificate2($path, [string] '', $flags)
        }
        $usageType = [System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]
        $codeSigning = $certificate.Extensions | Where-Object { $_ -is $usageType } |
            ForEach-Object { $_.EnhancedKeyUsages } | Where-Object Value -EQ '1.3.6.1.5.5.7.3.3'
        if (-not $certificate.HasPrivateKey -or -not $codeSigning) {
            throw "$PfxPath does not hold a code-signing certificate (enhanced key usage 1.3.6.1.5.5.7.3.3) with its private key."
        }
    }
    $certificate
}

function Set-Signature([string] $Path, [hashtable] $Signing) {
    $signature = Set-AuthenticodeSignature -FilePath $Path @Signing
    if ($signature.Status -ne 'Valid') { throw "Signing $Path failed: $($signature.Status) $($signature.StatusMessage)" }
}

function Invoke-Sign {
    if ($signWith -eq 'Unsigned') { return }
    if (-not $IsWindowsPlatform) {
        throw [System.PlatformNotSupportedException]::new('Authenticode signing needs Windows (Set-AuthenticodeSignature, New-FileCatalog).')
    }
    $certificate = Get-SigningCertificate
    $signing = @{ Certificate = $certificate; HashAlgorithm = 'SHA256' }
    if ($TimestampServer) { $signing.TimestampServer = $TimestampServer.AbsoluteUri }
    else { Write-Warning 'No -TimestampServer: the signatures become invalid when the certificate expires.' }

    # What PowerShell checks under AllSigned: the module's dlls, its manifest and its format files; the helper scripts in Scripts/,
    # which an AppLocker or WDAC publisher rule then allows to run in FullLanguage (the module accepts their signature block); and
    # the session launcher, the program the user-session task starts, which such a rule must allow too (the module accepts its
    # Authenticode signature: it hashes the program as built, without the signature).
    $files = @(Get-ChildItem -Path $moduleFolder -Recurse -File -Include '*.dll', '*.exe', '*.psd1', '*.ps1xml', '*.ps1')
    foreach ($file in $files) { Set-Signature $file.FullName $signing }

    # The shipped scripts (Intune, ConfigMgr, the pilot checklist), signed as copies so the checkout is left as it is.
    $scriptsOut = Join-Path $root 'out/scripts'
    if (Test-Path $scriptsOut) { Remove-Item -LiteralPath $scriptsOut -Recurse -Force }
    Copy-Item -LiteralPath (Join-Path $root 'scripts') -Destination $scriptsOut -Recurse
    $scripts = @(Get-ChildItem -Path $scriptsOut -Recurse -File -Filter '*.ps1')
    foreach ($script in $scripts) { Set-Signature $script.FullName $signing }

    # The catalog: a SHA256 hash (catalog version 2) of every file of the module folder after signing, itself signed. It is
    # written outside the folder, as in New-FileCatalog's own example, so it never lists itself, then moved beside the manifest,
    # where Install-PSResource -AuthenticodeCheck looks for <ModuleName>.cat (Test-FileCatalog skips the catalog it validates).
    $catalog = Join-Path ([System.IO.Path]::GetTempPath()) ('TeamsRemediation-' + [guid]::NewGuid().ToString('N') + '.cat')
    $null = New-FileCatalog -Path $moduleFolder -CatalogFilePath $catalog -CatalogVersion 2.0
    Set-Signature $catalog $signing
    Move-Item -LiteralPath $catalog -Destination (Join-Path $moduleFolder 'TeamsRemediation.cat') -Force
    $check = Test-FileCatalog -Path $moduleFolder -CatalogFilePath (Join-Path $moduleFolder 'TeamsRemediation.cat')
    if ($check -ne 'Valid') { throw "The catalog does not match the module folder: Test-FileCatalog says $check." }

    Write-Output ("Signed {0} module files, {1} scripts (out/scripts) and the catalog TeamsRemediation.cat with {2} ({3})." -f
        $files.Count, $scripts.Count, $certificate.Subject, $certificate.Thumbprint)
}

function Invoke-Package {
    # The same target the xunit suite checks the package with; it packs what is laid out (and signed), never rebuilds.
    Invoke-Native 'PackModule' { dotnet msbuild (Join-Path $root 'src/TeamsRemediation/TeamsRemediation.csproj') -t:PackModule -nologo }
}

# Windows PowerShell 5.1 has no $IsWindows: it only runs on Windows.
$IsWindowsPlatform = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Build; Invoke-Test }
    'Package' { Invoke-Build; Invoke-Sign; Invoke-Package }
}
