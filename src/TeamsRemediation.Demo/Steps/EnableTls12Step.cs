namespace TeamsRemediation.Demo.Steps
{
    /// <summary>
    /// Enable-Tls12 on the PC the diagnosis found broken (WinHTTP without TLS 1.2 in the 32-bit view), plus what
    /// other field scripts leave behind: SCHANNEL's client side switched off, .NET 4 strong crypto off in the 32-bit
    /// view, and Alice's "Use TLS 1.2" unticked. Then the journal puts it all back, and a final run repairs again.
    /// </summary>
    public sealed class EnableTls12Step : IDemoStep
    {
        public int Order => 30;

        public string Title => "Turn TLS 1.2 back on, and undo it (Enable-Tls12, Undo-TeamsRemediation)";

        public void Prepare(DemoPc pc) => pc.Breaks.BreakTls();

        public void Run(DemoConsole console)
        {
            console.Say("First a preview: -WhatIf writes nothing and needs no elevation.");
            console.Type("Enable-Tls12 -WhatIf | Where-Object Action -eq Skipped | ForEach-Object { $_.Path + ' [' + $_.View + '] ' + " +
                "$_.ValueName + ': ' + $_.Reason }");
            console.Say("The Intune remediation script: machine values in both views, Alice's Internet Options in her own hive, a journal of " +
                "every change.");
            console.Type("$changes = Enable-Tls12 -Confirm:$false; $changes | Where-Object Action -ne Unchanged");
            console.Say("A second run finds nothing to do:");
            console.Type("@(Enable-Tls12 | Where-Object Action -ne Unchanged).Count");
            console.Say("Everything can be put back from the journal, exactly as it was:");
            console.Type("$changes | Undo-TeamsRemediation");
            console.Say("And repaired again for good:");
            console.Type("@(Enable-Tls12 -Confirm:$false | Where-Object Action -in 'Created','Updated').Count");
        }
    }
}
