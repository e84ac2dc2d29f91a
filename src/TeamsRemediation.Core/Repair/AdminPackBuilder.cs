using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Account;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Events;
using TeamsRemediation.Inventory;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Text;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Makes the admin pack. Every value in it is taken by a pattern that only an identifier, a code, a time, a version
    /// or a user principal name matches (and is then checked by <see cref="SecretText"/>): whatever else an event or
    /// dsregcmd prints, a token, a credential or a cookie has no way into the pack.
    /// </summary>
    public sealed class AdminPackBuilder
    {
        private const string GuidPattern = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";
        private static readonly Regex Guid = new Regex("^\\{?(" + GuidPattern + ")\\}?$", RegexOptions.CultureInvariant);

        // Entra's error text ends "Trace ID: <guid> Correlation ID: <guid> Timestamp: ..."; the sign-in log calls the trace id "Request ID".
        private static readonly Regex RequestIdInText = new Regex(@"(?i)\b(?:trace|request)[ _-]?id\b[^:=\r\n]{0,20}[:=]\s*\{?(" + GuidPattern
            + ")", RegexOptions.CultureInvariant);
        private static readonly Regex Upn = new Regex(@"(?<![A-Za-z0-9._%+'\-])([A-Za-z0-9._%+'\-]{1,64}@[A-Za-z0-9\-]{1,63}"
            + @"(?:\.[A-Za-z0-9\-]{1,63})+)(?![A-Za-z0-9\-])", RegexOptions.CultureInvariant);
        private static readonly Regex ErrorCode = new Regex("^0x[0-9A-Fa-f]{1,8}$", RegexOptions.CultureInvariant);
        private static readonly Regex AadstsCode = new Regex("^AADSTS[0-9]{4,7}$", RegexOptions.CultureInvariant);
        private static readonly Regex OAuthCode = new Regex("^[a-z_]{3,40}$", RegexOptions.CultureInvariant);
        private static readonly Regex PlainName = new Regex(@"^[\p{L}\p{N} ._\-&'()]{1,80}$", RegexOptions.CultureInvariant);

        private readonly IMachine machine;

        public AdminPackBuilder(IMachine machine)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
        }

        /// <summary>
        /// Reads what the pack needs: dsregcmd /status, the events 1098 of the period, the users' installed clients. Each
        /// source waits at most <paramref name="timeout"/>; one that fails leaves a note, never an exception.
        /// </summary>
        public AdminPackSources Gather(IReadOnlyList<TargetUser> users, IReadOnlyList<TeamsCaa20002Finding> findings, TimeSpan since,
            TimeSpan timeout)
        {
            var dsreg = new AccountChecks(machine, new FindingFactory(machine.ComputerName, machine.Clock.UtcNow.UtcDateTime)).RunDsregcmd(timeout);
            var inventory = new TeamsInventory(machine);
            var installations = new List<TeamsInstallation>();
            foreach (var user in users)
            {
                try
                {
                    installations.AddRange(inventory.Find(user, TeamsClientSelection.Installed, measureCache: false));
                }
                catch (Exception e) when (e is UnauthorizedAccessException || e is System.IO.IOException || e is System.Security.SecurityException)
                {
                    // A user whose hive or profile cannot be read has no version in the pack; the rest is still worth sending.
                }
            }

            return new AdminPackSources
            {
                Users = users,
                Findings = findings,
                Dsreg = dsreg.Status,
                DsregProblem = dsreg.Problem,
                Events = machine.Events.ReadAadTokenErrors(since, timeout),
                Installations = installations,
                Since = since,
            };
        }

        public AdminPack Build(AdminPackSources sources)
        {
            if (sources is null)
            {
                throw new ArgumentNullException(nameof(sources));
            }

            var notes = new List<string>();
            var pack = new AdminPack
            {
                ComputerName = machine.ComputerName,
                CreatedUtc = machine.Clock.UtcNow.UtcDateTime,
                PeriodHours = Math.Round(sources.Since.TotalHours, 1),
            };

            var principals = new List<string>();
            var dsreg = sources.Dsreg;
            if (dsreg != null)
            {
                pack.TenantId = GuidOrEmpty(dsreg.Get(DsregStatus.TenantDetails, "TenantId"));
                pack.TenantName = Checked(dsreg.TenantName, PlainName);
                pack.DeviceId = GuidOrEmpty(dsreg.Get(DsregStatus.DeviceDetails, "DeviceId"));
                pack.JoinType = dsreg.JoinType;
                foreach (var section in new[] { DsregStatus.SsoState, DsregStatus.UserState, "Diagnostic Data" })
                {
                    foreach (var name in new[] { "User Identity", "Executing Account Name", "UserPrincipalName" })
                    {
                        principals.AddRange(Principals(dsreg.Get(section, name)));
                    }
                }

                if (!dsreg.HasUserState)
                {
                    notes.Add("dsregcmd ran as " + machine.Users.GetCurrentIdentity().UserName
                        + ": it shows no user state there, so user principals come from the events only.");
                }
            }
            else
            {
                notes.Add("dsregcmd /status gave no device details: " + Diagnostics.FindingText.Clean(sources.DsregProblem));
            }

            var users = sources.Users.ToDictionary(u => u.Sid, u => u, StringComparer.OrdinalIgnoreCase);
            var failures = new List<AdminPackFailure>();
            if (!sources.Events.Succeeded)
            {
                notes.Add("The Microsoft-Windows-AAD/Operational log could not be read: " + Diagnostics.FindingText.Clean(sources.Events.Error));
            }

            var repaired = new List<CodeCause>();
            foreach (var e in sources.Events.Events.Where(e => users.ContainsKey(e.UserSid)).OrderBy(e => e.TimeCreated))
            {
                var details = AadEventDetails.From(e);
                if (!details.IsTeams)
                {
                    continue;
                }

                if (details.Cause is CodeInfo cause && !cause.IsOutsideThePc && sources.Repaired.Contains(cause.Cause))
                {
                    repaired.Add(cause.Cause);
                    continue;
                }

                failures.Add(Failure(e, details, users[e.UserSid]));
                principals.AddRange(Principals(e.Message));
                principals.AddRange(e.Data.SelectMany(d => Principals(d.Value)));
            }

            pack.FailureRecords = failures.ToArray();
            pack.CorrelationIds = Distinct(failures.Select(f => f.CorrelationId));
            pack.RequestIds = Distinct(failures.Select(f => f.RequestId));
            pack.Codes = Distinct(failures.SelectMany(f => new[]
            {
                f.Error.Length > 0 ? f.Error + ": " + f.ErrorMeaning : string.Empty,
                f.Aadsts.Length > 0 ? f.Aadsts + ": " + f.AadstsMeaning : string.Empty,
            }));
            pack.UserPrincipals = Distinct(principals);
            pack.ClientVersions = Distinct(sources.Installations.Where(i => i.Installed).Select(i => Checked(i.User, PlainAccount) + ": "
                + i.Client + " " + Checked(i.Version, VersionPattern)));
            pack.NothingThePcCanFix = PcFixability.NothingThePcCanFix(sources.Findings);
            pack.OutsideThePc = PcFixability.OutsideThePc(sources.Findings).Select(f => f.Owner + " " + RepairProblems.Name(f)
                + ": " + SecretText.Redact(Diagnostics.FindingText.Clean(f.Summary))).ToArray();
            if (repaired.Count > 0)
            {
                notes.Add(Wording.Count(repaired.Count, "Teams token error") + " of a cause this run repaired ("
                    + string.Join(", ", repaired.Distinct().OrderBy(c => c)) + ") "
                    + (repaired.Count == 1 ? "is left out: it is" : "are left out: they are")
                    + " not what is left for the user or the tenant admin.");
            }

            if (failures.Count == 0 && repaired.Count == 0 && sources.Events.Succeeded)
            {
                notes.Add("No Teams token errors (event 1098) of the target users in " + Diagnostics.TimeInWords.Last(sources.Since) + ".");
            }

            pack.Notes = notes.Select(n => SecretText.Redact(n)).ToArray();
            return pack;
        }

        private static readonly Regex PlainAccount = new Regex(@"^[\p{L}\p{N} ._\-\\@$']{1,120}$", RegexOptions.CultureInvariant);
        private static readonly Regex VersionPattern = new Regex(@"^[0-9]{1,9}(\.[0-9]{1,9}){1,3}$", RegexOptions.CultureInvariant);

        private static AdminPackFailure Failure(AadEvent e, AadEventDetails details, TargetUser user)
        {
            var error = Checked(details.Error, ErrorCode);
            var aadsts = Checked(details.Aadsts, AadstsCode);
            var owner = aadsts.Length > 0 ? CodeCatalog.Explain(aadsts).Owner : error.Length > 0 ? CodeCatalog.Explain(error).Owner
                : FindingOwner.Device;
            var request = RequestIdInText.Match(e.Message);
            var requestInData = e.Data.Select(d => d.Name.IndexOf("Request", StringComparison.OrdinalIgnoreCase) >= 0
                || d.Name.IndexOf("Trace", StringComparison.OrdinalIgnoreCase) >= 0 ? GuidOrEmpty(d.Value) : RequestIdInText.Match(d.Value)
                .Groups[1].Value).FirstOrDefault(v => v.Length > 0);
            return new AdminPackFailure
            {
                TimeUtc = e.TimeCreated.UtcDateTime,
                User = user.UserName,
                UserSid = user.Sid,
                ClientId = GuidOrEmpty(details.ClientId),
                Error = error,
                ErrorMeaning = error.Length > 0 ? CodeCatalog.Explain(error).Meaning : string.Empty,
                OAuthCode = Checked(details.OAuthCode, OAuthCode),
                Aadsts = aadsts,
                AadstsMeaning = aadsts.Length > 0 ? CodeCatalog.ExplainAadsts(aadsts) : string.Empty,
                CorrelationId = GuidOrEmpty(details.CorrelationId),
                RequestId = request.Success ? request.Groups[1].Value : requestInData ?? string.Empty,
                Owner = owner.ToString(),
            };
        }

        private static IEnumerable<string> Principals(string? text) =>
            string.IsNullOrEmpty(text) ? new string[0] : Upn.Matches(text).Cast<Match>().Select(m => m.Groups[1].Value).Where(v => !SecretText
                .LooksSecret(v));

        private static string GuidOrEmpty(string? text)
        {
            var match = Guid.Match((text ?? string.Empty).Trim());
            return match.Success ? match.Groups[1].Value.ToLowerInvariant() : string.Empty;
        }

        /// <summary>The value when the whole of it has the expected shape and nothing secret-like; empty otherwise.</summary>
        private static string Checked(string? value, Regex shape)
        {
            var text = (value ?? string.Empty).Trim();
            return text.Length > 0 && shape.IsMatch(text) && !SecretText.LooksSecret(text) ? text : string.Empty;
        }

        private static string[] Distinct(IEnumerable<string> values) =>
            values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }
}
