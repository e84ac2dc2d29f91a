namespace TeamsRemediation.Demo.Steps
{
    /// <summary>
    /// Test-TeamsCaa20002 on a PC broken the way CAA20002 PCs are: a field script wrote WinHTTP's
    /// DefaultSecureProtocols without TLS 1.2 into the 32-bit view only, and Alice's Teams keeps failing with
    /// CAA20002 (event 1098 and her Teams log say so).
    /// </summary>
    public sealed class DiagnosisStep : IDemoStep
    {
        public int Order => 10;

        public string Title => "Why does Teams say CAA20002? (Test-TeamsCaa20002)";

        public void Prepare(DemoPc pc) => pc.Breaks.BreakDiagnosis();

        public void Run(DemoConsole console)
        {
            console.Say("Intune runs the detection as SYSTEM: every check, the logged-on user's evidence, nothing changed.");
            console.Type("Test-TeamsCaa20002");
            console.Say("What failed, and what fixes it:");
            console.Type("Test-TeamsCaa20002 -SkipNetwork | Where-Object Status -eq Fail | ForEach-Object { $_.CheckId + ' -> ' + $_.Remedy; " +
                "$_.Evidence | ForEach-Object { '    ' + $_ } }");
            console.Say("The last line an Intune detection script prints, and the value a ConfigMgr configuration item compares:");
            console.Type("Test-TeamsCaa20002 -SkipNetwork -As Line");
            console.Type("Test-TeamsCaa20002 -SkipNetwork -As Compliance");
        }
    }
}
