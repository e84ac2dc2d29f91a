using TeamsRemediation.Simulation;

namespace TeamsRemediation.Demo.Steps
{
    /// <summary>
    /// A stale work account: WAM holds Alice's Teams account from before, classic Teams left its ADAL credentials,
    /// and an old Office setting turns WAM off. Windows' answers (dsregcmd, cmdkey, the WAM and broker scripts in
    /// Windows PowerShell 5.1) are recorded, as the tests record them.
    /// </summary>
    public sealed class WorkAccountStep : IDemoStep
    {
        public int Order => 40;

        public string Title => "Reconnect the work account the way Microsoft does";

        public void Prepare(DemoPc demo)
        {
            demo.Breaks.BreakWorkAccount();

            // Alice's own session: the one-shot task started there runs the module for real, as her, with Windows' answers for her.
            var aliceSession = new UserSessionPlayer(demo.Machine, demo.Alice);
            BrokenDemoPc.RecordAccountAnswers(aliceSession.Machine);
            aliceSession.Play(demo.Machine);
            demo.AliceSession = aliceSession.Machine;
        }

        public void Run(DemoConsole console)
        {
            console.Say("As SYSTEM (Intune's default): see first. WAM, the broker and Credential Manager belong to Alice's session; "
                + "-WhatIf starts nothing there.");
            console.Type("Reset-TeamsWorkAccount -RemoveWamOverrides -WhatIf");
            console.Say("Remove the value that turns WAM off (as SYSTEM, journaled for Undo-TeamsRemediation). The WAM sign-out, the broker "
                + "check and the credentials run in Alice's own session through a one-shot task; RanAs says who ran each step.");
            console.Type("Reset-TeamsWorkAccount -Force -RemoveWamOverrides");
        }
    }
}
