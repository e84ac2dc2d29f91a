using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Authenticode through WinVerifyTrust (what Get-AuthenticodeSignature calls), offline: no revocation check and no URL retrieval,
    /// so a PC without internet judges the same way. A trusted signature is Microsoft's when its signer certificate names the
    /// organization Microsoft Corporation, as Microsoft's installers are signed.
    /// </summary>
    public sealed class WinTrustFileSignatures : IFileSignatures
    {
        public const string MicrosoftOrganization = "O=Microsoft Corporation";

        public FileSignature Check(string path)
        {
            var verdict = Verify(path);
            if (verdict != 0)
            {
                return new FileSignature(FileSignatureVerdict.NotTrusted, Describe(verdict));
            }

            string subject;
            try
            {
                using (var signer = new X509Certificate2(X509Certificate.CreateFromSignedFile(path)))
                {
                    subject = signer.Subject;
                }
            }
            catch (CryptographicException e)
            {
                return new FileSignature(FileSignatureVerdict.NotTrusted, "its signer could not be read: " + e.Message);
            }

            var microsoft = subject.IndexOf(MicrosoftOrganization, StringComparison.OrdinalIgnoreCase) >= 0;
            return new FileSignature(microsoft ? FileSignatureVerdict.Microsoft : FileSignatureVerdict.OtherPublisher, "signed by " + subject);
        }

        private static int Verify(string path)
        {
            var file = new NativeMethods.WinTrustFileInfo
            {
                StructSize = (uint)Marshal.SizeOf(typeof(NativeMethods.WinTrustFileInfo)),
                FilePath = path,
            };
            var fileInfo = Marshal.AllocHGlobal(Marshal.SizeOf(typeof(NativeMethods.WinTrustFileInfo)));
            try
            {
                Marshal.StructureToPtr(file, fileInfo, false);
                var data = new NativeMethods.WinTrustData
                {
                    StructSize = (uint)Marshal.SizeOf(typeof(NativeMethods.WinTrustData)),
                    UiChoice = NativeMethods.WtdUiNone,
                    RevocationChecks = NativeMethods.WtdRevokeNone,
                    UnionChoice = NativeMethods.WtdChoiceFile,
                    FileInfo = fileInfo,
                    StateAction = NativeMethods.WtdStateActionVerify,
                    ProviderFlags = NativeMethods.WtdCacheOnlyUrlRetrieval,
                };
                var action = NativeMethods.GenericVerifyV2;
                var result = NativeMethods.WinVerifyTrust(IntPtr.Zero, ref action, ref data);

                // The state the verify opened is closed with the same data, whatever the verdict.
                data.StateAction = NativeMethods.WtdStateActionClose;
                NativeMethods.WinVerifyTrust(IntPtr.Zero, ref action, ref data);
                return result;
            }
            finally
            {
                Marshal.DestroyStructure(fileInfo, typeof(NativeMethods.WinTrustFileInfo));
                Marshal.FreeHGlobal(fileInfo);
            }
        }

        private static string Describe(int code)
        {
            var hex = "0x" + code.ToString("X8", CultureInfo.InvariantCulture);
            switch (code)
            {
                case NativeMethods.TrustENoSignature:
                    return "it is not signed (TRUST_E_NOSIGNATURE, " + hex + ")";
                case NativeMethods.TrustEBadDigest:
                    return "it was changed after it was signed (TRUST_E_BAD_DIGEST, " + hex + ")";
                case NativeMethods.CertEUntrustedRoot:
                    return "its signature chains to a root this PC does not trust (CERT_E_UNTRUSTEDROOT, " + hex + ")";
                case NativeMethods.CertEExpired:
                    return "its signing certificate has expired and no timestamp holds it (CERT_E_EXPIRED, " + hex + ")";
                case NativeMethods.TrustEExplicitDistrust:
                    return "its signer is explicitly distrusted on this PC (TRUST_E_EXPLICIT_DISTRUST, " + hex + ")";
                case NativeMethods.TrustESubjectNotTrusted:
                    return "Windows does not trust its signature (TRUST_E_SUBJECT_NOT_TRUSTED, " + hex + ")";
                default:
                    return "Windows did not accept its signature (" + hex + ")";
            }
        }
    }
}
