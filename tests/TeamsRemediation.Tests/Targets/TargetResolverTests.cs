using System.Linq;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using Xunit;

namespace TeamsRemediation.Tests.Targets
{
    public sealed class TargetResolverTests
    {
        private static TargetResolution Resolve(SimulatedPc pc, TargetRequest request) => new TargetResolver(pc.Machine.Users).Resolve(request);

        [Fact]
        public void AsSystemWithOneInteractiveUserTheTargetIsThatUserNeverTheSystemProfile()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice", loggedOn: true);
            pc.AddUser("bob", loggedOn: false);
            pc.RunAsSystem();

            var resolution = Resolve(pc, new TargetRequest());

            var user = Assert.Single(resolution.Users);
            Assert.Equal(alice.Sid, user.Sid);
            Assert.Equal(alice.ProfilePath, user.ProfilePath);
            Assert.DoesNotContain("systemprofile", user.ProfilePath, System.StringComparison.OrdinalIgnoreCase);
            Assert.False(user.IsCaller);
            Assert.Empty(resolution.Problems);
        }

        [Fact]
        public void InARemotingSessionTheAdminsOwnProfileIsNotTheImplicitTarget()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice", loggedOn: true);
            var admin = pc.AddUser("admin", loggedOn: false);
            pc.RunAs(admin, elevated: true);

            var resolution = Resolve(pc, new TargetRequest { IsRemotingSession = true });

            var user = Assert.Single(resolution.Users);
            Assert.Equal(alice.Sid, user.Sid);
        }

        [Fact]
        public void AUserRunningItThemselvesIsTheirOwnTarget()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            pc.AddUser("alice", loggedOn: true);
            var bob = pc.AddUser("bob", loggedOn: true);
            pc.RunAs(bob, elevated: false);

            var user = Assert.Single(Resolve(pc, new TargetRequest()).Users);
            Assert.Equal(bob.Sid, user.Sid);
            Assert.True(user.IsCaller);
        }

        [Fact]
        public void AsSystemWithNobodyLoggedOnTheCallStopsWithAnId()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            pc.AddUser("alice", loggedOn: false);
            pc.RunAsSystem();

            var resolution = Resolve(pc, new TargetRequest());

            Assert.Empty(resolution.Users);
            Assert.Equal("NoInteractiveUser", resolution.Terminating?.Error.Id);
        }

        [Theory]
        [InlineData(@"..\x")]
        [InlineData(@"C:\")]
        [InlineData("*")]
        [InlineData("al*ce")]
        [InlineData("../alice")]
        [InlineData("")]
        [InlineData(@"A\B\C")]
        public void UserNamesWithPathOrWildcardCharactersAreRefusedBeforeAnythingIsDone(string name)
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            pc.AddUser("alice", loggedOn: true);

            var resolution = Resolve(pc, new TargetRequest { UserNames = new[] { "alice", name } });

            Assert.Empty(resolution.Users);
            Assert.Equal("InvalidUserName", resolution.Terminating?.Error.Id);
        }

        [Theory]
        [InlineData("alice")]
        [InlineData("ALICE")]
        [InlineData(@"CONTOSO\alice")]
        public void UserNamesMatchAccountOrDomainAccount(string name)
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice");
            pc.AddUser("bob");

            var user = Assert.Single(Resolve(pc, new TargetRequest { UserNames = new[] { name } }).Users);
            Assert.Equal(alice.Sid, user.Sid);
        }

        [Fact]
        public void AnUnknownUserIsReportedWithAnIdAndNothingIsResolvedForIt()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            pc.AddUser("alice");

            var resolution = Resolve(pc, new TargetRequest { UserNames = new[] { "mallory" } });

            Assert.Empty(resolution.Users);
            var problem = Assert.Single(resolution.Problems);
            Assert.Equal("UserNotFound", problem.Error.Id);
            Assert.False(problem.Terminating);
        }

        [Fact]
        public void AnUnknownUserDoesNotStopTheOthers()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice");

            var resolution = Resolve(pc, new TargetRequest { UserNames = new[] { "mallory", "alice" } });

            Assert.Equal(alice.Sid, Assert.Single(resolution.Users).Sid);
            Assert.Equal("UserNotFound", Assert.Single(resolution.Problems).Error.Id);
        }

        [Theory]
        [InlineData("S-1-5-18", "ServiceAccountNotATarget")]
        [InlineData("not-a-sid", "InvalidUserSid")]
        [InlineData("S-1-5-21-1-2-3-4; rm", "InvalidUserSid")]
        public void BadSidsAreRefused(string sid, string id)
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            pc.AddUser("alice");

            Assert.Equal(id, Resolve(pc, new TargetRequest { UserSids = new[] { sid } }).Terminating?.Error.Id);
        }

        [Fact]
        public void AllUsersListsEveryProfileButServiceAccounts()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            pc.AddUser("alice", loggedOn: true);
            pc.AddUser("bob", hiveLoaded: false);
            pc.AddUser("systemprofile", sid: "S-1-5-18");

            var users = Resolve(pc, new TargetRequest { AllUsers = true }).Users;

            Assert.Equal(new[] { "CONTOSO\\alice", "CONTOSO\\bob" }, users.Select(u => u.UserName).OrderBy(n => n));
            Assert.False(users.Single(u => u.UserName.EndsWith("bob")).HiveLoaded);
        }

        [Fact]
        public void AllUsersWithNamesIsABadCombination()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            pc.AddUser("alice");

            Assert.Equal("ConflictingTargetParameters", Resolve(pc,
                new TargetRequest { AllUsers = true, UserNames = new[] { "alice" } }).Terminating?.Error.Id);
        }

        [Fact]
        public void TheSameUserNamedTwiceIsOneTarget()
        {
            var pc = SimulatedPc.Create();
            using var machine = pc.Machine;
            var alice = pc.AddUser("alice");

            var users = Resolve(pc, new TargetRequest { UserNames = new[] { "alice" }, UserSids = new[] { alice.Sid } }).Users;

            Assert.Single(users);
        }
    }
}
