using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Answers;
using TeamsRemediation.Codes;
using TeamsRemediation.Events;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Logs;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Text;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>What the sign-in stack itself recorded: event 1098 and the Teams logs, explained from <see cref="CodeCatalog"/>.</summary>
    internal sealed class EvidenceChecks
    {
        private const int MaxEvidenceLines = 20;

        private const string PrtAdvice = "See Account.Prt for the user's primary refresh token; lock and unlock Windows with the current password "
            + "to request a new one, and follow Microsoft's PRT troubleshooting for the codes shown.";

        private readonly IMachine machine;
        private readonly FindingFactory findings;

        public EvidenceChecks(IMachine machine, FindingFactory findings)
        {
            this.machine = machine;
            this.findings = findings;
        }

        /// <param name="user">Whose events.</param>
        /// <param name="events">Event 1098 as read.</param>
        /// <param name="since">How far back an error counts.</param>
        /// <param name="outsideThePcSince">When set, how far back a Teams error counts whose cause only the user or the tenant admin can
        /// change (a repair's check after a step: no step on this PC changed those).</param>
        /// <param name="answered">Which errors a change of the module answered after they were logged: those do not count.</param>
        public EvidenceReading AadEvents(TargetUser user, EventQueryResult events, TimeSpan since, TimeSpan? outsideThePcSince = null,
            AnsweredEvidence? answered = null)
        {
            answered = answered ?? AnsweredEvidence.None;
            if (!events.Succeeded)
            {
                return EvidenceReading.NoCodes(findings.Skipped(CheckIds.EvidenceAadEvents, user, events.Error));
            }

            var cutoff = machine.Clock.UtcNow - since;
            var mine = events.Events
                .Where(e => e.EventId == AadEvent.TokenBrokerError && e.UserSid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase))
                .Select(e =>
                new { Event = e, Details = AadEventDetails.From(e) })
                .Where(e => outsideThePcSince == null || e.Event.TimeCreated >= cutoff
                    || e.Details.IsTeams && (e.Details.Cause?.IsOutsideThePc ?? false))
                .ToList();
            var allTeams = mine.Where(e => e.Details.IsTeams).Select(e => new
                { e.Event, e.Details, AnsweredBy = answered.Answering(user.Sid, e.Details.Cause, e.Event.TimeCreated.UtcDateTime) }).ToList();
            var teams = allTeams.Where(e => e.AnsweredBy == null).ToList();
            var sightings = allTeams.Where(e => e.AnsweredBy != null).GroupBy(e => new { e.Details.Cause!.Code, e.AnsweredBy })
                .Select(g => new AnsweredSighting(CheckIds.EvidenceAadEvents, g.Key.Code, g.Count(), g.Max(e => e.Event.TimeCreated.UtcDateTime),
                    g.Key.AnsweredBy!))
                .ToList();
            var others = mine.Count - allTeams.Count;
            var window = TimeInWords.Last(outsideThePcSince is TimeSpan longer && teams.Any(e => e.Event.TimeCreated < cutoff) ? longer : since);
            var prtErrors = CloudApEvidence.Read(events.Events, user.Sid, cutoff, MaxEvidenceLines);
            if (teams.Count == 0 && prtErrors.Count > 0)
            {
                // No Teams token error, but Windows could not get or refresh the user's PRT: worth knowing (single sign-on breaks when it
                // expires), never a Fail by itself (Account.Prt weighs the token itself).
                var code = prtErrors.Codes.FirstOrDefault();
                return EvidenceReading.NoCodes(WithAnswered(findings.Make(CheckIds.EvidenceAadEvents, user, FindingStatus.Warning,
                    "No Teams token errors (event 1098) in " + window + ", but " + Wording.Count(prtErrors.Count, "PRT error")
                        + " of Windows (events 1081, 1084, 1088)" + (code != null
                            ? ": " + string.Join(", ", prtErrors.Codes.Select(c => c.Code)) + " (latest: " + code.Meaning + ")."
                            : "."), prtErrors.Lines.Concat(AnsweredLines(sightings)),
                    code != null && code.IsOutsideThePc ? code.Advice : PrtAdvice, code?.Owner), sightings));
            }

            if (teams.Count == 0)
            {
                var clear = new List<string>();
                if (others > 0)
                {
                    clear.Add(Text.Wording.Count(others, "event") + " 1098 for other apps of this user.");
                }

                return EvidenceReading.NoCodes(WithAnswered(findings.Make(CheckIds.EvidenceAadEvents, user, FindingStatus.Pass,
                    "No Teams token errors (event 1098) in " + window + (sightings.Count > 0 ? " since the changes that answered them" : string.Empty)
                        + ".", clear.Concat(AnsweredLines(sightings))), sightings));
            }

            var evidence = new List<string>();
            var infos = new List<CodeInfo>();
            foreach (var e in teams.Take(MaxEvidenceLines))
            {
                var d = e.Details;
                var info = d.Error.Length > 0 ? CodeCatalog.Explain(d.Error) : null;
                var cause = d.Cause;
                if (cause != null)
                {
                    infos.Add(cause);
                }

                var parts = new List<string> { e.Event.TimeCreated.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " event 1098: "
                    + (info != null ? d.Error + " " + info.Meaning : "no error code") };
                if (d.OAuthCode.Length > 0)
                {
                    parts.Add(d.OAuthCode);
                }

                if (d.Aadsts.Length > 0)
                {
                    parts.Add(CodeCatalog.Describe(d.Aadsts));
                }

                if (d.CorrelationId.Length > 0)
                {
                    parts.Add("correlation " + d.CorrelationId);
                }

                evidence.Add(string.Join("; ", parts));
            }

            if (teams.Count > MaxEvidenceLines)
            {
                evidence.Add(Text.Wording.Count(teams.Count - MaxEvidenceLines, "older Teams event") + " not listed.");
            }

            evidence.AddRange(prtErrors.Lines);

            var lead = Lead(infos);
            var status = infos.Any(FailsHere) ? FindingStatus.Fail : FindingStatus.Warning;
            var distinct = infos.Select(i => i.Code).Distinct().ToList();
            var summary = Text.Wording.Count(teams.Count, "Teams token error") + " in " + window + ": " + string.Join(", ",
                distinct) + (lead != null ? " (latest: " + lead.Meaning + ")." : ".");
            var finding = WithAnswered(findings.Make(CheckIds.EvidenceAadEvents, user, status, summary, evidence.Concat(AnsweredLines(sightings)),
                lead == null ? string.Empty : RemedyFor(lead, user), lead?.Owner), sightings);
            finding.TopCode = lead?.Code ?? string.Empty;
            return new EvidenceReading(finding, infos.Where(i => !i.IsOutsideThePc).ToList());
        }

        /// <param name="user">Whose Teams logs (and collected web logs in their Downloads) are read.</param>
        /// <param name="since">How far back a line counts.</param>
        /// <param name="outsideThePcSince">
        /// From a repair's check after a step (<see cref="DiagnosisOptions.OutsideThePcSince"/>): codes only the user or the tenant admin
        /// can answer count over this longer window, the others only from <paramref name="since"/> (the step's start).
        /// </param>
        /// <param name="answered">Which codes a change of the module answered after they were last logged: those do not count.</param>
        public EvidenceReading TeamsLogs(TargetUser user, TimeSpan since, TimeSpan? outsideThePcSince = null, AnsweredEvidence? answered = null)
        {
            answered = answered ?? AnsweredEvidence.None;
            var stepCutoff = machine.Clock.UtcNow.UtcDateTime - since;
            if (outsideThePcSince is TimeSpan longer && longer > since)
            {
                since = longer;
            }

            var cutoff = machine.Clock.UtcNow.UtcDateTime - since;
            var files = new List<string>();
            var problems = new List<string>();
            var classic = TeamsLayout.LogPath(TeamsClient.Classic, user.Folders);
            var newFolder = TeamsLayout.LogPath(TeamsClient.New, user.Folders);
            var downloads = TeamsLayout.Downloads(user.Folders);
            string? archive = null;
            try
            {
                files.AddRange(TeamsLogFiles.Scanned(user.Folders, cutoff));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                problems.Add(e.Message);
            }

            try
            {
                archive = WebLogsArchiveScanner.Newest(downloads, cutoff);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                problems.Add(e.Message);
            }

            if (files.Count == 0 && archive == null)
            {
                return EvidenceReading.NoCodes(findings.Skipped(CheckIds.EvidenceTeamsLogs, user, "no Teams log was written in " +
                    TimeInWords.Last(since) + " (Teams not started, or its logs were cleared)" + (problems.Count > 0 ? ": " + problems[0] : "."),
                    new[] { classic, Path.Combine(newFolder, TeamsLogFiles.ScannedPattern), Path.Combine(downloads, "PROD-WebLogs-*.zip") }));
            }

            // File dates only choose the files; each line counts by its own timestamp, so last month's error in a
            // long-lived log is not today's cause. The collected archive is read with the same scanner and cutoff.
            var scanner = new LogCodeScanner();
            var scan = scanner.Scan(files, cutoff);
            var logBytes = scan.BytesScanned;
            var collected = archive == null ? null : new WebLogsArchiveScanner().Scan(archive, scanner, scan, cutoff);
            if (stepCutoff > cutoff)
            {
                // A repair of this PC cannot answer a code the user or the tenant admin owns, so one logged before the step still stands.
                foreach (var before in scan.Codes.Values.Where(c => c.NewestUtc < stepCutoff && !CodeCatalog.Explain(c.Code).IsOutsideThePc).ToList())
                {
                    scan.Codes.Remove(before.Code);
                }
            }

            // A code last logged before the change that answered its cause says nothing about the PC as the change left it.
            var sightings = new List<AnsweredSighting>();
            foreach (var code in scan.Codes.Values.Where(c => c.NewestUtc != null).ToList())
            {
                var record = answered.Answering(user.Sid, CodeCatalog.Explain(code.Code), code.NewestUtc!.Value);
                if (record != null)
                {
                    sightings.Add(new AnsweredSighting(CheckIds.EvidenceTeamsLogs, code.Code, code.Count, code.NewestUtc.Value, record));
                    scan.Codes.Remove(code.Code);
                }
            }

            var counts = new List<string>();
            if (files.Count > 0)
            {
                counts.Add(scan.FilesScanned + (scan.FilesScanned == 1 ? " log file, " : " log files, ") + ByteSize.Kilobytes(logBytes) + " scanned");
            }

            if (scan.OverlongLines > 0)
            {
                counts.Add(Text.Wording.Count(scan.OverlongLines, "overlong line piece"));
            }

            if (scan.OlderLines > 0)
            {
                counts.Add(Text.Wording.Count(scan.OlderLines, "line") + " with codes older than "
                    + cutoff.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) + " not counted");
            }

            var evidence = new List<string>();
            if (counts.Count > 0)
            {
                evidence.Add(string.Join(", ", counts) + ".");
            }

            if (collected != null)
            {
                evidence.Add(collected.Describe());
            }

            evidence.AddRange(scan.Errors.Select(e => "not readable: " + e));
            if (scan.FilesScanned == 0 && collected?.Read != true)
            {
                return EvidenceReading.NoCodes(findings.Skipped(CheckIds.EvidenceTeamsLogs, user, "the Teams logs could not be read.", evidence));
            }

            // Something not read (a log, a damaged archive, an archive cut at its cap) leaves the all-clear unproven.
            var incomplete = scan.Errors.Count > 0 || collected != null && (!collected.Read || collected.EntriesSkipped > 0
                || collected.CutAtBytes != null);
            var caa = scan.Codes.Values.Where(c => !c.Code.StartsWith("AADSTS", StringComparison.Ordinal)).OrderByDescending(c => c.Count).ToList();
            var aadsts = scan.Codes.Values.Where(c => c.Code.StartsWith("AADSTS", StringComparison.Ordinal)).OrderByDescending(c => c.Count).ToList();
            foreach (var sighting in caa.Concat(aadsts).Take(MaxEvidenceLines))
            {
                evidence.Add(CodeCatalog.Describe(sighting.Code) + ": " + sighting.Count + "x, last in " + sighting.Source + ": "
                    + sighting.LastLine);
            }

            evidence.AddRange(AnsweredLines(sightings));
            if (caa.Count == 0 && aadsts.Count == 0)
            {
                return EvidenceReading.NoCodes(WithAnswered(findings.Make(CheckIds.EvidenceTeamsLogs, user,
                    incomplete ? FindingStatus.Warning : FindingStatus.Pass,
                    "No CAA or AADSTS codes in the Teams logs of " + TimeInWords.Last(since)
                        + (sightings.Count > 0 ? " since the changes that answered them" : string.Empty) + ".", evidence), sightings));
            }

            // An AADSTS code that only the user or the admin can answer explains the generic request errors
            // (CAA20002 and kin) beside it: those are then not a reason to repair the PC.
            var outside = aadsts.Select(a => CodeCatalog.Explain(a.Code)).Where(i => i.IsOutsideThePc).ToList();
            var infos = caa.Select(c => CodeCatalog.Explain(c.Code)).Where(i => outside.Count == 0
                || i.Cause != CodeCause.Request).Concat(outside).ToList();
            var status = infos.Any(FailsHere) ? FindingStatus.Fail : FindingStatus.Warning;
            var top = Lead(infos);
            var summary = "The Teams logs show " + string.Join(", ", caa.Concat(aadsts).Take(5).Select(c => c.Code))
                + (top != null ? " (most frequent: " + top.Meaning + ")." : ".");
            var finding = WithAnswered(findings.Make(CheckIds.EvidenceTeamsLogs, user, status, summary, evidence,
                top == null ? string.Empty : RemedyFor(top, user), top?.Owner), sightings);
            finding.TopCode = top?.Code ?? string.Empty;
            return new EvidenceReading(finding, infos.Where(i => !i.IsOutsideThePc).ToList());
        }

        private static IEnumerable<string> AnsweredLines(IEnumerable<AnsweredSighting> sightings) =>
            sightings.Select(a => "Not counted: " + a.Describe() + ".");

        private static TeamsCaa20002Finding WithAnswered(TeamsCaa20002Finding finding, IReadOnlyList<AnsweredSighting> sightings)
        {
            finding.AnsweredSightings = sightings;
            finding.Answered = sightings.Select(a => FindingText.Clean(a.Describe())).ToArray();
            return finding;
        }

        /// <summary>A code that breaks sign-in and that this PC or its network can fix: only those make a Fail.</summary>
        private static bool FailsHere(CodeInfo info) => info.BreaksSignIn && !info.IsOutsideThePc;

        /// <summary>The code a finding is about: the first that fails here, else the first seen.</summary>
        private static CodeInfo? Lead(IReadOnlyList<CodeInfo> infos) => infos.FirstOrDefault(FailsHere) ?? infos.FirstOrDefault();

        /// <summary>The user's or admin's advice for a code outside the PC; otherwise the repair for its kind of cause.</summary>
        public static string RemedyFor(CodeInfo info,
            TargetUser user) => info.IsOutsideThePc && info.Advice.Length > 0 ? info.Advice : RemedyFor(info.Cause, user);

        /// <summary>What fixes a kind of cause, for the user it was seen for.</summary>
        public static string RemedyFor(CodeCause cause, TargetUser user)
        {
            switch (cause)
            {
                case CodeCause.Clock: return Remedies.FixClock;
                case CodeCause.Tls: return Remedies.EnableTls12 + "; if TLS 1.2 is not disabled, see Network.Endpoint for TLS inspection.";
                case CodeCause.Proxy: return Remedies.FixProxy;
                case CodeCause.Network: return "See Network.Endpoint, Network.Proxy and Network.Vpn: the sign-in endpoints were not reachable.";
                case CodeCause.Policy: return "A tenant policy (Conditional Access) denies the sign-in: not fixable on this PC; give the " +
                    "correlation id to the Entra ID admin.";
                case CodeCause.Interaction: return "The user must sign in to Teams interactively (MFA or a policy prompt).";
                default: return Remedies.ClearCache(user.Sid) + "; if it persists, " + Remedies.ResetWorkAccount(user.Sid) + ".";
            }
        }
    }
}
