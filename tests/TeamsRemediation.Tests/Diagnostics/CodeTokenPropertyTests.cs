using System;
using System.IO;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TeamsRemediation.Codes;
using TeamsRemediation.Events;
using TeamsRemediation.Logs;
using Xunit;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>A code counts only where it stands as a code: one rule for log lines, event text and the log scanner.</summary>
    public sealed class CodeTokenPropertyTests
    {
        private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(2000);

        [Theory]
        [InlineData("correlation caa2f00d-5b6e-4c1a-9d2e-0123456789ab done")]
        [InlineData("{CAA20002-0000-4000-8000-000000000000}")]
        [InlineData("request 5b6e4c1a-caa20002-9d2e")]
        [InlineData("sha1 3f2a9c1bcaa20002e41d8cd98f00b204e9800998ecf8427e")]
        [InlineData("id=caa20002-")]
        [InlineData("tail 0123-CAA20002")]
        [InlineData("key 80090016-1111-2222-3333-444444444444")]
        [InlineData("blob QAADSTS50076Q and AADSTS50076-abc")]
        public void IdentifiersWithACodeInsideYieldNoCode(string text)
        {
            Assert.Empty(CodeCatalog.Extract(text));
        }

        [Theory]
        [InlineData("ADAL error: 0xCAA20002 invalid_request", "CAA20002")]
        [InlineData("error caa20002.", "CAA20002")]
        [InlineData("(CAA82EE7)", "CAA82EE7")]
        [InlineData("\"errorCode\":\"CAA20004\"", "CAA20004")]
        [InlineData("AADSTS50076: Due to a configuration change", "AADSTS50076")]
        [InlineData("code=AADSTS700082&x", "AADSTS700082")]
        [InlineData("sign-in - CAA2000B - failed", "CAA2000B")]
        [InlineData("-- error -- caa20002", "CAA20002")]
        public void CodesStandingAsCodesAreFound(string text, string code)
        {
            Assert.Equal(new[] { code }, CodeCatalog.Extract(text));
        }

        [Fact]
        public void GeneratedGuidsHashesAndHexRunsYieldNoCode()
        {
            Check.One(Runs, Prop.ForAll(NoiseGenerators.NoiseLine().ToArbitrary(), line => CodeCatalog.Extract(line).Count == 0));
        }

        [Fact]
        public void ACodeAmongNoiseIsFoundAndNothingElse()
        {
            var lines = from left in NoiseGenerators.NoiseLine()
                        from code in NoiseGenerators.StandingCode()
                        from right in NoiseGenerators.NoiseLine()
                        select (Text: left + " " + code.Written + " " + right, code.Code);
            Check.One(Runs, Prop.ForAll(lines.ToArbitrary(), l => CodeCatalog.Extract(l.Text).SequenceEqual(new[] { l.Code })));
        }

        [Fact]
        public void AnyTextYieldsOnlyCodesThatItContainsAndNeverThrows()
        {
            Check.One(Runs, Prop.ForAll<string>(text =>
            {
                foreach (var code in CodeCatalog.Extract(text))
                {
                    if (text.IndexOf(code, StringComparison.OrdinalIgnoreCase) < 0 || code.Any(char.IsControl))
                    {
                        return false;
                    }
                }

                var details = AadEventDetails.Parse(text);
                return details.Aadsts.Length == 0 || text.Contains(details.Aadsts);
            }));
        }

        [Fact]
        public void TheLogScannerAppliesTheSameRuleToNoiseFiles()
        {
            var files = Gen.ListOf(NoiseGenerators.NoiseLine()).Select(ls => string.Join("\n", ls));
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(files.ToArbitrary(), text =>
            {
                var result = new LogScanResult();
                new LogCodeScanner(4096).ScanStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), "noise.log", result);
                return result.Codes.Count == 0;
            }));
        }

        [Fact]
        public void TheLogScannerFindsEachStandingCodeInNoiseFiles()
        {
            var files = from before in Gen.ListOf(NoiseGenerators.NoiseLine())
                        from code in NoiseGenerators.StandingCode()
                        from after in Gen.ListOf(NoiseGenerators.NoiseLine())
                        select (Text: string.Join("\n", before.Concat(new[] { "2026-11-24T09:12:01.000Z Err " + code.Written }).Concat(after)),
                            code.Code);
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(files.ToArbitrary(), f =>
            {
                var result = new LogScanResult();
                new LogCodeScanner(4096).ScanStream(new MemoryStream(Encoding.UTF8.GetBytes(f.Text)), "mixed.log", result);
                return result.Codes.Keys.SequenceEqual(new[] { f.Code }) && result.Codes[f.Code].Count == 1;
            }));
        }

        [Theory]
        [InlineData(4096)]
        [InlineData(5000)]
        public void AHexRunCutByTheReadBufferOrTheExcerptWindowIsNoCode(int bufferBytes)
        {
            // One overlong line of hex: every read piece and every excerpt edge lands inside the run, and a run that
            // holds caa20002 at every offset would yield a code if a cut counted as a token boundary.
            var run = string.Concat(Enumerable.Repeat("0caa20002aadsts50076", 2000));
            var result = new LogScanResult();
            new LogCodeScanner(bufferBytes).ScanStream(new MemoryStream(Encoding.ASCII.GetBytes(run + "\nAADSTS50076 stands alone\n")), "hex.log",
                result);

            Assert.Equal(new[] { "AADSTS50076" }, result.Codes.Keys);
            Assert.Equal(1, result.Codes["AADSTS50076"].Count);
        }

        [Fact]
        public void EventErrorFieldThatIsAGuidIsNoErrorCode()
        {
            var details = AadEventDetails.Parse("Error: 0xcaa2f00d-5b6e-4c1a-9d2e-0123456789ab\r\nDescription: text AADSTS50076-x\r\n");

            Assert.Equal(string.Empty, details.Error);
            Assert.Equal(string.Empty, details.Aadsts);
        }
    }
}
