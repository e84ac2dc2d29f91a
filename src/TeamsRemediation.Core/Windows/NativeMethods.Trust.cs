using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// WinVerifyTrust (wintrust.dll; sdk-api wintrust/nf-wintrust-winverifytrust, ns-wintrust-wintrust_data, ns-wintrust-wintrust_file_info),
    /// declared from wintrust.h and softpub.h.
    /// </summary>
    internal static partial class NativeMethods
    {
        /// <summary>WINTRUST_ACTION_GENERIC_VERIFY_V2: Authenticode policy for a file.</summary>
        internal static readonly Guid GenericVerifyV2 = new Guid("00AAC56B-CD44-11d0-8CC2-00C04FC295EE");

        internal const uint WtdUiNone = 2;
        internal const uint WtdRevokeNone = 0;
        internal const uint WtdChoiceFile = 1;
        internal const uint WtdStateActionVerify = 1;
        internal const uint WtdStateActionClose = 2;

        /// <summary>WTD_CACHE_ONLY_URL_RETRIEVAL: no network retrieval during the check (the module stays offline).</summary>
        internal const uint WtdCacheOnlyUrlRetrieval = 0x00001000;

        internal const int TrustENoSignature = unchecked((int)0x800B0100);
        internal const int TrustESubjectNotTrusted = unchecked((int)0x800B0004);
        internal const int TrustEExplicitDistrust = unchecked((int)0x800B0111);
        internal const int TrustEBadDigest = unchecked((int)0x80096010);
        internal const int CertEUntrustedRoot = unchecked((int)0x800B0109);
        internal const int CertEExpired = unchecked((int)0x800B0101);

        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        internal struct WinTrustFileInfo
        {
            public uint StructSize;

            [MarshalAs(UnmanagedType.LPWStr)]
            public string FilePath;

            public IntPtr File;
            public IntPtr KnownSubject;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct WinTrustData
        {
            public uint StructSize;
            public IntPtr PolicyCallbackData;
            public IntPtr SipClientData;
            public uint UiChoice;
            public uint RevocationChecks;
            public uint UnionChoice;
            public IntPtr FileInfo;
            public uint StateAction;
            public IntPtr StateData;
            public IntPtr UrlReference;
            public uint ProviderFlags;
            public uint UiContext;
            public IntPtr SignatureSettings;
        }

        [DllImport("wintrust.dll", ExactSpelling = true)]
        internal static extern int WinVerifyTrust(IntPtr window, ref Guid action, ref WinTrustData data);
    }
}
