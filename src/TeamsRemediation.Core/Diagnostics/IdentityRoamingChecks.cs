using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// Identity data that leaves the device on a virtual desktop host. FSLogix (Configuration Settings, ms.date 2025-08-26): RoamIdentity
    /// = 1 is "legacy roaming for identity data"; do NOT enable it when Intune manages the devices or they are Microsoft Entra joined.
    /// Entra ("Device identity and desktop virtualization", ms.date 2026-06-04): the broker, CloudExperienceHost, TokenBroker, OneAuth
    /// and IdentityCache folders under %LOCALAPPDATA% must never roam. Read, never changed: the FSLogix configuration is the device
    /// admin's.
    /// </summary>
    internal sealed class IdentityRoamingChecks
    {
        public const string RoamIdentityValue = "RoamIdentity";
        public const string RedirectionsFolderValue = "RedirXMLSourceFolder";
        public const string RedirectionsFileName = "redirections.xml";

        /// <summary>An MDM enrollment record: HKLM\SOFTWARE\Microsoft\Enrollments\{id}, ProviderID "MS DM Server" for Intune.</summary>
        public const string EnrollmentsKey = @"SOFTWARE\Microsoft\Enrollments";
        public const string EnrollmentProviderValue = "ProviderID";
        public const string IntuneProvider = "MS DM Server";

        private const long MaxRedirectionsBytes = 1024 * 1024;

        /// <summary>The folders (relative to the profile) Microsoft's Entra VDI guidance says must never roam.</summary>
        public static readonly IReadOnlyList<string> IdentityFolders = new[]
        {
            @"AppData\Local\Packages\" + AccountLayout.BrokerPackageFamily,
            @"AppData\Local\Packages\" + AccountLayout.CloudExperienceHostPackageFamily,
            @"AppData\Local\Microsoft\TokenBroker",
            @"AppData\Local\Microsoft\OneAuth",
            @"AppData\Local\Microsoft\IdentityCache",
        };

        private const string Guidance = "Microsoft's guidance (FSLogix configuration settings; Entra \"Device identity and desktop "
            + "virtualization\"): keep RoamIdentity at 0 on Intune-managed or Entra-joined hosts, and never roam the Microsoft.AAD.BrokerPlugin, "
            + "CloudExperienceHost, TokenBroker, OneAuth and IdentityCache folders of %LOCALAPPDATA%. The device admin changes the FSLogix "
            + "configuration (this module never does); users sign in again afterwards.";

        private readonly IMachine machine;
        private readonly FindingFactory findings;

        public IdentityRoamingChecks(IMachine machine, FindingFactory findings)
        {
            this.machine = machine;
            this.findings = findings;
        }

        public TeamsCaa20002Finding IdentityRoaming(DsregRun dsreg)
        {
            var profiles = new RegistryKeyPath(RegistryHive.LocalMachine, VirtualDesktopHost.FsLogixProfilesKey);
            var host = VirtualDesktopHost.Read(machine);
            var roamIdentity = machine.Registry.GetValue(profiles, RoamIdentityValue);
            var evidence = new List<string>
            {
                host.IsVirtualDesktop ? host.Describe() : "Not a virtual desktop host (no FSLogix profile containers).",
            };
            if (roamIdentity != null)
            {
                evidence.Add(profiles + "\\" + RoamIdentityValue + " = " + roamIdentity);
            }

            var intune = IntuneEnrollment();
            if (intune != null)
            {
                evidence.Add("Intune-managed: " + intune);
            }

            var entraJoined = dsreg.Status?.JoinKind == DeviceJoinKind.EntraJoined;
            if (dsreg.Status != null)
            {
                evidence.Add("Join: " + dsreg.Status.JoinType);
            }

            var included = IncludedIdentityFolders(profiles, evidence);
            if (roamIdentity?.AsDWord == 1 && (entraJoined || intune != null))
            {
                return findings.Make(CheckIds.AccountVdiIdentity, null, FindingStatus.Fail, "FSLogix roams identity data (RoamIdentity = 1) "
                    + "on " + (entraJoined ? "a Microsoft Entra joined" : "an Intune-managed") + " host, which FSLogix says never to do: "
                    + "tokens and broker state from another session break sign-in.", evidence, Guidance, FindingOwner.DeviceAdmin);
            }

            if (included.Count > 0)
            {
                return findings.Make(CheckIds.AccountVdiIdentity, null, FindingStatus.Warning, "The FSLogix " + RedirectionsFileName
                    + " keeps identity folders in the roaming container: " + string.Join(", ", included) + ".", evidence, Guidance,
                    FindingOwner.DeviceAdmin);
            }

            if (roamIdentity?.AsDWord == 1 && dsreg.Status == null && intune == null)
            {
                // Without the join state, RoamIdentity = 1 may be right (a domain-joined-only host needs it): no verdict.
                return findings.Skipped(CheckIds.AccountVdiIdentity, null, "FSLogix RoamIdentity = 1 and the join state is unknown: "
                    + dsreg.Problem, evidence);
            }

            return findings.Make(CheckIds.AccountVdiIdentity, null, FindingStatus.Pass, host.FsLogixProfiles
                ? "FSLogix does not roam identity data against Microsoft's guidance." : "No FSLogix profile container roams identity data here.",
                evidence);
        }

        /// <summary>"{id} (MS DM Server)" for the first Intune enrollment record, or null.</summary>
        private string? IntuneEnrollment()
        {
            var root = new RegistryKeyPath(RegistryHive.LocalMachine, EnrollmentsKey);
            foreach (var id in machine.Registry.GetSubKeyNames(root))
            {
                var provider = machine.Registry.GetValue(new RegistryKeyPath(RegistryHive.LocalMachine, EnrollmentsKey + "\\" + id),
                    EnrollmentProviderValue)?.AsString;
                if (string.Equals(provider, IntuneProvider, StringComparison.OrdinalIgnoreCase))
                {
                    return EnrollmentsKey + "\\" + id + " " + EnrollmentProviderValue + " = " + provider;
                }
            }

            return null;
        }

        /// <summary>
        /// The identity folders an FSLogix redirections.xml names under Includes (kept in the container although a parent is excluded).
        /// The file is the admin's but read as untrusted text: size-capped, no DTD, and a file that cannot be read is evidence, not an error.
        /// </summary>
        private List<string> IncludedIdentityFolders(RegistryKeyPath profiles, List<string> evidence)
        {
            var included = new List<string>();
            var folder = machine.Registry.GetValue(profiles, RedirectionsFolderValue)?.AsString;
            if (string.IsNullOrWhiteSpace(folder))
            {
                return included;
            }

            var path = Path.Combine(folder!.Trim(), RedirectionsFileName);
            try
            {
                var file = new FileInfo(path);
                if (!file.Exists)
                {
                    evidence.Add(path + ": absent.");
                    return included;
                }

                if (file.Length > MaxRedirectionsBytes)
                {
                    evidence.Add(path + ": larger than 1 MB, not read.");
                    return included;
                }

                var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
                XDocument document;
                using (var reader = XmlReader.Create(path, settings))
                {
                    document = XDocument.Load(reader);
                }

                foreach (var include in document.Descendants().Where(e => e.Name.LocalName == "Include"))
                {
                    var named = include.Value.Trim().TrimEnd('\\');
                    var match = IdentityFolders.FirstOrDefault(f => f.StartsWith(named, StringComparison.OrdinalIgnoreCase)
                        || named.StartsWith(f, StringComparison.OrdinalIgnoreCase));
                    if (named.Length > 0 && match != null && !included.Contains(named))
                    {
                        included.Add(named);
                    }
                }

                evidence.Add(path + ": " + (included.Count == 0 ? "includes no identity folder." : "includes " + string.Join(", ", included)));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is XmlException
                || e is System.Security.SecurityException)
            {
                evidence.Add(path + ": not readable (" + e.Message + ").");
            }

            return included;
        }
    }
}
