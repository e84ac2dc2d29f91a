using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// TLS 1.2 in the registry, read from <see cref="TlsRegistryLocations"/> in every view listed there. Absent
    /// values are the OS default (on since Windows 8.1); only explicit disables fail.
    /// </summary>
    internal sealed class TlsChecks
    {
        private readonly IRegistry registry;
        private readonly FindingFactory findings;

        public TlsChecks(IRegistry registry, FindingFactory findings)
        {
            this.registry = registry;
            this.findings = findings;
        }

        public TeamsCaa20002Finding Machine(string checkId, TlsSettingArea area)
        {
            var results = TlsRegistryLocations.All.Where(v => v.Area == area).SelectMany(v =>
                v.Views.Select(view => Evaluate(v, v.Key(view)))).ToList();
            results.AddRange(Misspellings(TlsRegistryLocations.All.Where(v => v.Area == area).SelectMany(v =>
                v.Views.Select(view => v.Key(view))).Distinct()));
            var status = FindingFactory.Worst(results.Select(r => r.Status));
            string summary;
            switch (area)
            {
                case TlsSettingArea.Schannel:
                    summary = status == FindingStatus.Pass ? "SCHANNEL does not disable TLS 1.2 for clients or servers."
                        : "SCHANNEL settings turn TLS 1.2 off or hold values Windows ignores.";
                    break;
                case TlsSettingArea.DotNet:
                    // Teams itself is not a .NET Framework app: an explicit 0 here breaks other sign-ins, so it warns.
                    summary = status == FindingStatus.Pass ? ".NET Framework does not opt out of strong cryptography or system TLS versions."
                        : ".NET Framework is set to avoid TLS 1.2 in at least one view (affects .NET apps and scripts, not Teams itself).";
                    if (status == FindingStatus.Fail)
                    {
                        status = FindingStatus.Warning;
                    }

                    break;
                default:
                    summary = status == FindingStatus.Pass ? "WinHTTP default secure protocols include TLS 1.2 (or are the OS default)."
                        : "WinHTTP DefaultSecureProtocols leaves TLS 1.2 out in at least one view: WinHTTP sign-in traffic cannot use TLS 1.2.";
                    break;
            }

            return findings.Make(checkId, null, status, summary, results.Select(r => r.Evidence),
                status == FindingStatus.Pass ? string.Empty : Remedies.EnableTls12);
        }

        /// <summary>The user's Internet Options "Use TLS 1.2", and any policy value that overrides it.</summary>
        public TeamsCaa20002Finding User(TargetUser user)
        {
            if (!user.HiveLoaded)
            {
                return findings.Skipped(CheckIds.TlsInternetOptions, user,
                    "the user's registry hive is not loaded (the user is not logged on), so Internet Options cannot be read.");
            }

            try
            {
                registry.KeyExists(new RegistryKeyPath(RegistryHive.Users, user.Sid));
            }
            catch (UnauthorizedAccessException e)
            {
                // Another logged-on user's hive, read by a standard user: not readable is not "TLS 1.2 is off".
                return findings.Skipped(CheckIds.TlsInternetOptions, user,
                    "the user's registry hive is not readable from this account: " + e.Message);
            }

            var own = TlsRegistryLocations.All.Where(v => v.Area == TlsSettingArea.InternetOptions).SelectMany(v =>
                v.Views.Select(view => Evaluate(v, v.Key(view, user.Sid)))).ToList();
            var policy = TlsRegistryLocations.All.Where(v => v.Area == TlsSettingArea.InternetOptionsPolicy).SelectMany(v =>
                v.Views.Select(view => Evaluate(v, v.Key(view, user.Sid)))).ToList();
            var policyBlocks = policy.Where(p => p.Status == FindingStatus.Fail).ToList();
            var evidence = own.Concat(policy).Select(r => r.Evidence).ToList();
            if (policyBlocks.Count > 0)
            {
                return findings.Make(CheckIds.TlsInternetOptions, user, FindingStatus.Fail,
                    "A policy sets Internet Options secure protocols without TLS 1.2 for this user.", evidence,
                        "Change the Group Policy or Intune setting that writes SecureProtocols under Policies (a repair would be overwritten by " +
                            "the policy).");
            }

            if (policy.Any(p => p.Present))
            {
                return findings.Make(CheckIds.TlsInternetOptions, user, FindingStatus.Pass,
                    "A policy sets Internet Options secure protocols with TLS 1.2 for this user.", evidence);
            }

            var status = FindingFactory.Worst(own.Select(r => r.Status));
            var summary = status == FindingStatus.Pass ? "Internet Options allow TLS 1.2 for this user (explicitly or by default)."
                : "Internet Options \"Use TLS 1.2\" is off for this user.";
            return findings.Make(CheckIds.TlsInternetOptions, user, status, summary, evidence,
                status == FindingStatus.Pass ? string.Empty : Remedies.EnableTls12ForUser(user.Sid));
        }

        private ValueCheck Evaluate(TlsRegistryValue setting, RegistryKeyPath key)
        {
            var where = key + "\\" + setting.Name + " [" + key.ViewName + "]";
            RegistryValue? value;
            try
            {
                value = registry.GetValue(key, setting.Name);
            }
            catch (UnauthorizedAccessException)
            {
                return new ValueCheck(FindingStatus.Warning, where + ": access denied, not read.", false);
            }

            if (value == null)
            {
                return new ValueCheck(FindingStatus.Pass, where + ": absent (OS default).", false);
            }

            var dword = value.AsDWord;
            if (dword == null)
            {
                return new ValueCheck(FindingStatus.Warning, where + " = " + value + ": not a REG_DWORD, Windows ignores it.", true);
            }

            var v = dword.Value;
            bool ok;
            switch (setting.Meaning)
            {
                case TlsValueMeaning.EnabledFlag:
                    ok = v != 0;
                    break;
                case TlsValueMeaning.DisabledByDefaultFlag:
                    ok = v == 0;
                    break;
                case TlsValueMeaning.OptInFlag:
                    ok = v != 0;
                    break;
                default:
                    ok = (v & TlsRegistryLocations.Tls12) != 0;
                    break;
            }

            var text = where + " = " + value + (setting.Meaning == TlsValueMeaning.ProtocolMask ? " (" + DescribeMask(v) + ")" : string.Empty);
            return new ValueCheck(ok ? FindingStatus.Pass : FindingStatus.Fail, text + (ok ? "." : ": TLS 1.2 off."), true);
        }

        private IEnumerable<ValueCheck> Misspellings(IEnumerable<RegistryKeyPath> keys)
        {
            foreach (var key in keys)
            {
                IReadOnlyList<string> names;
                try
                {
                    names = registry.GetValueNames(key);
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (var name in names.Where(n => TlsRegistryLocations.KnownMisspellings.Contains(n, StringComparer.OrdinalIgnoreCase)))
                {
                    yield return new ValueCheck(FindingStatus.Warning,
                        key + "\\" + name + " [" + key.ViewName + "]: misspelled value name, Windows ignores it.", true);
                }
            }
        }

        /// <summary>The protocols a mask turns on, e.g. "TLS 1.2, TLS 1.3".</summary>
        public static string DescribeMask(uint mask)
        {
            var names = new List<string>();
            if ((mask & TlsRegistryLocations.Ssl2) != 0) names.Add("SSL 2.0");
            if ((mask & TlsRegistryLocations.Ssl3) != 0) names.Add("SSL 3.0");
            if ((mask & TlsRegistryLocations.Tls10) != 0) names.Add("TLS 1.0");
            if ((mask & TlsRegistryLocations.Tls11) != 0) names.Add("TLS 1.1");
            if ((mask & TlsRegistryLocations.Tls12) != 0) names.Add("TLS 1.2");
            if ((mask & TlsRegistryLocations.Tls13) != 0) names.Add("TLS 1.3");
            return names.Count == 0 ? "no protocol" : string.Join(", ", names);
        }

        private sealed class ValueCheck
        {
            public ValueCheck(FindingStatus status, string evidence, bool present)
            {
                Status = status;
                Evidence = evidence;
                Present = present;
            }

            public FindingStatus Status { get; }

            public string Evidence { get; }

            public bool Present { get; }
        }
    }
}
