using System;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using Xunit;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// The device checks from Microsoft's guides (WebView2, Teams version, tenant restriction, FSLogix identity roaming, TPM lockout,
    /// BlockAADWorkplaceJoin and dual state), each from the values Windows keeps: Pass, Fail or Warning, Skipped, and no false alarm on a
    /// healthy PC of each kind.
    /// </summary>
    public sealed class DeviceChecksTests
    {
        private const string Cmd = "TeamsRemediation.Commands.TestTeamsCaa20002Command";
        private const string DeviceTenant = "aaaabbbb-0000-cccc-1111-dddd2222eeee";
        private const string OtherTenant = "11112222-3333-4444-5555-666677778888";

        private static readonly string[] NewChecks =
        {
            CheckIds.AccountVdiIdentity, CheckIds.AccountTpm, CheckIds.AccountDeviceState, CheckIds.TeamsWebView2, CheckIds.TeamsVersion,
            CheckIds.TeamsTenantList,
        };

        /// <summary>Microsoft's dsregcmd sample (hybrid joined), turned into the other join kinds by its Device and User State lines.</summary>
        private static string Dsreg(string kind)
        {
            var text = Fixture.Text("dsregcmd-status.txt");
            switch (kind)
            {
                case "entra":
                    return text.Replace("DomainJoined : YES", "DomainJoined : NO");
                case "registered":
                    return text.Replace("AzureAdJoined : YES", "AzureAdJoined : NO").Replace("DomainJoined : YES", "DomainJoined : NO")
                        .Replace("WorkplaceJoined : NO", "WorkplaceJoined : YES");
                case "dual":
                    return text.Replace("WorkplaceJoined : NO", "WorkplaceJoined : YES");
                case "unjoined":
                    return text.Replace("AzureAdJoined : YES", "AzureAdJoined : NO").Replace("DomainJoined : YES", "DomainJoined : NO");
                default:
                    return text;
            }
        }

        private static void RecordDsreg(SimulatedSession s, string kind) =>
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, Dsreg(kind)), "/status");

        private static TeamsCaa20002Finding Check(SimulatedSession s, string checkId, SimulatedUser? user = null, string extra = "") =>
            Finding(s.Run("Test-TeamsCaa20002 -CheckId " + checkId + " -SkipNetwork " + extra), checkId, user);

        [Theory]
        [InlineData("entra")]
        [InlineData("hybrid")]
        [InlineData("registered")]
        [InlineData("vdi")]
        public void AHealthyPcOfEachKindPassesEveryDeviceCheck(string kind)
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            alice.SetUserValue(SignInPolicyChecks.TenantListKeys[0], SignInPolicyChecks.TenantListValue, RegistryValue.String(DeviceTenant));
            s.Machine.SimulatedEvents.Add(new AadEvent(s.Machine.Clock.UtcNow.AddHours(-2), alice.Sid, "Error: 0xCAA20002\nClient ID: "
                + CodeCatalog.TeamsClientId));
            if (kind == "vdi")
            {
                // Azure Virtual Desktop, Entra joined and Intune-managed, FSLogix with Microsoft's recommended RoamIdentity = 0 and rules that
                // keep the identity folders out of the container.
                s.Pc.MultiSession().FsLogixProfiles().AzureVirtualDesktop().IntuneEnrolled().FsLogixRoamIdentity(0).FsLogixRedirections(
                    "<FrxProfileFolderRedirection ExcludeCommonFolders=\"0\"><Excludes>"
                    + "<Exclude Copy=\"0\">AppData\\Local\\Microsoft\\OneAuth</Exclude>"
                    + "<Exclude Copy=\"0\">AppData\\Local\\Packages\\Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy</Exclude></Excludes>"
                    + "<Includes><Include>AppData\\Local\\Microsoft\\Edge</Include></Includes></FrxProfileFolderRedirection>");
                kind = "entra";
            }
            else if (kind != "registered")
            {
                // Intune manages joined PCs; Microsoft recommends blocking a second, registered identity on them.
                s.Pc.IntuneEnrolled().BlockWorkplaceJoin();
            }

            RecordDsreg(s, kind);
            s.Pc.RunAs(alice, elevated: true);

            var result = s.Run("Test-TeamsCaa20002 -SkipNetwork -MinimumTeamsVersion 25000.1");

            Assert.Empty(result.Errors);
            var findings = result.Objects<TeamsCaa20002Finding>().ToList();
            Assert.All(NewChecks, id => Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.CheckId == id).Status));
        }

        [Fact]
        public void WebView2IsPassForTheMachineRuntimeFailWhenMissingOrBrokenWarningWhenPerUserAndSkippedWithoutNewTeams()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            var bob = s.Pc.AddUser("bob", loggedOn: true).InstallClassicTeams();
            s.Pc.RunAsSystem();

            var healthy = Check(s, CheckIds.TeamsWebView2, alice);
            Assert.Equal(FindingStatus.Pass, healthy.Status);
            Assert.Contains(healthy.Evidence, e => e.Contains(@"EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5} [32-bit]\pv = '"
                + SimulatedPc.DefaultWebView2Version + "'"));
            Assert.Equal(FindingStatus.Skipped, Check(s, CheckIds.TeamsWebView2, bob).Status);

            // A failed update leaves the registration without the runtime's files.
            s.Pc.WebView2Runtime("132.0.2957.140", withFiles: false);
            var broken = Check(s, CheckIds.TeamsWebView2, alice);
            Assert.Equal(FindingStatus.Fail, broken.Status);
            Assert.Contains("broken", broken.Summary);
            Assert.Equal(WebView2Checks.Remedy, broken.Remedy);

            // "0.0.0.0" is how an uninstalled runtime leaves pv: not installed.
            s.Pc.WebView2Runtime(null).WebView2Runtime("0.0.0.0", withFiles: false);
            var missing = Check(s, CheckIds.TeamsWebView2, alice);
            Assert.Equal(FindingStatus.Fail, missing.Status);
            Assert.Contains("not installed", missing.Summary);
            Assert.Equal(FindingOwner.Device, missing.Owner);

            s.Pc.WebView2RuntimeForUser(alice, "131.0.2903.70");
            var perUser = Check(s, CheckIds.TeamsWebView2, alice);
            Assert.Equal(FindingStatus.Warning, perUser.Status);
            Assert.Contains("for this user only", perUser.Summary);
            Assert.Equal(WebView2Checks.Remedy, perUser.Remedy);
        }

        [Fact]
        public void WebView2OnA32BitWindowsIsFoundInTheNativeView()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Pc.WebView2Runtime(null);
            s.Machine.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, WebView2Checks.ClientKey),
                WebView2Checks.VersionValue, RegistryValue.String("131.0.2903.70"));

            Assert.Equal(FindingStatus.Pass, Check(s, CheckIds.TeamsWebView2, alice).Status);
        }

        [Fact]
        public void TeamsVersionBelowTheGivenMinimumIsAWarningWithMicrosoftsForcedUpdateAndWithoutAMinimumOnlyReported()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            var bob = s.Pc.AddUser("bob", loggedOn: true).InstallClassicTeams();
            s.Pc.RunAsSystem();

            var old = Check(s, CheckIds.TeamsVersion, alice, "-MinimumTeamsVersion 25200.1");
            Assert.Equal(FindingStatus.Warning, old.Status);
            Assert.Contains("25122.1415.3698.6812 is older than the minimum 25200.1", old.Summary);
            Assert.Equal(TeamsVersionChecks.ForceUpdate, old.Remedy);
            Assert.Contains("-ForceUpdateFromAnyVersion", old.Remedy);

            Assert.Equal(FindingStatus.Pass, Check(s, CheckIds.TeamsVersion, alice, "-MinimumTeamsVersion 25122.1415.3698.6812").Status);
            var unjudged = Check(s, CheckIds.TeamsVersion, alice);
            Assert.Equal(FindingStatus.Pass, unjudged.Status);
            Assert.Contains("no minimum version was given", unjudged.Summary);
            Assert.Equal(FindingStatus.Skipped, Check(s, CheckIds.TeamsVersion, bob, "-MinimumTeamsVersion 25200.1").Status);
        }

        [Theory]
        [InlineData("25122.x")]
        [InlineData("-1.2")]
        [InlineData("25122")]
        [InlineData("1.2.3.4.5")]
        [InlineData("25122.1415 ")]
        public void AMinimumTeamsVersionThatIsNoVersionStopsTheCallWithItsId(string text)
        {
            using var s = new SimulatedSession();
            HealthyUser(s);

            var test = s.Run("Test-TeamsCaa20002 -SkipNetwork -MinimumTeamsVersion $args[0]", text.Trim() == "25122.1415" ? "25122.1415 x" : text);
            var repair = s.Run("Repair-TeamsCaa20002 -Force -SkipNetwork -MinimumTeamsVersion $args[0]", text.Trim() == "25122.1415"
                ? "25122.1415 x" : text);

            Assert.Equal("InvalidTeamsVersion," + Cmd, test.TerminatingErrorId);
            Assert.Empty(test.Objects<TeamsCaa20002Finding>());
            Assert.Equal("InvalidTeamsVersion,TeamsRemediation.Commands.RepairTeamsCaa20002Command", repair.TerminatingErrorId);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        public void ATenantRestrictionWithoutTheDevicesTenantFailsForTheDeviceAdminInEachDocumentedPlace(int place)
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            RecordDsreg(s, "hybrid");
            s.Pc.RunAsSystem();
            alice.SetUserValue(SignInPolicyChecks.TenantListKeys[place], SignInPolicyChecks.TenantListValue, RegistryValue.String(OtherTenant));

            var wrong = Check(s, CheckIds.TeamsTenantList, alice);
            Assert.Equal(FindingStatus.Fail, wrong.Status);
            Assert.Equal(FindingOwner.DeviceAdmin, wrong.Owner);
            Assert.Contains("do not include this device's tenant " + DeviceTenant, wrong.Summary);
            Assert.Contains(wrong.Evidence, e => e.Contains(SignInPolicyChecks.TenantListKeys[place]));

            alice.SetUserValue(SignInPolicyChecks.TenantListKeys[place], SignInPolicyChecks.TenantListValue,
                RegistryValue.String(OtherTenant + ", " + DeviceTenant));
            Assert.Equal(FindingStatus.Pass, Check(s, CheckIds.TeamsTenantList, alice).Status);

            alice.SetUserValue(SignInPolicyChecks.TenantListKeys[place], SignInPolicyChecks.TenantListValue, RegistryValue.String("contoso, ;"));
            Assert.Equal(FindingStatus.Fail, Check(s, CheckIds.TeamsTenantList, alice).Status);
        }

        [Fact]
        public void ATenantRestrictionIsSkippedWhenTheDevicesTenantOrTheUsersHiveIsUnknown()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            var carol = HealthyUser(s, "carol", loggedOn: false, hiveLoaded: false);
            alice.SetUserValue(SignInPolicyChecks.TenantListKeys[1], SignInPolicyChecks.TenantListValue, RegistryValue.String(OtherTenant));
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(1, "The device is not joined."), "/status");
            s.Pc.RunAsSystem();

            var unknown = Check(s, CheckIds.TeamsTenantList, alice, "-AllUsers");
            Assert.Equal(FindingStatus.Skipped, unknown.Status);
            Assert.Contains(OtherTenant, unknown.SkipReason);
            Assert.Equal(FindingStatus.Skipped, Check(s, CheckIds.TeamsTenantList, carol, "-AllUsers").Status);
        }

        [Fact]
        public void RoamIdentityOnAnEntraJoinedOrIntuneHostFailsForTheDeviceAdminAndADomainOnlyNeedIsNotCalledWrong()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Pc.MultiSession().FsLogixProfiles().FsLogixRoamIdentity(1);
            s.Pc.RunAsSystem();

            RecordDsreg(s, "entra");
            var entra = Check(s, CheckIds.AccountVdiIdentity);
            Assert.Equal(FindingStatus.Fail, entra.Status);
            Assert.Equal(FindingOwner.DeviceAdmin, entra.Owner);
            Assert.Contains("RoamIdentity = 1", entra.Summary);
            Assert.Contains(entra.Evidence, e => e == @"HKLM\SOFTWARE\FSLogix\Profiles\RoamIdentity = 0x00000001 (REG_DWORD)"
                || e.StartsWith(@"HKLM\SOFTWARE\FSLogix\Profiles\RoamIdentity = ", StringComparison.Ordinal));

            // Hybrid joined and not Intune-managed: FSLogix's own issue 155 shows such hosts may need it; no verdict against it.
            RecordDsreg(s, "hybrid");
            Assert.Equal(FindingStatus.Pass, Check(s, CheckIds.AccountVdiIdentity).Status);

            s.Pc.IntuneEnrolled();
            var intune = Check(s, CheckIds.AccountVdiIdentity);
            Assert.Equal(FindingStatus.Fail, intune.Status);
            Assert.Contains("Intune-managed", intune.Summary);

            s.Pc.FsLogixRoamIdentity(0);
            Assert.Equal(FindingStatus.Pass, Check(s, CheckIds.AccountVdiIdentity).Status);
        }

        [Fact]
        public void RedirectionsThatKeepTheBrokerFolderInTheContainerAreAWarningAndUnknownJoinStateIsSkipped()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Pc.FsLogixProfiles().FsLogixRedirections("<FrxProfileFolderRedirection><Excludes><Exclude>AppData\\Local\\Packages</Exclude>"
                + "</Excludes><Includes><Include Copy=\"3\">AppData\\Local\\Packages\\Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy</Include>"
                + "</Includes></FrxProfileFolderRedirection>");
            RecordDsreg(s, "hybrid");
            s.Pc.RunAsSystem();

            var kept = Check(s, CheckIds.AccountVdiIdentity);
            Assert.Equal(FindingStatus.Warning, kept.Status);
            Assert.Equal(FindingOwner.DeviceAdmin, kept.Owner);
            Assert.Contains("Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy", kept.Summary);

            s.Pc.FsLogixRedirections("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>").FsLogixRoamIdentity(1);
            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(1, string.Empty), "/status");
            var unknown = Check(s, CheckIds.AccountVdiIdentity);
            Assert.Equal(FindingStatus.Skipped, unknown.Status);
            Assert.Contains(unknown.Evidence, e => e.Contains("not readable"));
        }

        [Fact]
        public void ATpmLockoutInThePeriodFailsForTheDeviceAnOlderOneDoesNotAndAnUnreadableLogIsSkipped()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Pc.RunAsSystem();
            s.Pc.TpmLockout(TimeSpan.FromDays(9));

            Assert.Equal(FindingStatus.Pass, Check(s, CheckIds.AccountTpm).Status);

            s.Pc.TpmLockout(TimeSpan.FromHours(3));
            var locked = Check(s, CheckIds.AccountTpm);
            Assert.Equal(FindingStatus.Fail, locked.Status);
            Assert.Equal(FindingOwner.Device, locked.Owner);
            Assert.Contains("dictionary-attack lockout 1 time in", locked.Summary);
            Assert.Contains(locked.Evidence, e => e.Contains("System event 1026 (TPM-WMI)"));
            Assert.Contains("Not changed by this module", locked.Remedy);

            // Skipped only when the TPM's own state cannot be read either (TpmStateCheckTests covers the state).
            s.Machine.SimulatedEvents.SystemLogFailureReason = "The System log could not be read: access denied.";
            s.Machine.SimulatedTpm.Refused = "TPM Base Services refused a context: TBS_E_SERVICE_NOT_RUNNING (0x80284008).";
            Assert.Equal(FindingStatus.Skipped, Check(s, CheckIds.AccountTpm).Status);
        }

        [Fact]
        public void TpmErrorsInTheUsersEvidenceAreAWarningForTheDevice()
        {
            using var s = new SimulatedSession();
            var alice = HealthyUser(s);
            s.Pc.RunAsSystem();
            BrokenPc.AadError(s, alice, "80280803");

            var finding = Check(s, CheckIds.AccountTpm);

            Assert.Equal(FindingStatus.Warning, finding.Status);
            Assert.Contains("80280803", finding.Summary);
            Assert.Contains(finding.Evidence, e => e.Contains("TPM_E_DEFEND_LOCK_RUNNING"));
        }

        [Fact]
        public void DualStateAndABlockedRegistrationWhereItIsNeededAreWarningsForTheDeviceAdmin()
        {
            using var s = new SimulatedSession();
            HealthyUser(s);
            s.Pc.RunAsSystem();

            RecordDsreg(s, "dual");
            var dual = Check(s, CheckIds.AccountDeviceState);
            Assert.Equal(FindingStatus.Warning, dual.Status);
            Assert.Equal(FindingOwner.DeviceAdmin, dual.Owner);
            Assert.Contains("dual state", dual.Summary);

            s.Pc.BlockWorkplaceJoin();
            RecordDsreg(s, "unjoined");
            var blocked = Check(s, CheckIds.AccountDeviceState);
            Assert.Equal(FindingStatus.Warning, blocked.Status);
            Assert.Contains("BlockAADWorkplaceJoin = 1", blocked.Summary);

            RecordDsreg(s, "hybrid");
            Assert.Equal(FindingStatus.Pass, Check(s, CheckIds.AccountDeviceState).Status);

            s.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(1, string.Empty), "/status");
            Assert.Equal(FindingStatus.Skipped, Check(s, CheckIds.AccountDeviceState).Status);
        }

        [Fact]
        public void ADeviceAdminsProblemAloneMakesTheRepairHandItOverAndChangeNothing()
        {
            using var s = new SimulatedSession();
            var alice = BrokenPc.Healthy(s);
            RecordDsreg(s, "entra");
            s.Pc.FsLogixProfiles().FsLogixRoamIdentity(1);

            var result = s.Run("Repair-TeamsCaa20002 -Force");

            var summary = Assert.IsType<TeamsRepairSummary>(result.Output.Last().BaseObject);
            Assert.Equal(RepairOutcome.NeedsAdmin, summary.Outcome);
            Assert.Equal(3, summary.ExitCode);
            Assert.Contains(summary.ProblemsAfter, p => p.Contains(CheckIds.AccountVdiIdentity));
            Assert.Equal(1u, s.Machine.Registry.GetValue(new RegistryKeyPath(RegistryHive.LocalMachine,
                TeamsRemediation.Targets.VirtualDesktopHost.FsLogixProfilesKey), IdentityRoamingChecks.RoamIdentityValue)!.AsDWord);
            Assert.True(PcFixability.IsOutsideThePc(FindingOwner.DeviceAdmin));
        }
    }
}
