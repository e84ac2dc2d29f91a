using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// What every <see cref="ITpmState"/> must do: answer without throwing, with a reading whose parts agree (a lockout only from a
    /// TPM that answered, a reason whenever nothing was read). Run against the simulated TPM everywhere and against TPM Base Services on
    /// Windows, where a PC without a TPM 2.0 (or Wine, without one) answers NoTpm or Unreadable with its reason.
    /// </summary>
    public abstract class TpmStateContractTests
    {
        protected abstract ITpmState Tpm { get; }

        [ContractFact]
        public void AReadingIsConsistentAndTwoReadingsAgree()
        {
            var first = Tpm.ReadLockout();
            var second = Tpm.ReadLockout();

            Assert.Equal(first.Outcome, second.Outcome);
            if (first.Outcome == TpmStateRead.Read)
            {
                Assert.Equal(string.Empty, first.Reason);
                Assert.Equal(first.InLockout, second.InLockout);
                Assert.StartsWith("The TPM's own state", first.Describe());
            }
            else
            {
                Assert.False(first.InLockout);
                Assert.NotEqual(string.Empty, first.Reason);
                Assert.Contains(first.Reason, first.Describe());
            }
        }
    }

    public sealed class SimulatedTpmStateContractTests : TpmStateContractTests
    {
        protected override ITpmState Tpm { get; } = new SimulatedTpm();
    }

    [WindowsOnlyContract]
    public sealed class WindowsTpmStateContractTests : TpmStateContractTests
    {
        protected override ITpmState Tpm => WindowsMachine.Local.Tpm;
    }
}
