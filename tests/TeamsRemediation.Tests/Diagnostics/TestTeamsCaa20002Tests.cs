using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Authentication;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Network;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>Test-TeamsCaa20002 in a real engine against a simulated PC, with real servers on 127.0.0.1 where the network is the point.</summary>
    public sealed class TestTeamsCaa20002Tests
    {
        private const string Cmd = "TeamsRemediation.Commands.TestTeamsCaa20002Command";

        internal static TeamsCaa20002Finding Finding(ScriptResult result, string checkId, SimulatedUser? user = null) =>
            Assert.Single(result.Objects<TeamsCaa20002Finding>(),
                f => f.CheckId == checkId && (user == null ? f.UserSid.Length == 0 : f.UserSid == user.Sid));

        internal static SimulatedUser HealthyUser(SimulatedSession s, string name = "alice", bool loggedOn = true, bool hiveLoaded = true)
        {
            var user = s.Pc.AddUser(name, loggedOn: loggedOn, hiveLoaded: hiveLoaded).InstallNewTeams();
            s.Machine.SimulatedRegistry.CreateKey(new RegistryKeyPath(RegistryHive.LocalMachine,
                TeamsLayout.AppxAllUserStorePath + "\\" + user.Sid + "\\Microsoft.AAD.BrokerPlugin_1000.19580.1000.0_neutral_neutral_cw5n1h2txyewy"));
            return user;
        }

        internal static void RecordDsregcmd(SimulatedSession s) => s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0,
            Fixture.Text("dsregcmd-status.txt")), "/status");

        private static RegistryKeyPath Hklm(string path, RegistryView view = RegistryView.Registry64) =>
            new RegistryKeyPath(RegistryHive.LocalMachine, path, view);

        [Fact]
        public void AHealthyPcPassesEveryCheckAndQuietSaysTrue()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            RecordDsregcmd(s);
            s.Pc.RunAsSystem();

            var result = s.Run("Test-TeamsCaa20002");

            Assert.Empty(result.Errors);
            var findings = result.Objects<TeamsCaa20002Finding>().ToList();
            Assert.Equal(CheckIds.All.Count(), findings.Count);
            Assert.DoesNotContain(findings, f => f.Status == FindingStatus.Fail);
            Assert.All(findings, f => Assert.Equal("PC01", f.ComputerName));
            Assert.Equal(true, Assert.Single(s.Run("Test-TeamsCaa20002 -Quiet").Output).BaseObject);
            Assert.Equal("Compliant", Assert.Single(s.Run("Test-TeamsCaa20002 -As Compliance").Output).BaseObject);
        }

        [Theory]
        [InlineData(TlsRegistryLocations.SchannelTls12 + @"\Client", "Enabled", 0u, "Tls.Schannel", FindingStatus.Fail)]
        [InlineData(TlsRegistryLocations.SchannelTls12 + @"\Client", "Enabled", 0xFFFFFFFFu, "Tls.Schannel", FindingStatus.Pass)]
        [InlineData(TlsRegistryLocations.SchannelTls12 + @"\Client", "DisabledByDefault", 1u, "Tls.Schannel", FindingStatus.Fail)]
        [InlineData(TlsRegistryLocations.WinHttp, "DefaultSecureProtocols", 0x2A00u, "Tls.WinHttp", FindingStatus.Pass)]
        [InlineData(TlsRegistryLocations.WinHttp, "DefaultSecureProtocols", 0x0280u, "Tls.WinHttp", FindingStatus.Fail)]
        [InlineData(TlsRegistryLocations.DotNet4, "SchUseStrongCrypto", 0u, "Tls.DotNet", FindingStatus.Warning)]
        [InlineData(TlsRegistryLocations.DotNet2, "SystemDefaultTlsVersions", 1u, "Tls.DotNet", FindingStatus.Pass)]
        public void EachTlsRegistryStateIsJudgedInTheViewItWasWrittenTo(string path, string name, uint value, string checkId, FindingStatus expected)
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            // Written to the 32-bit view only, as a 32-bit script would: a 64-bit-only reader would call this PC fine.
            s.Machine.SimulatedRegistry.SetValue(Hklm(path, RegistryView.Registry32), name, RegistryValue.DWord(value));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Tls.*"), checkId);

            Assert.Equal(expected, finding.Status);
            Assert.Contains(finding.Evidence, e => e.Contains("[32-bit]") && e.Contains(name) && e.Contains(value.ToString("X8")));
            Assert.Equal(expected == FindingStatus.Pass ? string.Empty : "Enable-Tls12 (restart Windows afterwards)", finding.Remedy);
        }

        [Fact]
        public void AValueWrittenAsAStringOrMisspelledIsAWarningBecauseWindowsIgnoresIt()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.SimulatedRegistry.SetValue(Hklm(TlsRegistryLocations.SchannelTls12 + @"\Client"), "Enabled", RegistryValue.String("1"));
            s.Machine.SimulatedRegistry.SetValue(Hklm(TlsRegistryLocations.SchannelTls12 + @"\Client"), "DisableByDefault", RegistryValue.DWord(0));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Tls.Schannel"), "Tls.Schannel");

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.Contains(finding.Evidence, e => e.Contains("'1' (REG_SZ)") && e.Contains("Windows ignores it"));
            Assert.Contains(finding.Evidence, e => e.Contains("DisableByDefault") && e.Contains("misspelled"));
        }

        [Fact]
        public void InternetOptionsAreReadInTheTargetUsersHiveAndAPolicyIsReportedNotFought()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            var bob = HealthyUser(s, "bob", loggedOn: true);
            alice.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA0));
            bob.SetUserValue(TlsRegistryLocations.UserInternetSettings, "SecureProtocols", RegistryValue.DWord(0xA80));
            bob.SetUserValue(TlsRegistryLocations.PolicyInternetSettings, "SecureProtocols", RegistryValue.DWord(0x80));
            s.Pc.RunAsSystem();

            var result = s.Run("Test-TeamsCaa20002 -CheckId Tls.InternetOptions");

            var forAlice = Finding(result, "Tls.InternetOptions", alice);
            Assert.Equal(FindingStatus.Fail, forAlice.Status);
            Assert.Equal("Enable-Tls12 -UserSid " + alice.Sid + " -Scope User", forAlice.Remedy);
            Assert.Contains(forAlice.Evidence, e => e.StartsWith(@"HKU\" + alice.Sid) && e.Contains("SSL 3.0, TLS 1.0"));
            var forBob = Finding(result, "Tls.InternetOptions", bob);
            Assert.Equal(FindingStatus.Fail, forBob.Status);
            Assert.StartsWith("Change the Group Policy", forBob.Remedy);
        }

        [Fact]
        public void AUserWhoseHiveIsNotLoadedIsSkippedWithTheReasonAndTheOtherChecksStillReport()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            var bob = HealthyUser(s, "bob", loggedOn: false, hiveLoaded: false);

            var result = s.Run("Test-TeamsCaa20002 -UserName bob -SkipNetwork");

            var tls = Finding(result, "Tls.InternetOptions", bob);
            Assert.Equal(FindingStatus.Skipped, tls.Status);
            Assert.Contains("hive is not loaded", tls.SkipReason);
            Assert.Equal(FindingStatus.Skipped, Finding(result, "Account.WamPolicy", bob).Status);
            Assert.Equal(FindingStatus.Pass, Finding(result, "Teams.Client", bob).Status);
        }

        [Fact]
        public void AsSystemThePrtIsSkippedWithTheReasonAndAsTheUserItFailsWithTheServerError()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            RecordDsregcmd(s);
            s.Pc.RunAsSystem();

            var asSystem = Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Account.* -SkipUserSession"), "Account.Prt", alice);
            Assert.Equal(FindingStatus.Skipped, asSystem.Status);
            Assert.Contains(@"NT AUTHORITY\SYSTEM", asSystem.SkipReason);
            Assert.Contains("logged-on credentials", asSystem.SkipReason);

            s.Pc.RunAs(alice, elevated: false);
            var asUser = s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Account.*");
            var prt = Finding(asUser, "Account.Prt", alice);
            // AADSTS50126 (wrong password) is the user's to fix: a warning owned by the user, with the guide's advice and
            // no device remedy (resetting the work account would not help and signs the user out).
            Assert.Equal(FindingStatus.Warning, prt.Status);
            Assert.Contains("invalid_grant", prt.Summary);
            Assert.Contains(prt.Evidence, e => e == "AADSTS50126 invalid user name or password");
            Assert.Equal(TeamsRemediation.Codes.FindingOwner.User, prt.Owner);
            Assert.StartsWith("Sign in with the current password; after a password change, lock and unlock Windows with the new one", prt.Remedy);
            Assert.Equal("Hybrid Entra joined.", Finding(asUser, "Account.DeviceJoin").Summary);
        }

        // A dsregcmd that hangs "did not finish": in time for its own timeout, or within the run's deadline when a busy machine
        // reports its timeout after that (either way the reason, never a race on which of the two words come first).
        [Theory]
        [InlineData("missing", "is not on this machine")]
        [InlineData("timeout", "did not finish")]
        [InlineData("exit", "exited with code 1")]
        [InlineData("localized", "no Device State")]
        public void DsregcmdThatCannotAnswerIsSkippedWithTheReason(string how, string reason)
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Pc.RunAs(alice, elevated: false);
            switch (how)
            {
                case "timeout":
                    s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, Fixture.Text("dsregcmd-status.txt")),
                        takes: TimeSpan.FromMinutes(5));
                    break;
                case "exit":
                    s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(1, string.Empty, "The device is busy."));
                    break;
                case "localized":
                    s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, "| Gerätestatus |\r\n  In Azure AD eingebunden : JA\r\n"));
                    break;
            }

            var result = s.Run("Test-TeamsCaa20002 -SkipNetwork -TimeoutSeconds 1 -CheckId Account.DeviceJoin, Account.Prt");

            var join = Finding(result, "Account.DeviceJoin");
            Assert.Equal(FindingStatus.Skipped, join.Status);
            Assert.Contains(reason, join.SkipReason);
            Assert.Equal(FindingStatus.Skipped, Finding(result, "Account.Prt", alice).Status);
        }

        [Fact]
        public void WamSwitchedOffByOfficeValuesFails()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            alice.SetUserValue(@"Software\Microsoft\Office\16.0\Common\Identity", "DisableAADWAM", RegistryValue.DWord(1));
            alice.SetUserValue(@"Software\Microsoft\Office\16.0\Common\Identity", "EnableADAL", RegistryValue.DWord(0));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Account.WamPolicy"), "Account.WamPolicy", alice);

            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Contains("DisableAADWAM=1, EnableADAL=0", finding.Summary);
            Assert.Contains("Reset-TeamsWorkAccount -UserSid " + alice.Sid, finding.Remedy);
        }

        [Fact]
        public void EventsOfTheUserAndTheTeamsClientAreExplainedAndOthersAreLeftOut()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true, sid: "S-1-5-21-1004336348-1177238915-682003330-1001").InstallNewTeams();
            var now = s.Machine.Clock.UtcNow;
            var text = Fixture.Text("aad-event-1098.txt");
            s.Machine.SimulatedEvents.Add(new AadEvent(now.AddHours(-1), alice.Sid, text.Substring(text.IndexOf("Error:"))));
            s.Machine.SimulatedEvents.Add(new AadEvent(now.AddDays(-9), alice.Sid,
                "Error: 0xCAA20002 old\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264"));
            s.Machine.SimulatedEvents.Add(new AadEvent(now.AddHours(-1), "S-1-5-21-1-2-3-4",
                "Error: 0xCAA20002 someone else\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264"));
            s.Pc.RunAsSystem();

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Evidence.AadEvents"), "Evidence.AadEvents", alice);

            // Interaction required is the user's to answer: a warning with that remedy, not a local failure.
            Assert.Equal(FindingStatus.Warning, finding.Status);
            var line = Assert.Single(finding.Evidence);
            Assert.Contains("0xCAA2000C interaction required", line);
            Assert.Contains("AADSTS50076 multi-factor authentication required", line);
            Assert.Contains("correlation 5f0c2a91-3b7e-4d2c-9a61-0d4b8e2f7c11", line);
            // The AADSTS code is the cause, and it is the user's: the advice of Microsoft's guide, owned by the user.
            Assert.Equal("Sign in to Teams interactively and complete multi-factor authentication.", finding.Remedy);
            Assert.Equal(TeamsRemediation.Codes.FindingOwner.User, finding.Owner);
        }

        [Fact]
        public void AnEventLogThatCannotBeReadIsSkippedAndTheOtherChecksReport()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Machine.SimulatedEvents.FailureReason = "Access is denied.";

            var result = s.Run("Test-TeamsCaa20002 -SkipNetwork");

            var finding = Finding(result, "Evidence.AadEvents", alice);
            Assert.Equal(FindingStatus.Skipped, finding.Status);
            Assert.Equal("Access is denied.", finding.SkipReason);
            Assert.Equal(CheckIds.All.Count(), result.Objects<TeamsCaa20002Finding>().Count());
        }

        [Fact]
        public void Caa20002InTheTeamsLogsFailsAndPointsTheCacheCheckAtClearTeamsCache()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            alice.AddClassicCache();
            alice.AppendToFile(TeamsLayout.ClassicLogPath(alice.Folders),
                s.Machine.Clock.UtcNow.UtcDateTime.AddHours(-1).ToString("ddd MMM dd yyyy HH:mm:ss", CultureInfo.InvariantCulture)
                    + " GMT+0000 <3412> -- error -- acquireToken failed: CAA20002 AADSTS90014\n");

            var result = s.Run("Test-TeamsCaa20002 -CheckId Evidence.TeamsLogs, Teams.Cache");

            var logs = Finding(result, "Evidence.TeamsLogs", alice);
            Assert.Equal(FindingStatus.Fail, logs.Status);
            Assert.Contains(logs.Evidence, e => e.StartsWith("CAA20002 (invalid_request") && e.Contains("last in logs.txt"));
            Assert.StartsWith("Clear-TeamsCache -UserSid " + alice.Sid, logs.Remedy);
            var cache = Finding(result, "Teams.Cache", alice);
            Assert.Equal(FindingStatus.Warning, cache.Status);
            Assert.Equal("Clear-TeamsCache -UserSid " + alice.Sid, cache.Remedy);
        }

        [Fact]
        public void NoRecentLogIsSkippedWithTheReason()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Evidence.TeamsLogs, Teams.Client"), "Evidence.TeamsLogs", alice);

            Assert.Equal(FindingStatus.Skipped, finding.Status);
            Assert.Contains("no Teams log was written", finding.SkipReason);
        }

        [Fact]
        public void ARealTls12EndpointPassesAndItsSkewedDateFailsTheClockCheck()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.Network = new SocketNetworkProbe(s.Machine.Runtime);
            using var server = new LocalTlsServer(SslProtocols.Tls12, () => LocalTlsServer.Json(DateTimeOffset.UtcNow.AddMinutes(-12)));

            var result = s.Run("Test-TeamsCaa20002 -Endpoint $args[0] -CheckId Network.*", server.Endpoint());

            var endpoint = Finding(result, "Network.Endpoint");
            // The self-signed certificate works for the handshake but is reported as a chain problem.
            Assert.Equal(FindingStatus.Warning, endpoint.Status);
            Assert.Contains("TLS inspection", endpoint.Summary);
            var clock = Finding(result, "Network.ClockSkew");
            Assert.Equal(FindingStatus.Fail, clock.Status);
            Assert.Contains("12 min", clock.Summary);
            Assert.Contains("ahead", clock.Summary);
            Assert.StartsWith("Correct the date", clock.Remedy);
        }

        [Fact]
        public void AnHtmlAnswerFailsTheEndpointCheckWithItsCodeWhileATls13OnlyServiceWorks()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.Network = new SocketNetworkProbe(s.Machine.Runtime);
            using var html = new LocalTlsServer(SslProtocols.Tls12, () => LocalTlsServer.Html(DateTimeOffset.UtcNow));
            using var tls13 = new LocalTlsServer(SslProtocols.Tls13, () => LocalTlsServer.Json(DateTimeOffset.UtcNow));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -Endpoint $args[0], $args[1] -CheckId Network.Endpoint", html.Endpoint(),
                tls13.Endpoint()), "Network.Endpoint");

            // Windows 11 negotiates TLS 1.3 where the service offers it: that connection works, only the HTML answer fails.
            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Contains("1 of 2 sign-in endpoints fail", finding.Summary);
            Assert.Contains(finding.Evidence, e => e.Contains(":" + html.Port) && e.Contains("HtmlInsteadOfService") && e.Contains("CAA90015"));
            Assert.Contains(finding.Evidence, e => e.Contains(":" + tls13.Port) && e.Contains(": Ok,") && e.Contains("TLS 1.3 with 127.0.0.1 works"));
            Assert.Equal(TeamsRemediation.Diagnostics.Remedies.FixProxy, finding.Remedy);
        }

        [Fact]
        public void ATls13OnlyServicePassesTheEndpointCheckWithItsProtocolInTheEvidence()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.Network = new SocketNetworkProbe(s.Machine.Runtime);
            using var tls13 = new LocalTlsServer(SslProtocols.Tls13, () => LocalTlsServer.Json(DateTimeOffset.UtcNow));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -Endpoint $args[0] -CheckId Network.Endpoint", tls13.Endpoint()), "Network.Endpoint");

            // The self-signed test certificate makes it a TLS-inspection warning; the handshake itself works.
            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.Contains("TLS inspection", finding.Summary);
            Assert.Contains(finding.Evidence, e => e.Contains(": Ok,") && e.Contains("TLS 1.3 with 127.0.0.1 works (HTTP 200)"));
        }

        [Fact]
        public void WithTheNetworkDownEveryProbeReportsAndTheRunEnds()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.Network = new SocketNetworkProbe(s.Machine.Runtime);
            using var silent = new SilentListener();
            var closed = ClosedPort.Find();

            // 5 s, not 1: the run's deadline covers the probes' start too, and on a loaded machine a probe that got its thread
            // after a 1 s deadline reported the closed port as TimedOut.
            var result = s.Run("Test-TeamsCaa20002 -Endpoint $args[0], $args[1] -TimeoutSeconds 5 -CheckId Network.Endpoint, Network.ClockSkew",
                "127.0.0.1:" + silent.Port, "127.0.0.1:" + closed);

            var endpoint = Finding(result, "Network.Endpoint");
            Assert.Equal(FindingStatus.Fail, endpoint.Status);
            Assert.Contains(endpoint.Evidence, e => e.Contains(":" + silent.Port) && e.Contains("TimedOut") && e.Contains("CAA82EE2"));
            Assert.Contains(endpoint.Evidence, e => e.Contains(":" + closed) && e.Contains("ConnectFailed") && e.Contains("CAA82EFD"));
            Assert.Equal(FindingStatus.Skipped, Finding(result, "Network.ClockSkew").Status);
        }

        [Fact]
        public void AProxyThatAnswersWithABlockPageFailsTheProxyCheck()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.Network = new SocketNetworkProbe(s.Machine.Runtime);
            using var proxy = new LocalConnectProxy(LocalTlsServer.Answer("403 Forbidden", "text/html", "<html>Blocked</html>", null));
            s.Machine.SimulatedNetworkSettings.WinHttpProxy = new WinHttpProxySetting(false, "127.0.0.1:" + proxy.Port, "<local>");

            var result = s.Run("Test-TeamsCaa20002 -Endpoint login.microsoftonline.com -CheckId Network.Proxy, Network.Endpoint");

            var finding = Finding(result, "Network.Proxy");
            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Contains("127.0.0.1:" + proxy.Port, finding.Summary);
            Assert.Contains(finding.Evidence, e => e.Contains("WinHTTP proxy: 127.0.0.1:" + proxy.Port));
            Assert.StartsWith("Let the proxy or firewall pass", finding.Remedy);
        }

        [Fact]
        public void AVpnAdapterAndAHostsFileOverrideAreReported()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.SimulatedNetworkSettings.Adapters.Add(new NetworkAdapter("Ethernet 3", "PANGP Virtual Ethernet Adapter Secure", "Ethernet",
                true));
            var hosts = Path.Combine(s.Machine.WindowsPath, "System32", "drivers", "etc", "hosts");
            Directory.CreateDirectory(Path.GetDirectoryName(hosts)!);
            File.WriteAllText(hosts, "# Copyright (c) Microsoft\r\n127.0.0.1 localhost\r\n10.1.2.3\tlogin.microsoftonline.com # old test\r\n");

            var result = s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Network.Vpn, Network.HostsFile");

            var vpn = Finding(result, "Network.Vpn");
            Assert.Equal(FindingStatus.Warning, vpn.Status);
            Assert.Contains("PANGP Virtual Ethernet Adapter Secure", vpn.Summary);
            var hostsFinding = Finding(result, "Network.HostsFile");
            Assert.Equal(FindingStatus.Fail, hostsFinding.Status);
            Assert.Equal("line 3: 10.1.2.3 login.microsoftonline.com", Assert.Single(hostsFinding.Evidence));
        }

        [Fact]
        public void TheIntuneLineIsOneStringOfAtMost2048Characters()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            for (var i = 0; i < 40; i++)
            {
                s.Machine.SimulatedEvents.Add(new AadEvent(s.Machine.Clock.UtcNow.AddMinutes(-i), alice.Sid,
                    "Error: 0xCAA2" + (i + 0x100).ToString("X4") + " x\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264"));
            }

            s.Machine.SimulatedRegistry.SetValue(Hklm(TlsRegistryLocations.WinHttp), "DefaultSecureProtocols", RegistryValue.DWord(0x80));

            var line = (string)Assert.Single(s.Run("Test-TeamsCaa20002 -SkipNetwork -As Line").Output).BaseObject;

            Assert.StartsWith("CAA20002/1 Test PC01 NonCompliant exit=1 dropped=", line);
            Assert.Contains(" | Fail Tls.WinHttp Device - - ", line);
            Assert.True(line.Length <= 2048);
            Assert.DoesNotContain("\n", line);
            Assert.Equal(false, Assert.Single(s.Run("Test-TeamsCaa20002 -SkipNetwork -Quiet").Output).BaseObject);
            Assert.Equal("NonCompliant", Assert.Single(s.Run("Test-TeamsCaa20002 -SkipNetwork -As Compliance").Output).BaseObject);
        }

        [Fact]
        public void CheckIdSelectsBySubsetAndAnUnknownIdStopsTheCall()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);

            var tls = s.Run("Test-TeamsCaa20002 -CheckId tls.* -SkipNetwork").Objects<TeamsCaa20002Finding>().Select(f => f.CheckId).ToList();
            Assert.Equal(new[] { "Tls.Schannel", "Tls.DotNet", "Tls.WinHttp", "Tls.InternetOptions" }, tls);

            Assert.Equal("InvalidCheckId," + Cmd, s.Run("Test-TeamsCaa20002 -CheckId Tls.Nope").TerminatingErrorId);
            Assert.Equal("InvalidEndpoint," + Cmd, s.Run("Test-TeamsCaa20002 -Endpoint http://login.microsoftonline.com").TerminatingErrorId);
            Assert.Equal("ConflictingOutputForm," + Cmd, s.Run("Test-TeamsCaa20002 -Quiet -As Line").TerminatingErrorId);
        }

        [Fact]
        public void PipedInstallationsAreDiagnosedOncePerUser()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s).AddClassicCache();
            HealthyUser(s, "bob");

            var result = s.Run("Get-TeamsInstallation -UserName alice | Test-TeamsCaa20002 -SkipNetwork -CheckId Teams.Client");

            var finding = Assert.Single(result.Objects<TeamsCaa20002Finding>());
            Assert.Equal(alice.Sid, finding.UserSid);
            Assert.Equal(@"CONTOSO\alice", finding.User);
        }

        [Fact]
        public void TheDefaultViewShowsStatusCheckUserAndSummary()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);

            var text = s.Shell.Show("Test-TeamsCaa20002 -SkipNetwork -CheckId Teams.Client");

            Assert.Contains("Status", text);
            Assert.Contains("CheckId", text);
            Assert.Contains(@"CONTOSO\alice", text);
            Assert.Contains("Teams.Client", text);
        }
    }
}
