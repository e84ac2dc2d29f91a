using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Events;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Codes
{
    public sealed class CodeCatalogTests
    {
        [Theory]
        [InlineData("CAA20002", CodeCause.Request, true)]
        [InlineData("0xcaa20003", CodeCause.Clock, true)]
        [InlineData("CAA2000C", CodeCause.Interaction, false)]
        [InlineData("CAA20004", CodeCause.Policy, false)]
        [InlineData("CAA82F8F", CodeCause.Tls, true)]
        [InlineData("CAA90015", CodeCause.Proxy, true)]
        [InlineData("CAA5004B", CodeCause.Account, true)]
        [InlineData("80090016", CodeCause.Broker, true)]
        public void KnownCodesComeFromTheTable(string code, CodeCause cause, bool breaks)
        {
            var info = CodeCatalog.Explain(code);

            Assert.Equal(cause, info.Cause);
            Assert.Equal(breaks, info.BreaksSignIn);
            Assert.DoesNotContain("unknown", info.Meaning);
        }

        [Theory]
        [InlineData("CAA82EE9", CodeCause.Network, "12009")]
        [InlineData("CAA70006", CodeCause.Network, "6")]
        [InlineData("CAA30194", CodeCause.Network, "HTTP status 404")]
        [InlineData("CAA6000F", CodeCause.Proxy, "JSON")]
        [InlineData("CAA2FFFF", CodeCause.Request, "OAuth")]
        [InlineData("CAAB0001", CodeCause.Broker, "broker")]
        [InlineData("CAA90099", CodeCause.Request, "token flow")]
        public void UnknownCaaCodesAreClassifiedByFacility(string code, CodeCause cause, string meaningPart)
        {
            var info = CodeCatalog.Explain(code);

            Assert.Equal(cause, info.Cause);
            Assert.Contains(meaningPart, info.Meaning);
        }

        [Theory]
        [InlineData(ProbeOutcome.NameNotResolved, "CAA82EE7", CodeCause.Network)]
        [InlineData(ProbeOutcome.ConnectFailed, "CAA82EFD", CodeCause.Network)]
        [InlineData(ProbeOutcome.TimedOut, "CAA82EE2", CodeCause.Network)]
        [InlineData(ProbeOutcome.ProxyRefused, "CAA70004", CodeCause.Proxy)]
        [InlineData(ProbeOutcome.TlsFailed, "CAA82F8F", CodeCause.Tls)]
        [InlineData(ProbeOutcome.HtmlInsteadOfService, "CAA90015", CodeCause.Proxy)]
        public void AProbeFailureIsShownAsTheCatalogsCodeForItsCause(ProbeOutcome outcome, string code, CodeCause cause)
        {
            Assert.Equal(code, CodeCatalog.ClientCodeFor(outcome));
            var info = CodeCatalog.Explain(code);
            Assert.Equal(cause, info.Cause);
            Assert.True(info.BreaksSignIn);
        }

        [Theory]
        [InlineData(ProbeOutcome.Ok)]
        [InlineData(ProbeOutcome.NoHttpAnswer)]
        [InlineData(ProbeOutcome.InternalError)]
        public void AProbeThatMetNoNetworkFailureHasNoClientCode(ProbeOutcome outcome) =>
            Assert.Equal(string.Empty, CodeCatalog.ClientCodeFor(outcome));

        [Fact]
        public void ExtractionFindsCaaAndAadstsCodesOnceEachAndNothingInsideOtherWords()
        {
            var codes = CodeCatalog.Extract("err=0xcaa20002 again CAA20002, AADSTS50126 ; xCAA20002 TOCAA200021 AADSTS50126 hr 0x80090016");

            Assert.Equal(new[] { "CAA20002", "AADSTS50126", "80090016" }, codes);
        }

        [Theory]
        [InlineData("CAA2000B", FindingOwner.TenantAdmin)]
        [InlineData("CAA20003", FindingOwner.Device)]
        [InlineData("CAA20004", FindingOwner.TenantAdmin)]
        [InlineData("CAA2000C", FindingOwner.User)]
        [InlineData("CAA50021", FindingOwner.Device)]
        [InlineData("CAA5001C", FindingOwner.Device)]
        [InlineData("CAA70004", FindingOwner.Network)]
        [InlineData("CAA82EE7", FindingOwner.Network)]
        [InlineData("AADSTS50076", FindingOwner.User)]
        [InlineData("AADSTS50079", FindingOwner.User)]
        [InlineData("AADSTS50158", FindingOwner.User)]
        [InlineData("AADSTS53003", FindingOwner.TenantAdmin)]
        [InlineData("AADSTS50053", FindingOwner.User)]
        [InlineData("AADSTS50057", FindingOwner.TenantAdmin)]
        [InlineData("AADSTS50126", FindingOwner.User)]
        [InlineData("AADSTS50173", FindingOwner.User)]
        [InlineData("AADSTS700082", FindingOwner.User)]
        [InlineData("AADSTS90014", FindingOwner.Device)]
        public void EachCatalogedCodeHasAMeaningAnOwnerAndAdviceWhenThePcCannotFixIt(string code, FindingOwner owner)
        {
            var info = CodeCatalog.Explain(code);

            Assert.Equal(code, info.Code);
            Assert.Equal(owner, info.Owner);
            Assert.DoesNotContain("unknown", info.Meaning);
            Assert.DoesNotContain("see https://", info.Meaning);
            Assert.Equal(info.IsOutsideThePc, info.Advice.Length > 0);
            Assert.False(info.IsOutsideThePc && info.BreaksSignIn, "a code outside the PC never makes the PC fail");
        }

        [Fact]
        public void UnknownAadstsCodesPointAtMicrosoftsLookup()
        {
            Assert.Equal("invalid user name or password", CodeCatalog.ExplainAadsts("AADSTS50126"));
            Assert.Equal("see https://login.microsoftonline.com/error?code=1234567", CodeCatalog.ExplainAadsts("1234567"));
        }

        [Fact]
        public void TheEventFixtureDescriptionIsParsed()
        {
            var text = Fixture.Text("aad-event-1098.txt");
            var description = text.Substring(text.IndexOf("Error:"));

            var details = AadEventDetails.Parse(description);

            Assert.Equal("0xCAA2000C", details.Error);
            Assert.Equal("interaction_required", details.OAuthCode);
            Assert.Equal("AADSTS50076", details.Aadsts);
            Assert.True(details.IsTeams);
            Assert.Equal("5f0c2a91-3b7e-4d2c-9a61-0d4b8e2f7c11", details.CorrelationId);
            Assert.Equal(new[] { "CAA2000C", "AADSTS50076" }, CodeCatalog.Extract(description).ToArray());
        }
    }
}
