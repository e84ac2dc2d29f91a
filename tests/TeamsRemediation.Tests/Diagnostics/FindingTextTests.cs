using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using TeamsRemediation.Account;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Events;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    public sealed class FindingTextTests
    {
        private static bool Printable(string s) => s.All(c => !char.IsControl(c) && c != '\uFFFD'
            && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format);

        [Theory]
        [InlineData("Tenant\0Name\a", "Tenant?Name?")]
        [InlineData("line one\r\nline two\tend", "line one  line two end")]
        [InlineData("evil\u202Etxt.exe", "evil?txt.exe")]
        [InlineData("Müller 😀", "Müller 😀")]
        public void OutsideTextIsMadePrintableWithoutLosingItsLength(string raw, string clean)
        {
            Assert.Equal(clean, FindingText.Clean(raw));
        }

        [Fact]
        public void UnpairedSurrogatesAndReplacementCharactersBecomeQuestionMarks()
        {
            Assert.Equal("broken ? surrogate ? ?", FindingText.Clean("broken \uD800 surrogate \uDC00 \uFFFD"));
        }

        [Fact]
        public void AnyStringComesOutPrintableAndAsLong()
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll<string>(s =>
            {
                var clean = FindingText.Clean(s);
                return Printable(clean) && clean.Length == (s ?? string.Empty).Length;
            }));
        }

        [Fact]
        public void ParsersOfOutsideTextNeverThrowOnAnyInput()
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll<string>(s =>
            {
                var dsreg = DsregStatus.Parse(s ?? string.Empty);
                var details = AadEventDetails.Parse(s ?? string.Empty);
                var credentials = CredentialListing.Parse(s ?? string.Empty);
                return dsreg != null && details != null && credentials != null;
            }));
        }
    }
}
