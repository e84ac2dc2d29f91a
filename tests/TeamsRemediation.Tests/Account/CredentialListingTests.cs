using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    public sealed class CredentialListingTests
    {
        [Theory]
        [InlineData("cmdkey-list.txt", 7)]
        [InlineData("cmdkey-list-de.txt", 4)]
        public void ReadsEveryTargetWhateverTheLanguageOfTheLabels(string fixture, int count)
        {
            var all = CredentialListing.Parse(Fixture.Text(fixture));

            Assert.Equal(count, all.Count);
            Assert.Contains(all, c => c.Target == "LegacyGeneric:target=msteams_adalsso/adal_context_0" && c.Kind == "LegacyGeneric"
                && c.Name == "msteams_adalsso/adal_context_0");
            Assert.Contains(all, c => c.Kind == "MicrosoftAccount" && c.Name == "alice.private@outlook.com");
        }

        [Theory]
        [InlineData("cmdkey-list.txt")]
        [InlineData("cmdkey-list-de.txt")]
        public void OnlyClassicTeamsCredentialsAreRemovableByDefault(string fixture)
        {
            var removable = CredentialListing.Parse(Fixture.Text(fixture)).Where(c =>
                CredentialListing.IsRemovable(c, includeOffice: false)).Select(c => c.Name);

            Assert.Equal(new[] { "msteams_adalsso/adal_context_segments", "msteams_adalsso/adal_context_0" }, removable);
        }

        [Fact]
        public void IncludeOfficeAddsOfficeAndNeverAPersonalAccount()
        {
            var removable = CredentialListing.Parse(Fixture.Text("cmdkey-list.txt")).Where(c =>
                CredentialListing.IsRemovable(c, includeOffice: true)).Select(c => c.Name).ToList();

            Assert.Equal(new[] { "msteams_adalsso/adal_context_segments", "msteams_adalsso/adal_context_0",
                "MicrosoftOffice16_Data:SSPI:alice@contoso.com" }, removable);
        }

        [Fact]
        public void APersonalAccountNamedLikeTeamsIsStillNeverRemovable()
        {
            var odd = Assert.Single(CredentialListing.Parse("    Target: MicrosoftAccount:target=msteams_adalsso/adal_context_0\n"));

            Assert.False(CredentialListing.IsRemovable(odd, includeOffice: true));
        }

        [Fact]
        public void AnEmptyVaultListsNothing()
        {
            Assert.Empty(CredentialListing.Parse("\r\nCurrently stored credentials:\r\n\r\n* NONE *\r\n"));
        }
    }
}
