using System;
using System.Linq;
using System.Text;
using System.Xml;
using FsCheck;
using FsCheck.Fluent;
using TeamsRemediation.Account;
using TeamsRemediation.Codes;
using TeamsRemediation.Events;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>Real outputs cut short, re-encoded, sprinkled with control characters or blown up: the parsers never throw past themselves and never
    /// yield a control character or a code that was not there.</summary>
    public sealed class ParserPropertyTests
    {
        private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

        private static bool Printable(string s) => s.All(c => !char.IsControl(c));

        /// <summary>A fixture cut at a random point, re-encoded through a random code page, with random control characters inserted.</summary>
        private static Gen<string> Mangled(string fixture) =>
            from cut in Gen.Choose(0, fixture.Length)
            from encoding in Gen.Elements("utf-16", "latin1", "utf-8", "us-ascii")
            from noise in Gen.ListOf(from at in Gen.Choose(0, Math.Max(0, cut)) from c in Gen.Elements('\0', '\a', '\u001b', '\u0085', '\uFFFD',
                '\r') select (at, c))
            select Insert(Encoding.GetEncoding(encoding).GetString(Encoding.UTF8.GetBytes(fixture.Substring(0, cut))), noise);

        private static string Insert(string text, System.Collections.Generic.IEnumerable<(int, char)> noise)
        {
            var builder = new StringBuilder(text);
            foreach (var (at, c) in noise)
            {
                builder.Insert(Math.Min(at, builder.Length), c);
            }

            return builder.ToString();
        }

        [Fact]
        public void DsregcmdOutputMangledAnyWayYieldsPrintableValuesOnly()
        {
            var fixture = Fixture.Text("dsregcmd-status.txt");
            Check.One(Runs, Prop.ForAll(Mangled(fixture).ToArbitrary(), text =>
            {
                var status = DsregStatus.Parse(text);
                var values = new[] { DsregStatus.DeviceState, DsregStatus.SsoState, DsregStatus.UserState, DsregStatus.TenantDetails }
                    .SelectMany(section => new[] { "AzureAdJoined", "DomainJoined", "AzureAdPrt", "Server Error Description", "TenantName",
                        "WorkplaceJoined" }.Select(name => status.Get(section, name) ?? string.Empty));
                return values.All(Printable) && Printable(status.JoinType) && Printable(status.PrtFailure);
            }));
        }

        [Fact]
        public void EventTextMangledAnyWayYieldsPrintableFieldsAndOnlyCodesThatWereThere()
        {
            var fixture = Fixture.Text("aad-event-1098.txt");
            Check.One(Runs, Prop.ForAll(Mangled(fixture).ToArbitrary(), text =>
            {
                var d = AadEventDetails.Parse(text);
                return Printable(d.ErrorText) && Printable(d.OAuthCode) && Printable(d.Error) && Printable(d.Aadsts)
                    && (d.Aadsts.Length == 0 || text.Contains(d.Aadsts))
                    && CodeCatalog.Extract(text).All(c => text.IndexOf(c, StringComparison.OrdinalIgnoreCase) >= 0);
            }));
        }

        [Fact]
        public void EventXmlCutShortIsAnXmlExceptionOrEventsNeverAnythingElse()
        {
            var fixture = Fixture.Text("wevtutil-aad-1098.xml");
            Check.One(Runs, Prop.ForAll(Mangled(fixture).ToArbitrary(), text =>
            {
                try
                {
                    return AadEventXml.Parse(text).All(e => e.UserSid != null && e.Message != null);
                }
                catch (XmlException)
                {
                    return true;
                }
            }));
        }

        [Fact]
        public void CmdkeyListingMangledAnyWayNeverThrows()
        {
            var fixture = Fixture.Text("cmdkey-list.txt");
            Check.One(Runs, Prop.ForAll(Mangled(fixture).ToArbitrary(), text => CredentialListing.Parse(text).All(c => c.Target != null)));
        }

        [Theory]
        [InlineData("wam-list-success.json")]
        [InlineData("wam-signout-success.json")]
        [InlineData("wam-list-providererror.json")]
        public void TheWamScriptsJsonMangledAnyWayIsAReportOrNoneNeverAnException(string fixtureName)
        {
            var fixture = Fixture.Text(fixtureName);
            Check.One(Runs, Prop.ForAll(Mangled(fixture).ToArbitrary(), text =>
            {
                var report = TeamsRemediation.Windows.WindowsPowerShellScript.ParseReport<WamScriptReport>("WARNING: noise\r\n" + text);
                return report == null || report.Status != null && report.Clients.All(c => c != null);
            }));
        }

        [Fact]
        public void HugeInputsAreParsedWithoutFailing()
        {
            var random = new Random(20002);
            var huge = new string(Enumerable.Range(0, 4 * 1024 * 1024).Select(_ => (char)random.Next(0, 0x3000)).ToArray());
            var hugeLines = string.Concat(Enumerable.Repeat("             AzureAdJoined : YES\r\n  Server Error Description : AADSTS50126: x " +
                "caa2f00d-5b6e-4c1a-9d2e-0123456789ab\r\n", 50_000));

            Assert.False(DsregStatus.Parse(huge).IsRecognized);
            Assert.Equal("YES", DsregStatus.Parse(hugeLines).Get(string.Empty, "AzureAdJoined"));
            Assert.Equal("AADSTS50126", AadEventDetails.Parse(hugeLines).Aadsts);
            Assert.Equal(new[] { "AADSTS50126" }, CodeCatalog.Extract(hugeLines));
            Assert.Empty(CredentialListing.Parse(huge));
        }
    }
}
