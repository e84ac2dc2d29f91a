using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>Rung 2's admin pack: what Entra's sign-in logs are searched by, and never a token, credential or cookie.</summary>
    public sealed class AdminPackTests
    {
        private const string Jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIwMDAwMDAwMy0wMDAwIiwidXBuIjoiYWxpY2UifQ.c2lnbmF0dXJlLXBhcnQ";
        private const string RefreshToken = "0.AXYAaBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ_-0123456789";
        private const string Cookie = "ESTSAUTHPERSISTENT=1.AXYAsecretcookievalue";

        [Fact]
        public void ThePackHoldsTheTimesIdsCodesTenantDevicePrincipalsAndVersionsOfTheFailures()
        {
            using (var pc = new RepairPc())
            {
                var raised = pc.TeamsEvent(pc.Alice, TimeSpan.FromHours(2));
                var sources = Sources(pc, raised);

                var pack = new AdminPackBuilder(pc.Machine).Build(sources);

                Assert.Equal("PC01", pack.ComputerName);
                Assert.Equal("aaaabbbb-0000-cccc-1111-dddd2222eeee", pack.TenantId);
                Assert.Equal("HybridADFS", pack.TenantName);
                Assert.Equal("00aa00aa-bb11-cc22-dd33-44ee44ee44ee", pack.DeviceId);
                Assert.Equal("Hybrid Entra joined", pack.JoinType);
                Assert.Contains("john@contoso.com", pack.UserPrincipals);
                var failure = Assert.Single(pack.FailureRecords);
                Assert.Equal(raised.TimeCreated.UtcDateTime, failure.TimeUtc);
                Assert.Equal(DateTimeKind.Utc, failure.TimeUtc.Kind);
                Assert.Equal(pc.Alice.UserName, failure.User);
                Assert.Equal(pc.Alice.Sid, failure.UserSid);
                Assert.Equal("0xCAA2000C", failure.Error);
                Assert.Equal("interaction_required", failure.OAuthCode);
                Assert.Equal("AADSTS50076", failure.Aadsts);
                Assert.Equal("multi-factor authentication required", failure.AadstsMeaning);
                Assert.Equal(RepairPc.Correlation, failure.CorrelationId);
                Assert.Equal(RepairPc.Trace, failure.RequestId);
                Assert.Equal("User", failure.Owner);
                Assert.Equal(new[] { RepairPc.Correlation }, pack.CorrelationIds);
                Assert.Equal(new[] { RepairPc.Trace }, pack.RequestIds);
                Assert.Contains("AADSTS50076: multi-factor authentication required", pack.Codes);
                Assert.Contains(pack.Codes, c => c.StartsWith("0xCAA2000C: interaction required", StringComparison.Ordinal));
                Assert.Equal(new[] { pc.Alice.UserName + ": New 25122.1415.3698.6812", pc.Alice.UserName + ": Classic 1.7.00.13456" },
                    pack.ClientVersions.OrderByDescending(v => v, StringComparer.Ordinal).ToArray());
            }
        }

        [Fact]
        public void ATokenARefreshTokenAndACookieInAnEventReachNeitherThePackNorItsFile()
        {
            using (var pc = new RepairPc())
            {
                var leaky = new AadEvent(pc.Now - TimeSpan.FromHours(1), pc.Alice.Sid,
                    "Error: 0xCAA20004 Access denied.\r\nCode: access_denied\r\nDescription: AADSTS53003: Access has been blocked by Conditional "
                        + "Access policies. Trace ID: " + RepairPc.Trace + "\r\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264\r\n"
                        + "Correlation ID (request): " + RepairPc.Correlation + "\r\nAuthorization: Bearer " + Jwt
                        + "\r\nrefresh_token=" + RefreshToken
                        + "\r\nCookie: " + Cookie + "\r\nUser: " + Jwt + "@contoso.com",
                    new[]
                    {
                        new EventDataField("Error", "0xCAA20004"),
                        new EventDataField("AccessToken", Jwt),
                        new EventDataField("RequestId", RefreshToken),
                        new EventDataField("UPN", "alice@contoso.com"),
                    });
                var sources = Sources(pc, leaky);
                sources.Dsreg = DsregStatus.Parse(Fixture.Text("dsregcmd-status.txt").Replace("HybridADFS", Jwt));

                var pack = new AdminPackBuilder(pc.Machine).Build(sources);
                using (var folder = new TempFolder())
                {
                    var text = File.ReadAllText(AdminPackFile.Write(pack, folder.Path));

                    var everyValue = Strings(pack).Concat(pack.FailureRecords.SelectMany(Strings)).Concat(new[] { text }).ToList();
                    foreach (var secret in new[] { Jwt, "eyJ0eXAi", RefreshToken, "0.AXYAaBcDeF", Cookie, "secretcookievalue" })
                    {
                        Assert.DoesNotContain(everyValue, v => v.Contains(secret));
                    }

                    var failure = Assert.Single(pack.FailureRecords);
                    Assert.Equal("AADSTS53003", failure.Aadsts);
                    Assert.Equal("TenantAdmin", failure.Owner);
                    Assert.Equal(RepairPc.Trace, failure.RequestId);
                    Assert.Equal(string.Empty, pack.TenantName);
                    Assert.Contains("alice@contoso.com", pack.UserPrincipals);
                    Assert.Contains(RepairPc.Correlation, text);
                    Assert.Contains("AADSTS53003", text);
                }
            }
        }

        [Fact]
        public void OtherAppsEventsAndOtherUsersEventsStayOutAndAnEmptyPeriodSaysSo()
        {
            using (var pc = new RepairPc())
            {
                var office = new AadEvent(pc.Now - TimeSpan.FromHours(1), pc.Alice.Sid, "Error: 0xCAA20002 x\r\nClient ID: "
                    + TeamsRemediation.Codes.CodeCatalog.OfficeClientId + "\r\nCorrelation ID (request): 11111111-2222-3333-4444-555555555555");
                var sources = Sources(pc, office, pc.TeamsEvent(pc.Bob, TimeSpan.FromHours(1)));

                var pack = new AdminPackBuilder(pc.Machine).Build(sources);

                Assert.Empty(pack.FailureRecords);
                Assert.Empty(pack.CorrelationIds);
                Assert.Contains(pack.Notes, n => n.StartsWith("No Teams token errors (event 1098)", StringComparison.Ordinal));
            }
        }

        [Fact]
        public void GatheredOnTheSimulatedPCThePackReadsDsregcmdTheEventsAndTheVersionsAndIsWrittenToTheReportFolder()
        {
            using (var pc = new RepairPc())
            {
                pc.Machine.CommandRunner.Record("dsregcmd", CommandResult.Completed(0, Fixture.Text("dsregcmd-status.txt")), "/status");
                pc.Machine.SimulatedEvents.Add(pc.TeamsEvent(pc.Alice, TimeSpan.FromHours(3)));
                var builder = new AdminPackBuilder(pc.Machine);
                var users = new[] { RepairPc.Target(pc.Alice) };

                var pack = builder.Build(builder.Gather(users, new TeamsCaa20002Finding[0], TimeSpan.FromDays(1), TimeSpan.FromSeconds(5)));
                var path = AdminPackFile.Write(pack, RepairReportFolder.Create(pc.Machine));

                Assert.Equal(path, pack.FilePath);
                Assert.Equal(AdminPackFile.FileName, Path.GetFileName(path));
                Assert.Equal("aaaabbbb-0000-cccc-1111-dddd2222eeee", pack.TenantId);
                Assert.Contains(pc.Alice.UserName + ": New 25122.1415.3698.6812", pack.ClientVersions);
                Assert.Equal(RepairPc.Correlation, Assert.Single(pack.FailureRecords).CorrelationId);
                Assert.Equal(24, pack.PeriodHours);
                var text = File.ReadAllText(path);
                Assert.Contains("Tenant id: aaaabbbb-0000-cccc-1111-dddd2222eeee", text);
                Assert.Contains("Device id: 00aa00aa-bb11-cc22-dd33-44ee44ee44ee", text);
                Assert.Contains("correlation id " + RepairPc.Correlation + ", request id " + RepairPc.Trace, text);
                Assert.Throws<IOException>(() => AdminPackFile.Write(pack, Path.GetDirectoryName(path)!));
            }
        }

        [Fact]
        public void WhenDsregcmdCannotRunThePackSaysWhyItsDeviceFieldsAreEmpty()
        {
            using (var pc = new RepairPc())
            {
                var builder = new AdminPackBuilder(pc.Machine);

                var pack = builder.Build(builder.Gather(new[] { RepairPc.Target(pc.Alice) }, new TeamsCaa20002Finding[0], TimeSpan.FromDays(1),
                    TimeSpan.FromSeconds(5)));

                Assert.Equal(string.Empty, pack.TenantId);
                Assert.Equal(string.Empty, pack.DeviceId);
                Assert.Contains(pack.Notes, n => n.StartsWith("dsregcmd /status gave no device details: ", StringComparison.Ordinal)
                    && n.Contains("not on this machine"));
            }
        }

        [Fact]
        public void AFailureOfACauseTheRunRepairedIsLeftOutWithANoteNamingOnlyTheCausesLeftOut()
        {
            using (var pc = new RepairPc())
            {
                var tls = new AadEvent(pc.Now - TimeSpan.FromHours(3), pc.Alice.Sid,
                    "Error: 0xCAA82F7D secure channel failure\r\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264");
                var mfa = pc.TeamsEvent(pc.Alice, TimeSpan.FromHours(2));
                var sources = Sources(pc, tls, mfa);
                sources.Repaired = new[] { CodeCause.Tls, CodeCause.Clock, CodeCause.Interaction };

                var pack = new AdminPackBuilder(pc.Machine).Build(sources);

                // The MFA failure is the user's: a repaired cause of the same name does not take it out.
                Assert.Equal("0xCAA2000C", Assert.Single(pack.FailureRecords).Error);
                Assert.DoesNotContain(pack.Codes, c => c.StartsWith("0xCAA82F7D", StringComparison.Ordinal));
                Assert.Contains("1 Teams token error of a cause this run repaired (Tls) is left out: it is not what is left for the user "
                    + "or the tenant admin.", pack.Notes);

                sources.Events = EventQueryResult.Read(new[] { tls });
                var onlyRepaired = new AdminPackBuilder(pc.Machine).Build(sources);

                Assert.Empty(onlyRepaired.FailureRecords);
                Assert.DoesNotContain(onlyRepaired.Notes, n => n.StartsWith("No Teams token errors", StringComparison.Ordinal));
            }
        }

        private static AdminPackSources Sources(RepairPc pc, params AadEvent[] events) => new AdminPackSources
        {
            Users = new[] { RepairPc.Target(pc.Alice) },
            Dsreg = DsregStatus.Parse(Fixture.Text("dsregcmd-status.txt")),
            Events = EventQueryResult.Read(events),
            Installations = new TeamsRemediation.Inventory.TeamsInventory(pc.Machine).Find(RepairPc.Target(pc.Alice),
                TeamsRemediation.Targets.TeamsClientSelection.Installed, measureCache: false),
            Since = TimeSpan.FromDays(7),
        };

        private static System.Collections.Generic.IEnumerable<string> Strings(object item) => item.GetType().GetProperties()
            .Select(p => p.GetValue(item)).SelectMany(v => v is string s ? new[] { s } : v is string[] a ? a : new string[0]);
    }
}
