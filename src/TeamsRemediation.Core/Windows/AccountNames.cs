using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>Translates between SIDs and DOMAIN\user names through the local LSA (LookupAccountSidW, LookupAccountNameW).</summary>
    internal static class AccountNames
    {
        /// <summary>DOMAIN\user for a SID string, or null when Windows cannot name it (deleted account, unreachable domain).</summary>
        public static string? TryGetName(string sid)
        {
            if (!NativeMethods.ConvertStringSidToSidW(sid, out var binary))
            {
                binary.Dispose();
                return null;
            }

            using (binary)
            {
                return TryGetName(binary.Pointer);
            }
        }

        public static string? TryGetName(IntPtr sid)
        {
            var nameLength = 256;
            var domainLength = 256;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var name = new char[nameLength];
                var domain = new char[domainLength];
                if (NativeMethods.LookupAccountSidW(null, sid, name, ref nameLength, domain, ref domainLength, out _))
                {
                    return Join(new string(name, 0, nameLength), new string(domain, 0, domainLength));
                }

                // On ERROR_INSUFFICIENT_BUFFER both lengths now hold the sizes needed, terminators included.
                if (Marshal.GetLastWin32Error() != NativeMethods.ErrorInsufficientBuffer)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>The SID string of DOMAIN\user, or null when the name is unknown to this machine and its domain.</summary>
        public static string? TryGetSid(string accountName)
        {
            var sidLength = 68;
            var domainLength = 256;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var sid = new byte[sidLength];
                var domain = new char[domainLength];
                if (NativeMethods.LookupAccountNameW(null, accountName, sid, ref sidLength, domain, ref domainLength, out _))
                {
                    var pinned = GCHandle.Alloc(sid, GCHandleType.Pinned);
                    try
                    {
                        return TokenReader.SidText(pinned.AddrOfPinnedObject());
                    }
                    finally
                    {
                        pinned.Free();
                    }
                }

                if (Marshal.GetLastWin32Error() != NativeMethods.ErrorInsufficientBuffer)
                {
                    return null;
                }
            }

            return null;
        }

        private static string Join(string name, string domain) => domain.Length == 0 ? name : domain + "\\" + name;
    }
}
