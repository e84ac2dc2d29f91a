using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Account;
using TeamsRemediation.Tests.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>
    /// Every default view rendered by Out-Default in a 120-column host, the width of a default Windows console:
    /// the columns that tell one row from another must be readable there.
    /// </summary>
    public sealed class DefaultViewTests
    {
        private const int ConsoleWidth = 120;

        private static string Render(SimulatedMachine machine, string script, params object[] args)
        {
            using var session = new ModuleSession(machine, ConsoleWidth);
            var text = session.Show(script, args);
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            // The tables are what the views shape; ShouldProcess messages are the host's own lines and wrap in a console.
            var tableLines = lines.Where(l => !l.StartsWith("What if:", StringComparison.Ordinal) && !l.StartsWith("WARNING:",
                StringComparison.Ordinal));
            Assert.All(tableLines, l => Assert.True(l.Length <= ConsoleWidth, "Wider than the console: " + l));
            return text;
        }

        private static string HeaderLine(string text, string firstLabel) =>
            text.Split('\n').Select(l => l.TrimEnd('\r')).First(l => l.TrimStart().StartsWith(firstLabel, StringComparison.Ordinal));

        [Fact]
        public void TheInstallationViewShowsUserClientAndCachePath()
        {
            var pc = new DemoPc();
            using var _ = pc.Machine;

            var text = Render(pc.Machine, "Get-TeamsInstallation -AllUsers");

            var header = HeaderLine(text, "User");
            foreach (var label in new[] { "User", "Client", "Version", "Installed", "Running", "Cache(MB)", "CachePath" })
            {
                Assert.Contains(label, header);
            }

            var rows = text.Split('\n').Select(l => Regex.Replace(l, " +", " ")).ToList();
            Assert.Contains(rows, r => r.StartsWith(@"CONTOSO\alice New ", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.StartsWith(@"CONTOSO\alice Classic ", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.StartsWith(@"CONTOSO\bob Classic ", StringComparison.Ordinal));
        }

        [Fact]
        public void TheFindingViewShowsEveryCheckIdInFull()
        {
            var pc = new DemoPc();
            using var _ = pc.Machine;

            var text = Render(pc.Machine, "Test-TeamsCaa20002 -SkipNetwork");

            Assert.Contains("Summary", HeaderLine(text, "Status"));
            foreach (var id in CheckIds.All)
            {
                Assert.Contains(id, text);
            }

            Assert.Contains(@"CONTOSO\alice", text);
        }

        [Fact]
        public void TheResetStepViewShowsStepStatusAndDetail()
        {
            var pc = SimulatedPc.Create("PC01");
            using var _ = pc.Machine;
            var alice = pc.AddUser("alice", loggedOn: true).InstallNewTeams();
            pc.RunAs(alice, elevated: false);
            AccountPc.RecordHealthyUser(pc.Machine);

            var text = Render(pc.Machine, "Reset-TeamsWorkAccount -WhatIf");

            Assert.Contains("Detail", HeaderLine(text, "Step"));
            // Who ran each step, and in which session (the steps run from SYSTEM in a user's session show that user).
            Assert.Contains("RanAs", HeaderLine(text, "Step"));
            Assert.Contains(@"CONTOSO\alice (1)", text);
            Assert.Contains("TokenBrokerAccounts ", text);
            foreach (var step in new[] { "WamAccounts", "Credentials", "NextAction" })
            {
                Assert.Contains(step, text);
            }

            Assert.Contains("WhatIf", text);
        }

        [Fact]
        public void TheCacheViewShowsUserClientStatusAndCounts()
        {
            var pc = new DemoPc();
            using var _ = pc.Machine;

            var text = Render(pc.Machine, "Clear-TeamsCache -AllUsers -Client All -WhatIf");

            var header = HeaderLine(text, "User");
            foreach (var label in new[] { "Client", "Status", "Files", "Freed(MB)", "Failed", "Stopped", "BackupPath" })
            {
                Assert.Contains(label, header);
            }

            Assert.Contains(@"CONTOSO\alice", text);
            Assert.Contains(@"CONTOSO\bob", text);
            Assert.Contains("Classic", text);
            Assert.Contains("New", text);
        }

        [Fact]
        public void TheTlsViewShowsTheSchannelClientRowsByPathAndNoServerRow()
        {
            var pc = SimulatedPc.Create("PC01");
            using var _ = pc.Machine;
            pc.RunAsSystem();
            TlsPc.InstallDotNet(pc.Machine);
            TlsPc.DisableTls12OnMachine(pc.Machine);

            var text = Render(pc.Machine, "Enable-Tls12 -Scope Machine -Confirm:$false");

            var header = HeaderLine(text, "Action");
            foreach (var label in new[] { "View", "ValueName", "OldValue", "NewValue", "Reboot", "Path" })
            {
                Assert.Contains(label, header);
            }

            // Old and new value side by side in full: the DWORD is what the repair changed.
            var enabledClient = @"^Updated .* Enabled +0x00000000 +0x00000001 +True +\.\.\..*TLS 1\.2\\Client\s*$";
            Assert.True(text.Split('\n').Any(l => Regex.IsMatch(l, enabledClient)), "No full old and new value in:\n" + text);
            var rows = text.Split('\n').Where(l => l.Contains("DisabledByDefault")).ToList();
            Assert.Contains(rows, r => r.TrimEnd().EndsWith(@"TLS 1.2\Client", StringComparison.Ordinal));
            // The Server key is not Enable-Tls12's (inbound TLS; an admin may have turned it off on purpose): no row for it.
            Assert.DoesNotContain(text.Split('\n'), l => l.TrimEnd().EndsWith(@"TLS 1.2\Server", StringComparison.Ordinal));
            Assert.Contains(text.Split('\n'), l => l.Contains("32-bit") && l.TrimEnd().EndsWith("v4.0.30319", StringComparison.Ordinal));
        }

        [Fact]
        public void TheRestoreViewLeavesRoomForTheDetailAndKeepsTheEndOfTheTarget()
        {
            var pc = SimulatedPc.Create("PC01");
            using var _ = pc.Machine;
            pc.RunAsSystem();
            TlsPc.Set(pc.Machine, TlsPc.SchannelClient, "Enabled", RegistryValue.DWord(0));
            string journal;
            using (var session = new ModuleSession(pc.Machine, ConsoleWidth))
            {
                journal = session.Invoke("@(Enable-Tls12 -Scope Machine | Where-Object JournalPath)[0].JournalPath").Single().ToString()!;
            }

            TlsPc.Set(pc.Machine, TlsPc.SchannelClient, "Enabled", RegistryValue.DWord(5));

            var text = Render(pc.Machine, "Undo-TeamsRemediation -Journal '" + journal.Replace("'", "''") + "'");

            Assert.Contains("Detail", HeaderLine(text, "Status"));
            var row = text.Split('\n').Single(l => l.StartsWith("Conflict", StringComparison.Ordinal));
            Assert.Contains(@"TLS 1.2\Client", row);
            Assert.Contains("Changed since the run: now", row);
            Assert.Matches(@"\(64-bit\) +0x00000000 +Changed", row);
        }
    
        [Fact]
        public void TheFleetViewsShowCauseOwnerAndCountsAndEachDeviceBeforeAndAfter()
        {
            var lines = new object[]
            {
                "CAA20002/1 Test DESKTOP-0001234 NonCompliant exit=1 dropped=0 | Fail Evidence.AadEvents Device CAA20002 CONTOSO\\alice"
                    + " | Warning Evidence.TeamsLogs TenantAdmin AADSTS53003 CONTOSO\\alice",
                "CAA20002/1 Repair DESKTOP-0001234 NeedsAdmin+Restart exit=3 dropped=0 restart=yes report=-"
                    + " | Warning Evidence.TeamsLogs TenantAdmin AADSTS53003 CONTOSO\\alice",
            };
            var pc = SimulatedPc.Create("PC01");
            using var _ = pc.Machine;

            var causes = Render(pc.Machine, "$args | ConvertFrom-TeamsRemediationOutput | Get-TeamsRemediationFleetSummary", lines);
            var devices = Render(pc.Machine, "$args | ConvertFrom-TeamsRemediationOutput | Get-TeamsRemediationFleetSummary -ByDevice", lines);
            var rows = Render(pc.Machine, "$args | ConvertFrom-TeamsRemediationOutput", lines);

            foreach (var label in new[] { "Cause", "Owner", "Devices", "Fixed", "Recurred", "Restart", "Admin", "NotFixed", "NewestDevices" })
            {
                Assert.Contains(label, HeaderLine(causes, "Cause"));
            }

            Assert.Contains("Evidence.TeamsLogs AADSTS53003 TenantAdmin 1 0 0 0 1 0 DESKTOP-0001234", Regex.Replace(causes, " +", " "));
            Assert.Contains("Evidence.AadEvents CAA20002 Device 1 1 0 0 0 0 DESKTOP-0001234", Regex.Replace(causes, " +", " "));
            var device = Regex.Replace(devices, " +", " ");
            Assert.Contains("DESKTOP-0001234 NeedsAdmin NeedsAdmin+Restart Evidence.AadEvents CAA20002", device);
            Assert.Contains("Evidence.TeamsLogs AADSTS53003", device.Substring(device.IndexOf("DESKTOP-0001234", System.StringComparison.Ordinal)));
            Assert.Contains(@"DESKTOP-0001234 CONTOSO\alice Pre Fail Evidence.AadEvents CAA20002 Device NonCompliant",
                Regex.Replace(rows, " +", " "));
        }
}
}
