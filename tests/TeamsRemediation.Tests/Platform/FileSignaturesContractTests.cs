using System;
using System.IO;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// What every <see cref="IFileSignatures"/> must do with a file nobody signed: call it not trusted, with the reason, never throw.
    /// Run against the simulated signatures everywhere and against WinVerifyTrust on Windows.
    /// </summary>
    public abstract class FileSignaturesContractTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "tr-signatures-" + Guid.NewGuid().ToString("N"));

        protected FileSignaturesContractTests()
        {
            Directory.CreateDirectory(folder);
        }

        protected abstract IFileSignatures Signatures { get; }

        [ContractFact]
        public void AFileNobodySignedIsNotTrustedWithTheReason()
        {
            var unsigned = Path.Combine(folder, "MicrosoftEdgeWebview2Setup.exe");
            File.WriteAllBytes(unsigned, new byte[] { 0x4D, 0x5A, 0x90, 0x00 });

            var signature = Signatures.Check(unsigned);

            Assert.Equal(FileSignatureVerdict.NotTrusted, signature.Verdict);
            Assert.NotEqual(string.Empty, signature.Detail);
        }

        public void Dispose() => Directory.Delete(folder, recursive: true);
    }

    public sealed class SimulatedFileSignaturesContractTests : FileSignaturesContractTests
    {
        protected override IFileSignatures Signatures { get; } = new SimulatedFileSignatures();
    }

    [WindowsOnlyContract]
    public sealed class WindowsFileSignaturesContractTests : FileSignaturesContractTests
    {
        protected override IFileSignatures Signatures => WindowsMachine.Local.Signatures;

        /// <summary>The runtime's own core library carries Microsoft's Authenticode signature, as Microsoft's installers do.</summary>
        [WindowsFact]
        public void TheRuntimesCoreLibraryIsSignedByMicrosoft()
        {
            var signature = Signatures.Check(typeof(object).Assembly.Location);

            Assert.True(signature.Verdict == FileSignatureVerdict.Microsoft, signature.Detail);
            Assert.Contains(WinTrustFileSignatures.MicrosoftOrganization, signature.Detail);
        }
    }
}
