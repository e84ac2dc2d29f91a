using System;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Tls
{
    public sealed class TlsRepairRuleTests
    {
        private static TlsRegistryValue Setting(TlsSettingArea area, string name) => TlsRegistryLocations.Written.First(v => v.Area == area && v.Name == name);

        private static TlsRepairDecision Decide(TlsSettingArea area, string name, RegistryValue? current, bool keyExists = true) =>
            TlsRepairRule.Decide(Setting(area, name), current, () => keyExists);

        [Theory]
        [InlineData("Enabled", 0u, TlsChangeAction.Updated, 1u)]
        [InlineData("Enabled", 1u, TlsChangeAction.Unchanged, null)]
        [InlineData("Enabled", 0xFFFFFFFFu, TlsChangeAction.Unchanged, null)]
        [InlineData("DisabledByDefault", 1u, TlsChangeAction.Updated, 0u)]
        [InlineData("DisabledByDefault", 0u, TlsChangeAction.Unchanged, null)]
        public void SchannelFlags(string name, uint current, TlsChangeAction action, uint? written)
        {
            var decision = Decide(TlsSettingArea.Schannel, name, RegistryValue.DWord(current));

            Assert.Equal(action, decision.Action);
            Assert.Equal(written.HasValue ? RegistryValue.DWord(written.Value) : null, decision.NewValue);
        }

        [Theory]
        [InlineData(0u, TlsChangeAction.Updated)]
        [InlineData(2u, TlsChangeAction.Updated)]
        [InlineData(1u, TlsChangeAction.Unchanged)]
        public void DotNetFlagsMustBeExactlyOne(uint current, TlsChangeAction action)
        {
            Assert.Equal(action, Decide(TlsSettingArea.DotNet, "SchUseStrongCrypto", RegistryValue.DWord(current)).Action);
        }

        [Fact]
        public void AbsentValuesStayAbsentExceptTheRecommendedDotNetOnesUnderAnExistingKey()
        {
            Assert.Equal(TlsChangeAction.Unchanged, Decide(TlsSettingArea.Schannel, "Enabled", null).Action);
            Assert.Equal(TlsChangeAction.Unchanged, Decide(TlsSettingArea.WinHttp, "DefaultSecureProtocols", null).Action);
            Assert.Equal(TlsChangeAction.Unchanged, Decide(TlsSettingArea.InternetOptions, "SecureProtocols", null).Action);
            Assert.Equal(RegistryValue.DWord(1), Decide(TlsSettingArea.DotNet, "SystemDefaultTlsVersions", null).NewValue);
            Assert.Equal(TlsChangeAction.Created, Decide(TlsSettingArea.DotNet, "SystemDefaultTlsVersions", null).Action);
            Assert.Equal(TlsChangeAction.Skipped, Decide(TlsSettingArea.DotNet, "SystemDefaultTlsVersions", null, keyExists: false).Action);
        }

        [Theory]
        [InlineData("2688", 0xA80u)]
        [InlineData("0x2280", 0x2A80u)]
        [InlineData(" 160 ", 0x8A0u)]
        public void AMaskWrittenAsTextKeepsItsProtocolsAndBecomesADWord(string text, uint written)
        {
            var decision = Decide(TlsSettingArea.WinHttp, "DefaultSecureProtocols", RegistryValue.String(text));

            Assert.Equal(TlsChangeAction.Updated, decision.Action);
            Assert.Equal(RegistryValue.DWord(written), decision.NewValue);
        }

        [Fact]
        public void AMaskThatIsNotANumberIsLeftAloneAndAFlagOfTheWrongTypeIsRewritten()
        {
            Assert.Equal(TlsChangeAction.Skipped, Decide(TlsSettingArea.InternetOptions, "SecureProtocols", RegistryValue.String("TLS12")).Action);
            Assert.Equal(RegistryValue.DWord(1), Decide(TlsSettingArea.Schannel, "Enabled", RegistryValue.String("1")).NewValue);
            Assert.Equal(RegistryValue.DWord(0), Decide(TlsSettingArea.Schannel, "DisabledByDefault", RegistryValue.Binary(new byte[] { 1 })).NewValue);
            Assert.Equal(RegistryValue.DWord(0xA80), Decide(TlsSettingArea.WinHttp, "DefaultSecureProtocols", RegistryValue.QWord(0x280)).NewValue);
        }

        [Fact]
        public void APolicyValueCanNeverBeDecidedAsAWrite()
        {
            var policy = TlsRegistryLocations.Policies.First();

            Assert.Throws<ArgumentException>(() => TlsRepairRule.Decide(policy, RegistryValue.DWord(0), () => true));
        }
    }
}
