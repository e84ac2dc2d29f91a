using System;
using System.Globalization;
using System.IO;
using System.Linq;
using FsCheck.Fluent;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Tests.Diagnostics;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Scripts;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>What a fleet of 10,000 PCs throws at Test-TeamsCaa20002: garbled tool output, noise, nobody logged on.</summary>
    public sealed class DiagnosisFleetTests
    {
        private static bool Printable(string s) => s.All(c => !char.IsControl(c));

        [Fact]
        public void GarbledDsregcmdOutputPutsNoControlCharacterIntoAnyFinding()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            var garbled = Fixture.Text("dsregcmd-status.txt")
                .Replace("TenantName : HybridADFS", "TenantName : Hybrid\0AD\aFS\u001b[31m")
                .Replace("DeviceAuthStatus : SUCCESS", "DeviceAuthStatus : FAILED\0\a")
                .Replace("Server Error Code : invalid_grant", "Server Error Code : invalid\u0007grant");
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, garbled), "/status");
            s.Pc.RunAs(alice, elevated: false);

            var findings = s.Run("Test-TeamsCaa20002 -SkipNetwork").Objects<TeamsCaa20002Finding>().ToList();

            var join = Finding(s.Run("Test-TeamsCaa20002 -CheckId Account.DeviceJoin -SkipNetwork"), "Account.DeviceJoin");
            Assert.Equal(FindingStatus.Fail, join.Status);
            Assert.Contains("DeviceAuthStatus FAILED??", join.Summary);
            Assert.Contains(join.Evidence, e => e == "TenantName: Hybrid?AD?FS?[31m");
            Assert.NotEmpty(findings);
            Assert.All(findings, f =>
            {
                Assert.True(Printable(f.Summary), f.CheckId + " summary");
                Assert.True(Printable(f.SkipReason), f.CheckId + " skip reason");
                Assert.True(Printable(f.Remedy), f.CheckId + " remedy");
                Assert.All(f.Evidence, e => Assert.True(Printable(e), f.CheckId + " evidence: " + e));
            });
        }
    
        private static SimulatedSession NobodyLoggedOn(bool brokenTls = false)
        {
            var s = new SimulatedSession();
            HealthyUser(s, "alice", loggedOn: false, hiveLoaded: false);
            RecordDsregcmd(s);
            if (brokenTls)
            {
                s.Machine.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.WinHttp,
                    RegistryView.Registry32), "DefaultSecureProtocols", RegistryValue.DWord(0x280));
            }

            s.Pc.RunAsSystem();
            return s;
        }

        [Fact]
        public void AsSystemWithNobodyLoggedOnTheMachineChecksRunAndEachPerUserCheckIsSkippedWithTheReason()
        {
            using var s = NobodyLoggedOn();

            var result = s.Run("Test-TeamsCaa20002");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Contains(result.Warnings, w => w.Contains("nobody is logged on") && w.EndsWith("the per-user checks are Skipped."));
            var findings = result.Objects<TeamsCaa20002Finding>().ToList();
            Assert.Equal(CheckIds.Machine.Concat(CheckIds.PerUser), findings.Select(f => f.CheckId));
            Assert.All(findings.Where(f => CheckIds.Machine.Contains(f.CheckId)), f => Assert.NotEqual(FindingStatus.Skipped, f.Status));
            Assert.All(findings.Where(f => CheckIds.PerUser.Contains(f.CheckId)), f =>
            {
                Assert.Equal(FindingStatus.Skipped, f.Status);
                Assert.Equal(string.Empty, f.UserSid);
            });
            // The reason is said once, on the first per-user row; the others point to it.
            Assert.Contains("nobody is logged on", findings.Single(f => f.CheckId == CheckIds.PerUser[0]).SkipReason);
            Assert.All(findings.Where(f => CheckIds.PerUser.Skip(1).Contains(f.CheckId)),
                f => Assert.Equal("no user to check (see " + CheckIds.PerUser[0] + ").", f.SkipReason));
            Assert.Equal(true, Assert.Single(s.Run("Test-TeamsCaa20002 -Quiet").Output).BaseObject);
            Assert.Equal("Compliant", Assert.Single(s.Run("Test-TeamsCaa20002 -As Compliance").Output).BaseObject);
            var line = (string)Assert.Single(s.Run("Test-TeamsCaa20002 -As Line").Output).BaseObject;
            Assert.StartsWith("CAA20002/1 Test PC01 Compliant exit=0 dropped=0 || pass ", line);
            Assert.EndsWith(", skipped " + CheckIds.PerUser.Count, line);
        }

        [Fact]
        public void AsSystemWithNobodyLoggedOnABrokenMachineSettingStillFails()
        {
            using var s = NobodyLoggedOn(brokenTls: true);

            Assert.Equal("NonCompliant", Assert.Single(s.Run("Test-TeamsCaa20002 -As Compliance").Output).BaseObject);
            Assert.Equal(false, Assert.Single(s.Run("Test-TeamsCaa20002 -Quiet").Output).BaseObject);
            Assert.Equal(FindingStatus.Fail, Finding(s.Run("Test-TeamsCaa20002 -CheckId Tls.WinHttp"), "Tls.WinHttp").Status);
        }

        [Fact]
        public void AnExplicitUserThatIsNotFoundIsStillAnErrorAndNotSilentlySkipped()
        {
            using var s = NobodyLoggedOn();

            var result = s.Run("Test-TeamsCaa20002 -UserName nobody -SkipNetwork");

            Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId == "UserNotFound,TeamsRemediation.Commands.TestTeamsCaa20002Command");
            Assert.DoesNotContain(result.Objects<TeamsCaa20002Finding>(), f => CheckIds.PerUser.Contains(f.CheckId));
        }

        [Theory]
        [InlineData("Intune", "Detect-TeamsCaa20002.ps1", false, 0, "CAA20002/1 Test PC01 Compliant exit=0 dropped=0 || pass ")]
        [InlineData("Intune", "Detect-TeamsCaa20002.ps1", true, 1, "CAA20002/1 Test PC01 NonCompliant exit=1 dropped=0 | Fail Tls.WinHttp")]
        [InlineData("ConfigMgr", "Discover-TeamsCaa20002.ps1", false, 0, "Compliant")]
        [InlineData("ConfigMgr", "Discover-TeamsCaa20002.ps1", true, 0, "CAA20002/1 Test PC01 NonCompliant exit=1 dropped=0 | Fail Tls.WinHttp")]
        public void TheDetectionScriptsAnswerFromTheMachineChecksWhenNobodyIsLoggedOn(string folder, string file, bool brokenTls, int exitCode,
            string lastLineStart)
        {
            using var s = NobodyLoggedOn(brokenTls);

            var run = DeploymentScriptTests.Run(s.Shell, Path.Combine("scripts", folder, file));

            Assert.Equal(exitCode, run.ExitCode);
            Assert.StartsWith(lastLineStart, run.LastLine);
            Assert.DoesNotContain("could not run", run.LastLine);
        }

        [Fact]
        public void TheIntuneRemediationRepairsTheMachineWhenNobodyIsLoggedOn()
        {
            using var s = NobodyLoggedOn(brokenTls: true);

            var run = DeploymentScriptTests.Run(s.Shell, Path.Combine("scripts", "Intune", "Remediate-TeamsCaa20002.ps1"));

            // The script runs Repair-TeamsCaa20002: TLS is repaired for the machine, and the restart it needs is exit code 2.
            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("CAA20002/1 Repair PC01 NeedsReboot exit=2 ", run.LastLine);
            Assert.Contains(" | Step Machine/Tls - - - status=Done", run.LastLine);
            var winHttp32 = new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.WinHttp, RegistryView.Registry32);
            Assert.Equal(0xA80u, s.Machine.SimulatedRegistry.GetValue(winHttp32, "DefaultSecureProtocols")!.AsDWord);
        }
    
        [Fact]
        public void ACodeFromThreeWeeksAgoInALogWrittenTodayIsNotTodaysCauseButANewOneIs()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            alice.AddClassicCache();
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            var old = now.AddDays(-21);
            var classic = TeamsLayout.ClassicLogPath(alice.Folders);
            var newLog = Path.Combine(TeamsLayout.NewLogFolder(alice.Folders), SimulatedUser.NewTeamsLogFileName(old));
            alice.WriteFile(classic, old.ToString("ddd MMM dd yyyy HH:mm:ss 'GMT+0000'",
                CultureInfo.InvariantCulture) + " <3412> -- error -- acquireToken failed: CAA20002\n" +
                now.AddHours(-1).ToString("ddd MMM dd yyyy HH:mm:ss 'GMT+0000'", CultureInfo.InvariantCulture) + " <3412> -- info -- signed in\n");
            alice.WriteFile(newLog, old.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'",
                CultureInfo.InvariantCulture) + " 0x00001234 <ERR> TokenProvider: CAA82EE7\n" +
                "    continuation of that old error: AADSTS50126\n" +
                now.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture) + " 0x00001234 <INFO> started\n");

            var quiet = Finding(s.Run("Test-TeamsCaa20002 -CheckId Evidence.TeamsLogs"), "Evidence.TeamsLogs", alice);

            Assert.Equal(FindingStatus.Pass, quiet.Status);
            Assert.Contains("3 lines with codes older than", quiet.Evidence[0]);

            alice.AppendToFile(newLog, now.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'",
                CultureInfo.InvariantCulture) + " 0x00001234 <ERR> TokenProvider: CAA20002\n");
            var failing = Finding(s.Run("Test-TeamsCaa20002 -CheckId Evidence.TeamsLogs"), "Evidence.TeamsLogs", alice);

            Assert.Equal(FindingStatus.Fail, failing.Status);
            Assert.Contains(failing.Evidence,
                e => e.StartsWith("CAA20002 (invalid_request") && e.Contains("1x, last in " + Path.GetFileName(newLog)));
            Assert.DoesNotContain(failing.Evidence, e => e.Contains("CAA82EE7") || e.StartsWith("AADSTS50126"));
        }
    
        [Fact]
        public void AStandardUserWhileSomeoneElseIsLoggedOnReadsTheOtherHiveAsNotReadableAndNeverStops()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s, "alice");
            var bob = HealthyUser(s, "bob");
            RecordDsregcmd(s);
            s.Machine.SimulatedRegistry.DenyAccess(new RegistryKeyPath(RegistryHive.Users, bob.Sid));
            s.Pc.RunAs(alice, elevated: false);

            var own = s.Run("Test-TeamsCaa20002 -SkipNetwork");
            var all = s.Run("Test-TeamsCaa20002 -AllUsers");
            var installations = s.Run("Get-TeamsInstallation -AllUsers");

            Assert.Null(own.Terminating);
            Assert.Empty(own.Errors);
            Assert.All(own.Objects<TeamsCaa20002Finding>().Where(f => f.UserSid.Length > 0), f => Assert.Equal(alice.Sid, f.UserSid));
            Assert.Null(all.Terminating);
            Assert.Empty(all.Errors);
            foreach (var checkId in new[] { "Tls.InternetOptions", "Account.WamPolicy" })
            {
                var denied = Finding(all, checkId, bob);
                Assert.Equal(FindingStatus.Skipped, denied.Status);
                Assert.Contains("is denied", denied.SkipReason);
                Assert.Equal(FindingStatus.Pass, Finding(all, checkId, alice).Status);
            }

            Assert.Contains(Finding(all, "Network.Proxy").Evidence,
                e => e.StartsWith(bob.UserName + ": proxy settings not readable (") && e.Contains("is denied"));
            Assert.DoesNotContain(all.Objects<TeamsCaa20002Finding>(), f => f.UserSid == bob.Sid && f.Status == FindingStatus.Fail);
            Assert.Null(installations.Terminating);
            Assert.Equal(new[] { alice.Sid, bob.Sid }.OrderBy(x => x),
                installations.Objects<TeamsInstallation>().Select(i => i.UserSid).Distinct().OrderBy(x => x));
        }
    
        [Fact]
        public void AHealthyPcStaysCompliantAcrossThousandsOfGeneratedGuidsAndHexRunsWhileEachRealCauseStillFails()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            RecordDsregcmd(s);
            s.Pc.RunAsSystem();
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            var folder = TeamsLayout.NewLogFolder(alice.Folders);
            Directory.CreateDirectory(folder);
            var iso = Path.Combine(folder, SimulatedUser.NewTeamsLogFileName(now.AddHours(-2)));
            var classicShaped = Path.Combine(folder, SimulatedUser.NewTeamsLogFileName(now.AddHours(-1)));
            var noise = Gen.Sample(NoiseGenerators.NoiseLine(), 1500);
            alice.WriteFile(iso, string.Concat(noise.Select((line, i) => now.AddMinutes(-i).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'",
                CultureInfo.InvariantCulture) + " 0x00001234 <INFO> " + line + "\n")));
            alice.WriteFile(classicShaped, string.Concat(noise.Select((line, i) => now.AddMinutes(-i).ToString("ddd MMM dd yyyy HH:mm:ss 'GMT+0000'",
                CultureInfo.InvariantCulture) + " <3412> -- info -- " + line + "\n")));
            foreach (var line in Gen.Sample(NoiseGenerators.NoiseLine(), 300))
            {
                s.Machine.SimulatedEvents.Add(new AadEvent(now.AddMinutes(-5), alice.Sid,
                    "Error: 0x80070520\r\nDescription: " + line + "\r\nClient ID: " + CodeCatalog.OfficeClientId + "\r\nCorrelation ID: " + line));
            }

            Assert.True(new FileInfo(iso).Length > 100_000, "the generated noise is substantial");
            var findings = s.Run("Test-TeamsCaa20002").Objects<TeamsCaa20002Finding>().ToList();
            Assert.Equal("Compliant", DiagnosisSummary.Compliance(findings));
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.CheckId == "Evidence.TeamsLogs").Status);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.CheckId == "Evidence.AadEvents").Status);

            alice.AppendToFile(iso, now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'",
                CultureInfo.InvariantCulture) + " 0x00001234 <ERR> acquireToken failed caa2f00d-5b6e-4c1a-9d2e-0123456789ab CAA20002\n");
            s.Machine.SimulatedEvents.Add(new AadEvent(now.AddMinutes(-1), alice.Sid,
                "Error: 0xCAA20002 The request is invalid.\r\nDescription: AADSTS90014: missing field\r\nClient ID: " + CodeCatalog.TeamsClientId));
            var broken = s.Run("Test-TeamsCaa20002 -CheckId Evidence.*");

            var logs = Finding(broken, "Evidence.TeamsLogs", alice);
            Assert.Equal(FindingStatus.Fail, logs.Status);
            Assert.Equal("The Teams logs show CAA20002 (most frequent: invalid_request: Entra ID rejected the token request).", logs.Summary);
            Assert.Equal(FindingStatus.Fail, Finding(broken, "Evidence.AadEvents", alice).Status);
        }
    
        [Theory]
        [InlineData(299, "login.example.com", "the host name has 299 characters (DNS allows 253)")]
        [InlineData(0, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com",
            "a label of 64 characters (DNS allows 1 to 63)")]
        [InlineData(0, "login.example.com:0", "the port 0 is outside 1-65535")]
        [InlineData(0, "login..example.com", "not a host name, host:port or https://host[:port]/path")]
        [InlineData(0, "-login.example.com", "not letters, digits and inner hyphens")]
        [InlineData(0, "http://login.example.com", "not a host name, host:port or https://host[:port]/path")]
        public void AnInvalidEndpointStopsTheCallBeforeAnythingIsProbed(int length, string endpoint, string problem)
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            var text = length == 0 ? endpoint : string.Join(".", Enumerable.Repeat("abcdefghij", 30)).Substring(0,
                length - endpoint.Length - 1) + "." + endpoint;
            Assert.Equal(length == 0 ? endpoint.Length : length, text.Length);

            var result = s.Run("Test-TeamsCaa20002 -Endpoint $args[0]", text);

            Assert.Equal("InvalidEndpoint,TeamsRemediation.Commands.TestTeamsCaa20002Command", result.TerminatingErrorId);
            Assert.Contains(problem, result.Terminating!.Message);
            Assert.Contains("Nothing was checked.", result.Terminating.Message);
            Assert.Empty(result.Objects<TeamsCaa20002Finding>());
        }

        [Theory]
        [InlineData("login.microsoftonline.us")]
        [InlineData("127.0.0.1:8443")]
        [InlineData("[::1]:65535")]
        [InlineData("https://login.partner.microsoftonline.cn/common/v2.0/.well-known/openid-configuration")]
        public void ValidEndpointsAreAccepted(string endpoint)
        {
            using var s = new SimulatedSession();
            HealthyUser(s);

            var result = s.Run("Test-TeamsCaa20002 -CheckId Network.Endpoint -Endpoint $args[0]", endpoint);

            Assert.Null(result.Terminating);
            Assert.Equal(FindingStatus.Pass, Finding(result, "Network.Endpoint").Status);
        }

        [Fact]
        public void AProbeThatThrowsIsReportedAsAnInternalErrorAndNeverAsANetworkFailure()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Machine.SimulatedNetwork.Fault("login.microsoftonline.com", new ArgumentOutOfRangeException("port", "resolver fault"));

            var finding = Finding(s.Run("Test-TeamsCaa20002 -CheckId Network.Endpoint"), "Network.Endpoint");

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.StartsWith("1 of 6 endpoint probes failed with an internal error of this module (not a network finding): " +
                "login.microsoftonline.com", finding.Summary);
            Assert.Contains(finding.Evidence,
                e => e.Contains("Internal error in the probe of login.microsoftonline.com (not a network finding): ArgumentOutOfRangeException"));
            Assert.DoesNotContain(finding.Evidence, e => e.Contains("CAA82EFD"));
            Assert.Equal(string.Empty, finding.Remedy);
        }
    
        [Fact]
        public void ClassicTeamsAloneFailsAsPastEndOfAvailabilityAndALeftoverBesideNewTeamsIsInformation()
        {
            using var s = new SimulatedSession();
            var carol = s.Pc.AddUser("carol", loggedOn: true).InstallClassicTeams();
            var dave = HealthyUser(s, "dave");
            dave.InstallClassicTeams();
            var erin = HealthyUser(s, "erin");
            erin.AddClassicCache();
            s.Pc.RunAsSystem();

            var result = s.Run("Test-TeamsCaa20002 -AllUsers -SkipNetwork -CheckId Teams.Client");

            var classicOnly = Finding(result, "Teams.Client", carol);
            Assert.Equal(FindingStatus.Fail, classicOnly.Status);
            Assert.Equal("Only classic Teams 1.7.00.13456 is installed: it stopped working on 1 July 2025 (end of availability), so sign-in fails " +
                "there whatever is repaired on this PC.", classicOnly.Summary);
            Assert.StartsWith("Install new Teams for the user (the MSTeams package), or use Teams on the web", classicOnly.Remedy);
            // An installed classic client and a folder it left are told apart: the admin reads which one is there.
            foreach (var (user, leftover) in new[] { (dave, "Classic Teams is still installed beside it"),
                (erin, "A classic Teams folder is left behind beside it, not installed") })
            {
                var beside = Finding(result, "Teams.Client", user);
                Assert.Equal(FindingStatus.Pass, beside.Status);
                Assert.Equal("New Teams 25122.1415.3698.6812 (not running) installed. " + leftover
                    + " (classic Teams is retired; not a cause of sign-in errors in new Teams).", beside.Summary);
                Assert.Equal(string.Empty, beside.Remedy);
            }
        }

        [Fact]
        public void BeforeItsEndOfAvailabilityClassicTeamsAloneIsOnlyAWarning()
        {
            using var s = new SimulatedSession();
            var carol = s.Pc.AddUser("carol", loggedOn: true).InstallClassicTeams();
            s.Machine.SimulatedClock.Set(new DateTimeOffset(2025, 6, 30, 12, 0, 0, TimeSpan.Zero));
            s.Pc.RunAsSystem();

            var finding = Finding(s.Run("Test-TeamsCaa20002 -SkipNetwork -CheckId Teams.Client"), "Teams.Client", carol);

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.Contains("stops working on 1 July 2025", finding.Summary);
        }
    
        [Theory]
        [InlineData("AADSTS50126", FindingOwner.User, "Sign in with the current password")]
        [InlineData("AADSTS50055", FindingOwner.User, "Change the password")]
        [InlineData("AADSTS50053", FindingOwner.User, "Wait until the lockout ends")]
        [InlineData("AADSTS50076", FindingOwner.User, "complete multi-factor authentication")]
        [InlineData("AADSTS50079", FindingOwner.User, "Register the security info")]
        [InlineData("AADSTS50158", FindingOwner.User, "complete the security challenge")]
        [InlineData("AADSTS50173", FindingOwner.User, "Sign out of Teams and sign in again")]
        [InlineData("AADSTS700082", FindingOwner.User, "Sign in to Teams again")]
        [InlineData("AADSTS53003", FindingOwner.TenantAdmin, "Ask the Entra ID admin")]
        [InlineData("AADSTS50057", FindingOwner.TenantAdmin, "Ask the Entra ID admin")]
        public void ACodeOnlyTheUserOrTheAdminCanFixIsTheirsWithAdviceAndNoDeviceRemedyInEventsAndLogs(string aadsts, FindingOwner owner,
            string advice)
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            alice.AddNewTeamsCache();
            var now = s.Machine.Clock.UtcNow.UtcDateTime;
            s.Machine.SimulatedEvents.Add(new AadEvent(now.AddMinutes(-3), alice.Sid,
                "Error: 0xCAA20002 The request is invalid.\r\nDescription: " + aadsts + ": text\r\nClient ID: " + CodeCatalog.TeamsClientId));
            var log = Path.Combine(TeamsLayout.NewLogFolder(alice.Folders), SimulatedUser.NewTeamsLogFileName(now));
            alice.WriteFile(log, now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
                CultureInfo.InvariantCulture) + " <ERR> acquireToken failed: CAA20002 " + aadsts + "\n");
            s.Pc.RunAsSystem();

            var result = s.Run("Test-TeamsCaa20002 -SkipNetwork");

            foreach (var checkId in new[] { "Evidence.AadEvents", "Evidence.TeamsLogs" })
            {
                var finding = Finding(result, checkId, alice);
                Assert.Equal(FindingStatus.Warning, finding.Status);
                Assert.Equal(owner, finding.Owner);
                Assert.Contains(advice, finding.Remedy);
                Assert.DoesNotContain("Clear-TeamsCache", finding.Remedy);
                Assert.DoesNotContain("Reset-TeamsWorkAccount", finding.Remedy);
            }

            Assert.Equal(FindingStatus.Pass, Finding(result, "Teams.Cache", alice).Status);
            // Not the PC's to fix, but still a problem Repair-TeamsCaa20002 hands over (the admin pack): detection and repair agree, so the
            // PC stays NonCompliant and the report shows whose it is.
            Assert.Equal("NonCompliant", Assert.Single(s.Run("Test-TeamsCaa20002 -SkipNetwork -As Compliance").Output).BaseObject);
        }

        [Fact]
        public void EveryFindingNamesWhoActsAndADeviceCauseStillFailsAsTheDevices()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Machine.SimulatedNetwork.Declare("login.microsoftonline.com", ProbeOutcome.NameNotResolved, "No such host.");
            s.Machine.SimulatedEvents.Add(new AadEvent(s.Machine.Clock.UtcNow.AddMinutes(-3), alice.Sid,
                "Error: 0xCAA20002 x\r\nDescription: AADSTS90014: missing field\r\nClient ID: " + CodeCatalog.TeamsClientId));
            s.Pc.RunAsSystem();

            var result = s.Run("Test-TeamsCaa20002");

            Assert.Equal(FindingOwner.Network, Finding(result, "Network.Endpoint").Owner);
            Assert.Equal(FindingOwner.Device, Finding(result, "Tls.WinHttp").Owner);
            var events = Finding(result, "Evidence.AadEvents", alice);
            Assert.Equal(FindingStatus.Fail, events.Status);
            Assert.Equal(FindingOwner.Device, events.Owner);
            Assert.StartsWith("Clear-TeamsCache -UserSid " + alice.Sid, events.Remedy);
            Assert.Equal("Owner",
                Assert.Single(s.Run("(Test-TeamsCaa20002 -SkipNetwork -CheckId Tls.WinHttp).PSObject.Properties['Owner'].Name").Output).BaseObject);
        }
    }
}
