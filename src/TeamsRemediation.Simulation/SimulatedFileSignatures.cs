using System;
using System.Collections.Generic;
using System.IO;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>Authenticode as a scenario declares it, per file path; a file nobody declared is unsigned, as a file written by a test is.</summary>
    public sealed class SimulatedFileSignatures : IFileSignatures
    {
        public const string MicrosoftSigner = "CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US";

        private readonly Dictionary<string, FileSignature> declared = new Dictionary<string, FileSignature>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The file carries a valid signature of Microsoft Corporation.</summary>
        public void SignedByMicrosoft(string path) =>
            Declare(path, new FileSignature(FileSignatureVerdict.Microsoft, "signed by " + MicrosoftSigner));

        /// <summary>The file carries a valid signature of another publisher.</summary>
        public void SignedBy(string path, string subject) =>
            Declare(path, new FileSignature(FileSignatureVerdict.OtherPublisher, "signed by " + subject));

        public void Declare(string path, FileSignature signature)
        {
            lock (declared)
            {
                declared[Path.GetFullPath(path)] = signature;
            }
        }

        public FileSignature Check(string path)
        {
            lock (declared)
            {
                return declared.TryGetValue(Path.GetFullPath(path), out var signature) ? signature
                    : new FileSignature(FileSignatureVerdict.NotTrusted, "it is not signed (TRUST_E_NOSIGNATURE, 0x800B0100)");
            }
        }
    }
}
