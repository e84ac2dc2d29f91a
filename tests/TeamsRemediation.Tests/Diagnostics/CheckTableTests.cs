using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Simulation;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>The diagnosis is its table: one row for every check id, in the scope the id is listed in.</summary>
    public sealed class CheckTableTests
    {
        [Fact]
        public void EveryCheckIdHasExactlyOneRowOfItsScope()
        {
            using var machine = SimulatedPc.Create().Machine;
            var table = new CheckTable(machine, new FindingFactory(machine.ComputerName, machine.Clock.UtcNow.UtcDateTime));

            Assert.Equal(CheckIds.Machine, table.Rows.Where(r => r.Scope == CheckScope.Machine).Select(r => r.Id));
            Assert.Equal(CheckIds.PerUser, table.Rows.Where(r => r.Scope == CheckScope.PerUser).Select(r => r.Id));
        }

        [Fact]
        public void ChecksThatWaitOnTheOutsideOrOnOtherChecksRunLaterAndTheRestRunAtOnce()
        {
            using var machine = SimulatedPc.Create().Machine;
            var table = new CheckTable(machine, new FindingFactory(machine.ComputerName, machine.Clock.UtcNow.UtcDateTime));

            var later = table.Rows.Where(r => r.RunsLater).Select(r => r.Id).OrderBy(id => id).ToList();

            Assert.Equal(new[]
            {
                CheckIds.AccountDeviceJoin, CheckIds.AccountPrt, CheckIds.EvidenceAadEvents, CheckIds.NetworkClockSkew,
                CheckIds.NetworkEndpoint, CheckIds.NetworkProxy, CheckIds.TeamsCache, CheckIds.AccountVdiIdentity, CheckIds.AccountTpm,
                CheckIds.AccountDeviceState, CheckIds.TeamsTenantList,
            }.OrderBy(id => id), later);
        }
    }
}
