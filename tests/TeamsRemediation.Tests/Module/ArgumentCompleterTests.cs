using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>Tab completion as the console asks for it (TabExpansion2 in the engine), answered by the simulated PC.</summary>
    public sealed class ArgumentCompleterTests
    {
        private static List<string> Complete(SimulatedSession s, string input)
        {
            var completion = s.Shell.Invoke("TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length", input);
            var result = (CommandCompletion)Assert.Single(completion).BaseObject;
            return result.CompletionMatches.Select(m => m.CompletionText).ToList();
        }

        [Fact]
        public void CheckIdCompletesFromTheFixedListInItsOrder()
        {
            using var s = new SimulatedSession();

            Assert.Equal(CheckIds.All.ToList(), Complete(s, "Test-TeamsCaa20002 -CheckId "));
            Assert.Equal(new[] { "Tls.Schannel", "Tls.DotNet", "Tls.WinHttp", "Tls.InternetOptions" }, Complete(s,
                "Test-TeamsCaa20002 -CheckId tls."));
        }

        [Fact]
        public void CheckIdCompletionTakesAWildcard()
        {
            using var s = new SimulatedSession();

            Assert.Equal(new[] { "Account.Prt" }, Complete(s, "Test-TeamsCaa20002 -CheckId *prt"));
            Assert.Equal(new[] { "Teams.Client", "Teams.Cache" }, Complete(s, "Test-TeamsCaa20002 -CheckId Teams.C*"));
        }

        [Fact]
        public void UserNameAndUserSidCompleteFromTheProfilesOfThePc()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var bob = s.Pc.AddUser("bob", loggedOn: false, hiveLoaded: false);
            s.Pc.RunAsSystem();

            foreach (var cmdlet in new[] { "Get-TeamsInstallation", "Test-TeamsCaa20002", "Reset-TeamsWorkAccount", "Clear-TeamsCache",
                "Enable-Tls12" })
            {
                Assert.Equal(new[] { alice.UserName, bob.UserName }, Complete(s, cmdlet + " -UserName "));
                Assert.Equal(new[] { bob.UserName }, Complete(s, cmdlet + @" -UserName CONTOSO\b"));
                Assert.Equal(new[] { alice.Sid, bob.Sid }.OrderBy(x => x, System.StringComparer.OrdinalIgnoreCase), Complete(s, cmdlet
                    + " -UserSid "));
                Assert.Equal(new[] { alice.Sid }, Complete(s, cmdlet + " -UserSid " + alice.Sid));
            }
        }

        [Fact]
        public void APartOfTheNameWithoutItsDomainCompletesToTheWholeName()
        {
            using var s = new SimulatedSession();
            var alice = s.Pc.AddUser("alice", loggedOn: true);
            var albert = s.Pc.AddUser("albert", loggedOn: false, hiveLoaded: false);
            s.Pc.AddUser("bob", loggedOn: false, hiveLoaded: false);
            s.Pc.RunAsSystem();

            Assert.Equal(new[] { albert.UserName, alice.UserName }, Complete(s, "Clear-TeamsCache -UserName al"));
            Assert.Equal(new[] { alice.UserName }, Complete(s, "Clear-TeamsCache -UserName ALI"));
            Assert.Equal(new[] { alice.UserName }, Complete(s, "Clear-TeamsCache -UserName *ice"));
            Assert.Empty(Complete(s, "Clear-TeamsCache -UserName lice"));
        }

        [Fact]
        public void AProfileNameWithASpaceIsQuoted()
        {
            using var s = new SimulatedSession();
            s.Pc.AddUser("jane doe", loggedOn: true);

            Assert.Equal(new[] { @"'CONTOSO\jane doe'" }, Complete(s, "Get-TeamsInstallation -UserName CONTOSO\\j"));
        }
    }
}
