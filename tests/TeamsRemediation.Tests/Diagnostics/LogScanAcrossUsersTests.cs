using System;
using System.Globalization;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>Every user's logs are scanned at once; each finding still holds only that user's codes.</summary>
    public sealed class LogScanAcrossUsersTests
    {
        [Fact]
        public void EachUsersFindingHoldsOnlyTheCodesOfTheirOwnLogs()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            // Within the default -Since of the diagnosis, whatever day the test runs and wherever the PC's clock is set.
            var hourAgo = machine.Clock.UtcNow.UtcDateTime.AddHours(-1);
            var iso = hourAgo.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var classic = hourAgo.ToString("ddd MMM dd yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " GMT+0000";
            var lines = new[]
            {
                iso + " Err AuthenticationManager: acquireToken failed with CAA20002 (AADSTS90014)",
                classic + " <3412> -- error -- ADAL error: 0xcaa82ee7 name not resolved",
                iso + " Inf CallingService: heartbeat ok",
            };
            var users = new List<TargetUser>();
            for (var u = 0; u < 12; u++)
            {
                var user = pc.AddUser("user" + u);
                var logs = TeamsLayout.LogPath(TeamsClient.New, user.Folders);
                Directory.CreateDirectory(logs);
                user.WriteFile(Path.Combine(logs, SimulatedUser.NewTeamsLogFileName(hourAgo)),
                    string.Join("\n", Enumerable.Repeat(lines[u % 3], 500)) + "\n");
                users.Add(new TargetUser(user.Sid, user.UserName, user.Folders, true, false, user.SessionId));
            }

            var options = new DiagnosisOptions { SkipNetwork = true, CheckIds = new HashSet<string> { CheckIds.EvidenceTeamsLogs } };
            var findings = new Caa20002Diagnosis(pc.Machine, options).Run(users);

            Assert.Equal(users.Select(u => u.Sid), findings.Select(f => f.UserSid));
            for (var u = 0; u < users.Count; u++)
            {
                var evidence = string.Join("\n", findings[u].Evidence);
                Assert.Equal(u % 3 == 0, evidence.Contains("CAA20002", StringComparison.Ordinal));
                Assert.Equal(u % 3 == 1, evidence.Contains("CAA82EE7", StringComparison.OrdinalIgnoreCase));
                Assert.Equal(u % 3 == 2 ? FindingStatus.Pass : FindingStatus.Fail, findings[u].Status);
                Assert.StartsWith("1 log file, ", findings[u].Evidence[0]);
            }
        }
    }
}
