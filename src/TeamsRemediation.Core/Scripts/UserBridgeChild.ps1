<#
    Runs one TeamsRemediation command in the logged-on user's own session, started there by the user bridge's
    one-shot task, and writes what the command returned to result.json in the run folder, in the shape
    TeamsRemediation.UserBridge.BridgeResultDocument documents.

    Started as a file (powershell.exe -File) from the module's Scripts folder, so an AppLocker or WDAC policy that allows the
    module's signed scripts runs it in FullLanguage. The command's parameters are in the run folder's request file (written
    by the bridge, readable by this user only), since -File passes each value as one string.

    Must work under Constrained Language Mode (a policy that does not allow this script), so that the bridge learns why a
    session refused the module instead of getting nothing: no .NET method calls except on strings and dates, no new types,
    and the JSON is built by hand (the result must be written even when the module could not be imported).
#>
param(
    [string] $RunId,
    [string] $ModuleManifest,
    [string] $ResultPath,
    [string] $CommandName,
    [string] $RequestPath
)

$ErrorActionPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'

function ConvertTo-BridgeJsonText([object] $Text) {
    if ($null -eq $Text) { return 'null' }
    $escaped = ([string]$Text) -replace '\\', '\\' -replace '"', '\"' -replace "`r", '\r' -replace "`n", '\n' -replace "`t", '\t'
    # The other control characters cannot appear raw in JSON; they carry no meaning in the module's text.
    $escaped = $escaped -replace '[\x00-\x1f]', ' '
    return '"' + $escaped + '"'
}

function Get-BridgeKind([object] $Value, [string] $TypeName) {
    if ($null -eq $Value) { return 'Null' }
    if ($Value -is [bool]) { return 'Boolean' }
    if ($Value -is [datetime]) { return 'DateTime' }
    if ($Value -is [array]) { return 'StringArray' }
    if ($TypeName -match '^System\.(U?Int(16|32|64)|S?Byte|Double|Single|Decimal)$') { return 'Number' }
    return 'String'
}

function ConvertTo-BridgeValueText([object] $Value, [string] $Kind) {
    switch ($Kind) {
        'Null' { return 'null' }
        'StringArray' { return 'null' }
        'Boolean' { if ($Value) { return '"true"' } else { return '"false"' } }
        'DateTime' { return ConvertTo-BridgeJsonText ($Value.ToUniversalTime().ToString('o')) }
        default { return ConvertTo-BridgeJsonText ([string]$Value) }
    }
}

function ConvertTo-BridgeJsonProperty([string] $Name, [object] $Value, [string] $TypeName) {
    $kind = Get-BridgeKind -Value $Value -TypeName $TypeName
    $values = 'null'
    if ($kind -eq 'StringArray') {
        $values = '[' + ((@($Value) | ForEach-Object { ConvertTo-BridgeJsonText ([string]$_) }) -join ',') + ']'
    }

    return '{"name":' + (ConvertTo-BridgeJsonText $Name) + ',"kind":"' + $kind + '","value":' + (ConvertTo-BridgeValueText $Value $kind) +
        ',"values":' + $values + '}'
}

function ConvertTo-BridgeJsonObject([object] $InputObject) {
    $typeName = $InputObject.PSObject.TypeNames[0]
    $head = '{"typeName":' + (ConvertTo-BridgeJsonText $typeName)
    $plain = $InputObject -is [string] -or $InputObject -is [bool] -or $InputObject -is [int] -or $InputObject -is [long]
    if ($plain -or $InputObject -is [datetime]) {
        # A plain value (a summary line): carried as one value of its kind.
        $kind = Get-BridgeKind -Value $InputObject -TypeName $typeName
        return $head + ',"kind":"' + $kind + '","value":' + (ConvertTo-BridgeValueText $InputObject $kind) + ',"properties":null}'
    }

    $properties = foreach ($property in $InputObject.PSObject.Properties) {
        if ($property.MemberType -eq 'Property' -or $property.MemberType -eq 'NoteProperty') {
            ConvertTo-BridgeJsonProperty -Name $property.Name -Value $property.Value -TypeName $property.TypeNameOfValue
        }
    }

    return $head + ',"kind":"Object","value":null,"properties":[' + (@($properties) -join ',') + ']}'
}

