using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Account;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Clouds
{
    /// <summary>
    /// Which cloud this PC signs in to, from what it already says: the tenant details and PRT authority dsregcmd
    /// prints (AuthCodeUrl, AccessTokenUrl, AzureAdPrtAuthority), then the authority and token endpoint in event
    /// 1098. Nothing found means the commercial cloud, and the reason says so.
    /// </summary>
    public sealed class CloudDetection
    {
        private static readonly string[] DsregUrls = { "AuthCodeUrl", "AccessTokenUrl" };
        private static readonly Regex UrlHost = new Regex(@"https://([A-Za-z0-9.-]+)", RegexOptions.CultureInvariant);

        private CloudDetection(SignInCloud cloud, string reason)
        {
            Cloud = cloud;
            Reason = reason;
        }

        public SignInCloud Cloud { get; }

        /// <summary>Where the cloud was read, for the evidence.</summary>
        public string Reason { get; }

        public static CloudDetection Detect(DsregStatus? status, IEnumerable<AadEvent>? events)
        {
            if (status != null)
            {
                foreach (var field in DsregUrls)
                {
                    var found = FromText(status.Get(DsregStatus.TenantDetails, field), "dsregcmd " + field);
                    if (found != null)
                    {
                        return found;
                    }
                }

                var prt = FromText(status.Get(DsregStatus.SsoState, "AzureAdPrtAuthority"), "dsregcmd AzureAdPrtAuthority");
                if (prt != null)
                {
                    return prt;
                }
            }

            foreach (var e in events ?? Enumerable.Empty<AadEvent>())
            {
                var found = FromText(e.Message + "\n" + string.Join("\n", e.Data.Select(d => d.Value)), "the authority of event 1098");
                if (found != null)
                {
                    return found;
                }
            }

            return new CloudDetection(SignInCloud.Commercial,
                "no tenant details or event authority name a cloud; the commercial endpoints are probed");
        }

        private static CloudDetection? FromText(string? text, string source)
        {
            foreach (Match m in UrlHost.Matches(text ?? string.Empty))
            {
                var host = m.Groups[1].Value;
                var cloud = SignInCloud.OfHost(host);
                if (cloud != null && host.StartsWith("login.", StringComparison.OrdinalIgnoreCase))
                {
                    return new CloudDetection(cloud, source + " names " + host);
                }
            }

            return null;
        }
    }
}
