using System;
using System.Text;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Network
{
    /// <summary>
    /// The WinHTTP default proxy as `netsh winhttp set proxy` stores it, in both registry views: the WinHttpSettings
    /// value under Internet Settings\Connections, which a 32-bit process reads from WOW6432Node. WinHTTP's API in a
    /// 32-bit host (Intune's default PowerShell) sees only the 32-bit copy while the 64-bit Teams and WAM stack uses
    /// the other, so the two are read as data and compared.
    /// </summary>
    /// <remarks>
    /// The value is undocumented binary: a 12-byte header (format marker, a counter, flags where 2 is "named proxy"),
    /// then a DWORD length and that many ANSI bytes of proxy server, then the same for the bypass list. Wine's winhttp
    /// reads and writes the same layout. Anything that does not fit it is reported as unreadable, never guessed.
    /// </remarks>
    public static class WinHttpProxyViews
    {
        public const string ConnectionsKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections";
        public const string ValueName = "WinHttpSettings";

        private const int HeaderBytes = 12;
        private const uint NamedProxyFlag = 2;

        /// <summary>The setting of one view: None when the value is absent (WinHTTP's default, direct).</summary>
        public static WinHttpProxySetting Read(IRegistry registry, RegistryView view)
        {
            RegistryValue? value;
            try
            {
                value = registry.GetValue(new RegistryKeyPath(RegistryHive.LocalMachine, ConnectionsKey, view), ValueName);
            }
            catch (UnauthorizedAccessException e)
            {
                return new WinHttpProxySetting(true, string.Empty, string.Empty, e.Message);
            }

            if (value == null)
            {
                return WinHttpProxySetting.None;
            }

            return value.Kind == RegistryValueKind.Binary
                ? Parse((byte[])value.Data)
                : new WinHttpProxySetting(true, string.Empty, string.Empty, "WinHttpSettings is " + value.Kind + ", not REG_BINARY");
        }

        public static WinHttpProxySetting Parse(byte[] blob)
        {
            if (blob == null || blob.Length < HeaderBytes)
            {
                return Unreadable("shorter than its 12-byte header");
            }

            var flags = BitConverter.ToUInt32(blob, 8);
            var offset = HeaderBytes;
            if (!TryReadString(blob, ref offset, out var proxy) || !TryReadString(blob, ref offset, out var bypass))
            {
                return Unreadable("a length runs past the end of the value");
            }

            var named = (flags & NamedProxyFlag) != 0 && proxy.Length > 0;
            return named ? new WinHttpProxySetting(false, proxy, bypass) : WinHttpProxySetting.None;
        }

        /// <summary>A sentence when the two views differ; null when they agree or either cannot be read.</summary>
        public static string? Difference(IRegistry registry)
        {
            var native = Read(registry, RegistryView.Registry64);
            var wow = Read(registry, RegistryView.Registry32);
            if (native.Error.Length > 0 || wow.Error.Length > 0 || Describe(native) == Describe(wow))
            {
                return null;
            }

            return "WinHTTP proxy differs between the registry views: 64-bit " + Describe(native) + ", 32-bit " + Describe(wow)
                + ". The 64-bit Teams and WAM stack uses the 64-bit one; a 32-bit host (Intune's default) sees the other. "
                + "Set both with netsh winhttp from a 64-bit and a 32-bit prompt (or reset one).";
        }

        private static string Describe(WinHttpProxySetting s) =>
            s.Direct ? "direct" : s.ProxyServer + (s.BypassList.Length > 0 ? " (bypass " + s.BypassList + ")" : string.Empty);

        private static bool TryReadString(byte[] blob, ref int offset, out string text)
        {
            text = string.Empty;
            if (offset == blob.Length)
            {
                // A value cut after the proxy (no bypass length) is how an empty bypass list is sometimes stored.
                return true;
            }

            if (offset + 4 > blob.Length)
            {
                return false;
            }

            var length = BitConverter.ToUInt32(blob, offset);
            offset += 4;
            if (length > (uint)(blob.Length - offset))
            {
                return false;
            }

            // The bytes are ANSI; proxy names and bypass lists are host names, so ASCII reads them.
            text = Encoding.ASCII.GetString(blob, offset, (int)length).TrimEnd('\0');
            offset += (int)length;
            return true;
        }

        private static WinHttpProxySetting Unreadable(string why) =>
            new WinHttpProxySetting(true, string.Empty, string.Empty, "WinHttpSettings is not in the layout netsh writes (" + why + ")");
    }
}
