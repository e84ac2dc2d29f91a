using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Repair;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>
    /// A step's checks run again: event 1098 errors and Teams log codes the PC can fix count from the step's start, those only the
    /// user or the tenant admin can change over the caller's whole window; the diagnosis on its own keeps one window for both.
    /// </summary>
    public sealed class DiagnosisRecheckTests
    {
        private static readonly DiagnosisOptions Caller = new DiagnosisOptions { Timeout = TimeSpan.FromSeconds(5), SkipNetwork = true };

        [Fact]
        public void AfterAStepAnAdminOwnedErrorLoggedBeforeItStillCountsAndATLSErrorDoesNot()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA82F7D");
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003");
            var users = Users(s);

            var row = new DiagnosisRecheck(s.Machine, Caller).Run(new HashSet<string> { CheckIds.EvidenceAadEvents }, users,
                TimeSpan.FromMinutes(1)).Single(f => f.CheckId == CheckIds.EvidenceAadEvents);

            Assert.Equal(FindingStatus.Warning, row.Status);
            Assert.Equal(FindingOwner.TenantAdmin, row.Owner);
            Assert.StartsWith("1 Teams token error in the last 7 days: AADSTS53003", row.Summary);
            Assert.DoesNotContain("CAA82F7D", row.Summary);
        }

        [Fact]
        public void TheDiagnosisAloneCountsBothOnlyWithinItsWindow()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            BrokenPc.AadError(s, alice, "CAA20004", "AADSTS53003");

            var row = new Caa20002Diagnosis(s.Machine, new DiagnosisOptions { Timeout = Caller.Timeout, SkipNetwork = true,
                Since = TimeSpan.FromMinutes(1) }).Run(Users(s)).Single(f => f.CheckId == CheckIds.EvidenceAadEvents);

            Assert.Equal(FindingStatus.Pass, row.Status);
        }

        [Fact]
        public void AfterAStepAnAdminOwnedCodeInTheTeamsLogsBeforeItStillCountsAndATLSCodeDoesNot()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            var hourAgo = (s.Machine.Clock.UtcNow - TimeSpan.FromHours(1)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff'Z'",
                System.Globalization.CultureInfo.InvariantCulture);
            alice.WriteFile(Path.Combine(TeamsLayout.NewLogFolder(alice.Folders), "MSTeams_2026-11-27_06-00-00.00.log"),
                hourAgo + " Err TokenError CAA82F7D secure channel failure\n"
                + hourAgo + " Err TokenError AADSTS53003: Access has been blocked by Conditional Access policies\n");
            var checks = new HashSet<string> { CheckIds.EvidenceTeamsLogs };

            var row = new DiagnosisRecheck(s.Machine, Caller).Run(checks, Users(s), TimeSpan.FromMinutes(1))
                .Single(f => f.CheckId == CheckIds.EvidenceTeamsLogs);
            var alone = new Caa20002Diagnosis(s.Machine, new DiagnosisOptions { Timeout = Caller.Timeout, SkipNetwork = true,
                Since = TimeSpan.FromMinutes(1) }).Run(Users(s)).Single(f => f.CheckId == CheckIds.EvidenceTeamsLogs);

            Assert.Equal(FindingOwner.TenantAdmin, row.Owner);
            Assert.NotEqual(FindingStatus.Pass, row.Status);
            Assert.Contains(row.Evidence, e => e.Contains("AADSTS53003"));
            Assert.DoesNotContain(row.Evidence, e => e.Contains("CAA82F7D"));
            Assert.Equal(FindingStatus.Pass, alone.Status);
        }

        private static IReadOnlyList<TargetUser> Users(SimulatedSession s) => new TargetResolver(s.Machine.Users).Resolve(new TargetRequest()).Users;
    }
}
