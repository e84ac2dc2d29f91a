using System;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Tls
{
    /// <summary>
    /// Whether SCHANNEL's TLS 1.3 client is switched off (Protocols\TLS 1.3\Client Enabled=0 or DisabledByDefault=1).
    /// Information only: sign-in then runs on TLS 1.2, which the CAA20002 checks cover; Windows 10 has no TLS 1.3
    /// client at all, so there the values mean nothing either way. SCHANNEL has no 32-bit registry copy.
    /// </summary>
    public static class Tls13ClientSetting
    {
        public const string ClientKey = @"SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.3\Client";

        /// <summary>An evidence line when the TLS 1.3 client is switched off; null when it is not (or cannot be read).</summary>
        public static string? SwitchedOff(IRegistry registry)
        {
            var key = new RegistryKeyPath(RegistryHive.LocalMachine, ClientKey);
            try
            {
                var enabled = registry.GetValue(key, "Enabled")?.AsDWord;
                var disabledByDefault = registry.GetValue(key, "DisabledByDefault")?.AsDWord;
                if (enabled == 0 || disabledByDefault == 1)
                {
                    return "HKLM\\" + ClientKey + (enabled == 0 ? "\\Enabled = 0" : "\\DisabledByDefault = 1")
                        + ": the TLS 1.3 client is switched off, so sign-in uses TLS 1.2 (information, not a cause).";
                }
            }
            catch (UnauthorizedAccessException)
            {
                // Not readable is not "switched off": no line rather than a guess.
            }

            return null;
        }
    }
}
