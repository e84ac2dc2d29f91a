using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// What decides whether this module may resync the clock. A domain controller (ProductOptions ProductType LanmanNT)
    /// serves the domain's time: its clock is the domain admin's. The Windows Time policy (Computer Configuration >
    /// Administrative Templates > System > Windows Time Service) writes HKLM\SOFTWARE\Policies\Microsoft\W32Time and
    /// overrides the service's own values (Microsoft Learn, "Windows Time service tools and settings"): when it names the
    /// time source or the client, the source is managed and the module reports instead of acting.
    /// </summary>
    public static class TimeServicePolicy
    {
        public const string ProductOptionsKey = @"SYSTEM\CurrentControlSet\Control\ProductOptions";
        public const string DomainControllerProductType = "LanmanNT";
        public const string PolicyKey = @"SOFTWARE\Policies\Microsoft\W32Time";

        /// <summary>The policy subkeys that choose where the time comes from (Global Configuration Settings is about rates, not the
        /// source).</summary>
        public static readonly IReadOnlyList<string> SourceSubKeys = new[] { "Parameters", @"TimeProviders\NtpClient" };

        public static bool IsDomainController(IRegistry registry) =>
            string.Equals(registry.GetValue(new RegistryKeyPath(RegistryHive.LocalMachine, ProductOptionsKey), "ProductType")?.AsString,
                DomainControllerProductType, System.StringComparison.OrdinalIgnoreCase);

        /// <summary>Every value the policy sets for the time source, as "HKLM\...\Parameters\NtpServer = 'time.contoso.com,0x9' (REG_SZ)"; empty when
        /// none.</summary>
        public static IReadOnlyList<string> SourceSettings(IRegistry registry)
        {
            var found = new List<string>();
            foreach (var sub in SourceSubKeys)
            {
                var key = new RegistryKeyPath(RegistryHive.LocalMachine, PolicyKey + "\\" + sub);
                if (!registry.KeyExists(key))
                {
                    continue;
                }

                found.AddRange(registry.GetValueNames(key).OrderBy(n => n, System.StringComparer.OrdinalIgnoreCase)
                    .Select(name => key + "\\" + name + " = " + Diagnostics.FindingText.Clean(registry.GetValue(key, name)?.ToString())));
            }

            return found;
        }
    }
}
