using TeamsRemediation.Repair;
using Xunit;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>What counts as a possible secret in text written for people, and what is left alone because an admin needs it.</summary>
    public sealed class SecretTextTests
    {
        [Theory]
        [InlineData("Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")]
        [InlineData("token eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln in the text")]
        [InlineData("refresh_token=0.AXYA-short")]
        [InlineData("Cookie: ESTSAUTH=abc")]
        [InlineData("x-ms-RefreshTokenCredential: abc.def")]
        [InlineData("https://login.microsoftonline.com/common/oauth2/authorize?code=OAQABAAIAAAD&state=1")]
        [InlineData("password=Summer2026!")]
        [InlineData("opaque 0.AXYAaBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ_-0123456789 end")]
        [InlineData("blob QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODkrL0FCQ0RFRkdISUpL==")]
        public void SecretsAreRecognizedAndRemoved(string text)
        {
            Assert.True(SecretText.LooksSecret(text), text);
            var redacted = SecretText.Redact(text);
            Assert.Contains(SecretText.Removed, redacted);
            Assert.False(SecretText.LooksSecret(redacted), redacted);
        }

        [Theory]
        [InlineData("Correlation ID (request): 7d2c5b1e-4a8f-4f0e-9b7c-3e1a2d4f6a88")]
        [InlineData("Error: 0xCAA2000C The request requires user interaction.")]
        [InlineData("Code: interaction_required")]
        [InlineData("Description: AADSTS50126: Error validating credentials due to invalid username or password.")]
        [InlineData("TokenEndpoint: https://login.microsoftonline.com/common/oauth2/token")]
        [InlineData("Redirect URI: ms-appx-web://Microsoft.AAD.BrokerPlugin/1fec8e78-bce4-4aaf-ab1b-5451cc387264")]
        [InlineData("Credential Type : Password")]
        [InlineData("john@contoso.com")]
        public void WhatAnAdminNeedsIsLeftAlone(string text)
        {
            Assert.False(SecretText.LooksSecret(text), text);
            Assert.Equal(text, SecretText.Redact(text));
        }
    }
}
