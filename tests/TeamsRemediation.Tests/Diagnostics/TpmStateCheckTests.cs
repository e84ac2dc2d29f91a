using System;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// Account.Tpm with the TPM's own lockout state beside the System log's event 1026: a lockout now is a Fail for the device from
    /// the TPM alone; a state that cannot be read leaves the check to the log and says so; an answer that is not valid never reads as a
    /// lockout; nothing is ever changed on the TPM.
    /// </summary>
    public sealed class TpmStateCheckTests
    {
        private static TeamsCaa20002Finding Tpm(SimulatedSession s) =>
            Finding(s.Run("Test-TeamsCaa20002 -CheckId Account.Tpm -SkipNetwork"), CheckIds.AccountTpm);

        private static SimulatedSession Pc()
        {
            var s = new SimulatedSession();
            HealthyUser(s);
            s.Pc.RunAsSystem();
            return s;
        }

        [Fact]
        public void AHealthyTpmPassesAndSaysItIsNotInLockoutNow()
        {
            using var s = Pc();

            var finding = Tpm(s);

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.EndsWith("; the TPM is not in lockout now.", finding.Summary);
            Assert.Contains(finding.Evidence, e => e.StartsWith("The TPM's own state (TPM2_GetCapability through TPM Base Services): not in "
                + "lockout, 0 failed authorizations counted of 32 allowed"));
            Assert.Equal(1, s.Machine.SimulatedTpm.Reads);
        }

        [Fact]
        public void ATpmInLockoutNowFailsForTheDeviceWithoutAnyEventAndNothingIsChanged()
        {
            using var s = Pc();
            s.Machine.SimulatedTpm.LockedOut();

            var finding = Tpm(s);

            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Equal(FindingOwner.Device, finding.Owner);
            Assert.StartsWith("The TPM is in dictionary-attack lockout now (32 failed authorizations counted of 32)", finding.Summary);
            Assert.Contains(finding.Evidence, e => e.Contains(": in lockout, 32 failed authorizations"));
            Assert.Contains("Not changed by this module", finding.Remedy);
            Assert.True(s.Machine.SimulatedTpm.InLockout);
            Assert.DoesNotContain(s.Machine.CommandRunner.Calls, c => c.IndexOf("tpm", StringComparison.OrdinalIgnoreCase) >= 0);
        }

        [Fact]
        public void AnUnreadableStateLeavesTheVerdictToTheLogAndSaysItCouldNotReadTheState()
        {
            using var s = Pc();
            s.Machine.SimulatedTpm.Refused = "TPM Base Services refused a context: TBS_E_SERVICE_NOT_RUNNING (0x80284008).";

            var healthy = Tpm(s);
            Assert.Equal(FindingStatus.Pass, healthy.Status);
            Assert.Contains("the TPM's own lockout state could not be read (TPM Base Services refused a context", healthy.Summary);
            Assert.Contains(healthy.Evidence, e => e.StartsWith("The TPM's own lockout state could not be read: TPM Base Services"));

            s.Pc.TpmLockout(TimeSpan.FromHours(3));
            var locked = Tpm(s);
            Assert.Equal(FindingStatus.Fail, locked.Status);
            Assert.Contains("(TPM-WMI event 1026)", locked.Summary);
            Assert.Contains(locked.Evidence, e => e.StartsWith("The TPM's own lockout state could not be read"));
        }

        [Fact]
        public void AnAnswerThatIsNotValidIsNeverALockout()
        {
            using var s = Pc();

            // inLockout set, but the answer's size field does not match its length: a broken or tampered driver.
            var answer = Tpm2LockoutQuery.Answer(Tpm2LockoutQuery.InLockoutBit, 32, 32, 7200);
            answer[5]++;
            s.Machine.SimulatedTpm.RawAnswer = answer;

            var finding = Tpm(s);

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.Contains("could not be read", finding.Summary);
            Assert.Contains(finding.Evidence, e => e.Contains("says it is 156 bytes but is 155"));
        }

        [Fact]
        public void WhenTheLogCannotBeReadTheTpmsStateStillGivesAVerdictAndBothUnreadableIsSkippedWithBothReasons()
        {
            using var s = Pc();
            s.Machine.SimulatedEvents.SystemLogFailureReason = "The System log could not be read: access denied.";

            var fromTheTpm = Tpm(s);
            Assert.Equal(FindingStatus.Pass, fromTheTpm.Status);
            Assert.StartsWith("The TPM is not in lockout now", fromTheTpm.Summary);
            Assert.Contains("System log could not be read", fromTheTpm.Summary);

            s.Machine.SimulatedTpm.LockedOut();
            Assert.Equal(FindingStatus.Fail, Tpm(s).Status);

            s.Machine.SimulatedTpm.Refused = "tbs.dll (TPM Base Services) is not on this system.";
            var neither = Tpm(s);
            Assert.Equal(FindingStatus.Skipped, neither.Status);
            Assert.Contains("access denied", neither.SkipReason);
            Assert.Contains("tbs.dll", neither.SkipReason);
        }

        [Fact]
        public void APcWithoutATpm2PassesFromTheLogAndSaysSoButIsSkippedWithoutTheLog()
        {
            using var s = Pc();
            s.Machine.SimulatedTpm.Absent = true;

            var finding = Tpm(s);

            Assert.Equal(FindingStatus.Pass, finding.Status);
            Assert.EndsWith("; no TPM 2.0 was found to ask.", finding.Summary);
            Assert.Contains(finding.Evidence, e => e.StartsWith("No TPM 2.0 was found (TBS_E_TPM_NOT_FOUND); a TPM 1.2"));

            // Without the log, no TPM 2.0 is no verdict: a TPM 1.2 would not have been asked.
            s.Machine.SimulatedEvents.SystemLogFailureReason = "The System log could not be read: access denied.";
            Assert.Equal(FindingStatus.Skipped, Tpm(s).Status);
        }
    }
}