function ConvertTo-BridgeJsonError([object] $Record) {
    $message = $Record.Exception.Message
    $action = ''
    if ($null -ne $Record.ErrorDetails) {
        if ($Record.ErrorDetails.Message) { $message = $Record.ErrorDetails.Message }
        $action = $Record.ErrorDetails.RecommendedAction
    }

    $target = ''
    if ($null -ne $Record.TargetObject) { $target = [string]$Record.TargetObject }
    return '{"errorId":' + (ConvertTo-BridgeJsonText $Record.FullyQualifiedErrorId) +
        ',"category":' + (ConvertTo-BridgeJsonText ([string]$Record.CategoryInfo.Category)) +
        ',"message":' + (ConvertTo-BridgeJsonText $message) + ',"recommendedAction":' + (ConvertTo-BridgeJsonText $action) +
        ',"target":' + (ConvertTo-BridgeJsonText $target) + '}'
}

# Measured here, inside the script file: the mode the policy gave this file, which is what the bridge reports.
$languageMode = [string]$ExecutionContext.SessionState.LanguageMode
$objects = @()
$records = @()
$commandErrors = @()
try {
    $request = Get-Content -LiteralPath $RequestPath -Raw -Encoding UTF8 -ErrorAction Stop | ConvertFrom-Json -ErrorAction Stop
    if ([string]$request.runId -ne $RunId) { throw "The request file $RequestPath is not the request of the run $RunId." }
    $ParameterNames = @($request.parameterNames)
    $ParameterValues = @($request.parameterValues)
    $SwitchNames = @($request.switchNames)
    $parameters = @{}
    for ($index = 0; $index -lt $ParameterNames.Count; $index++) {
        # A name given again is a list parameter: its values are gathered into an array, never joined into one string.
        $name = $ParameterNames[$index]
        if ($parameters.ContainsKey($name)) { $parameters[$name] = @($parameters[$name]) + @($ParameterValues[$index]) }
        else { $parameters[$name] = $ParameterValues[$index] }
    }
    foreach ($name in $SwitchNames) { $parameters[$name] = $true }

    $module = @(Import-Module -Name $ModuleManifest -PassThru -ErrorAction Stop)[0]
    # Module-qualified, so a function or alias of the same name in this session can never stand in for it.
    $objects = @(& ($module.Name + '\' + $CommandName) @parameters -ErrorAction SilentlyContinue -ErrorVariable commandErrors)
    $records = @($commandErrors)
}
catch {
    # A terminating error may already be in the error variable: it is reported once.
    $records = @($commandErrors)
    if ($records.Count -eq 0 -or $records[-1].FullyQualifiedErrorId -ne $_.FullyQualifiedErrorId) { $records += $_ }
}

$json = '{"schema":"TeamsRemediation.UserBridgeResult/1","runId":' + (ConvertTo-BridgeJsonText $RunId) +
    ',"languageMode":' + (ConvertTo-BridgeJsonText $languageMode) + ',"psVersion":' + (ConvertTo-BridgeJsonText ([string]$PSVersionTable.PSVersion)) +
    ',"objects":[' + ((@($objects) | ForEach-Object { ConvertTo-BridgeJsonObject $_ }) -join ',') + ']' +
    ',"errors":[' + ((@($records) | ForEach-Object { ConvertTo-BridgeJsonError $_ }) -join ',') + ']' +
    ',"end":' + (ConvertTo-BridgeJsonText $RunId) + '}'

# The bridge reads the file only once this process has ended, so one write is enough.
Set-Content -LiteralPath $ResultPath -Value $json -Encoding UTF8
