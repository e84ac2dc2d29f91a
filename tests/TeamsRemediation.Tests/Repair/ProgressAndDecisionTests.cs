using System;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>
    /// What an admin sees while the module works: progress for the diagnosis (checks, users, the wait for the probes) and the
    /// repair (each rung), a verbose line per repair decision, and nothing of either when $ProgressPreference says so, as in an
    /// Intune or scheduled run without a console.
    /// </summary>
    public sealed class ProgressAndDecisionTests
    {
        [Fact]
        public void TheDiagnosisReportsItsChecksEachUserAndTheWaitForTheProbesThenCompletes()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);

            var result = s.Run("Test-TeamsCaa20002 -TimeoutSeconds 3");

            Assert.Null(result.Terminating);
            var mine = result.Progress.Where(p => p.Activity == "Diagnosing Teams sign-in on PC01").ToList();
            Assert.Equal(new[]
            {
                "Machine checks (TLS, network settings, clock, device)",
                @"Checks of CONTOSO\alice (user 1 of 1)",
                "Waiting for the sign-in probes of 6 endpoints (DNS, TCP, TLS, HTTP), at most 3 s",
                "Weighing the evidence (event 1098, Teams logs, dsregcmd)",
                "Done",
            }, mine.Select(p => p.StatusDescription));
            Assert.Equal(ProgressRecordType.Completed, mine.Last().RecordType);
            Assert.All(mine.SkipLast(1), p => Assert.Equal(ProgressRecordType.Processing, p.RecordType));
        }

        [Fact]
        public void TheRepairReportsEachRungAndSaysWhyEachStepRanOrNot()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);

            var result = s.Run("Repair-TeamsCaa20002 -Force -SkipNetwork -Verbose");

            Assert.Null(result.Terminating);
            var rungs = result.Progress.Where(p => p.Activity == "Repairing Teams sign-in on PC01").Select(p => p.StatusDescription).ToList();
            // Each rung's record names the ladder's length; the test takes it from the first, so it follows the ladder as it grows.
            var first = Assert.Single(rungs, r => r.StartsWith("Rung 1 of ", StringComparison.Ordinal));
            var count = first.Substring("Rung 1 of ".Length, first.IndexOf(':') - "Rung 1 of ".Length);
            Assert.All(rungs.Where(r => r.StartsWith("Rung ", StringComparison.Ordinal)), r => Assert.Contains(" of " + count + ": ", r));
            Assert.Contains("Rung 1 of " + count + ": Evidence (1 problem left)", rungs);
            Assert.Contains("Rung 5 of " + count + ": Tls (1 problem left)", rungs);
            Assert.Equal("Done", rungs.Last());
            Assert.Contains(result.Verbose, v => v.StartsWith("Machine/Tls: Done, for Fail Tls.Schannel: ", StringComparison.Ordinal));
            Assert.Contains("Clock: not run, no problem left calls for it.", result.Verbose);
            Assert.Contains("Dns: not run, no problem left calls for it.", result.Verbose);
            Assert.Contains("No problem is left: the ladder stops here.", result.Verbose);
        }

        [Fact]
        public void WithProgressPreferenceSilentlyContinueNoProgressIsWrittenAndTheRepairIsTheSame()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);

            var result = s.Run("$ProgressPreference = 'SilentlyContinue'; Repair-TeamsCaa20002 -Force -SkipNetwork -As Line");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Progress);
            Assert.StartsWith("CAA20002/1 Repair PC01 NeedsReboot exit=2 ", (string)Assert.Single(result.Output).BaseObject);
        }
    }
}
