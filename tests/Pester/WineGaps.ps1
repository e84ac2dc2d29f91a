# Dot-sourced by PesterSupport.ps1, after $IsWindowsPlatform: how the suites tell Wine (the Windows leg, .ci/wine)
# from Windows, and skip what Wine does not implement with the gap named.

# Whether this PowerShell runs under Wine (the Windows leg, .ci/wine): Wine's ntdll exports wine_get_version and
# Windows' never does (Wine's FAQ), the same test as the xunit suite's Platform/Wine.cs. Windows PowerShell 5.1 has no
# NativeLibrary, and never runs under Wine here (Wine has no .NET Framework).
$IsWine = $false
if ($IsWindowsPlatform -and $PSVersionTable.PSEdition -eq 'Core') {
    $wineGetVersion = [IntPtr]::Zero
    $IsWine = [System.Runtime.InteropServices.NativeLibrary]::TryGetExport(
        [System.Runtime.InteropServices.NativeLibrary]::Load('ntdll.dll'), 'wine_get_version', [ref] $wineGetVersion)
}

function Skip-TestUnderWine {
    <#
    .SYNOPSIS
        First line of a real-PC test that needs what Wine does not implement: under Wine the test is skipped with the
        gap named, on Windows it runs. TEAMSREMEDIATION_WINE_GAPS=run runs it under Wine too, to see whether a newer
        Wine has closed the gap (as for the xunit suite's Wine gaps).
    #>
    param([Parameter(Mandatory = $true)] [string] $WineGap)
    if ($IsWine -and $env:TEAMSREMEDIATION_WINE_GAPS -ne 'run') {
        Set-ItResult -Skipped -Because "Wine gap: $WineGap"
    }
}
