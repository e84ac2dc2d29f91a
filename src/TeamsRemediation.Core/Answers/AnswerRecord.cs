using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Answers
{
    /// <summary>
    /// One change of the module that answered a cause of sign-in errors, for one user (or, with no user, for everyone on the PC),
    /// and when: evidence of that cause logged before <see cref="AnsweredUtc"/> says nothing about the PC as the change left it.
    /// Written before the change (<see cref="AnswerLedger"/>), in a small versioned text form whose first line names it.
    /// </summary>
    public sealed class AnswerRecord
    {
        /// <summary>The first line of every record, with the format's version.</summary>
        public const string Header = "TeamsRemediation answered-evidence 1";

        public AnswerRecord(string computerName, string userSid, string userName, CodeCause cause, string answeredBy, DateTime answeredUtc,
            string reportPath = "")
        {
            ComputerName = computerName ?? throw new ArgumentNullException(nameof(computerName));
            UserSid = userSid ?? string.Empty;
            UserName = userName ?? string.Empty;
            Cause = cause;
            AnsweredBy = answeredBy ?? throw new ArgumentNullException(nameof(answeredBy));
            AnsweredUtc = DateTime.SpecifyKind(answeredUtc, DateTimeKind.Utc);
            ReportPath = reportPath ?? string.Empty;
        }

        public string ComputerName { get; }

        /// <summary>
        /// The records of one change made now on <paramref name="machine"/>: one per cause and user, or per cause for the whole PC when
        /// <paramref name="users"/> is null.
        /// </summary>
        public static IReadOnlyList<AnswerRecord> ForChange(Platform.IMachine machine, IEnumerable<CodeCause> causes,
            IEnumerable<Targets.TargetUser>? users, string answeredBy, string reportPath = "")
        {
            var now = machine.Clock.UtcNow.UtcDateTime;
            var whom = users?.Select(u => new KeyValuePair<string, string>(u.Sid, u.UserName)).ToList()
                ?? new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>(string.Empty, string.Empty) };
            return causes.Distinct().SelectMany(c => whom.Select(u => new AnswerRecord(machine.ComputerName, u.Key, u.Value, c, answeredBy, now,
                reportPath))).ToList();
        }

        /// <summary>Whose evidence it answers; empty for a change of the whole PC (TLS in HKLM, the clock), which answers every user's.</summary>
        public string UserSid { get; }

        public string UserName { get; }

        public CodeCause Cause { get; }

        /// <summary>The cmdlet, and for a repair the step, that made the change ("Repair-TeamsCaa20002 Cache/CacheLight").</summary>
        public string AnsweredBy { get; }

        public DateTime AnsweredUtc { get; }

        /// <summary>The repair's report folder (evidence copied before the change); empty for a cmdlet run by hand.</summary>
        public string ReportPath { get; }

        /// <summary>True when it answers this user's evidence: their own record or one for the whole PC.</summary>
        public bool Covers(string userSid) => UserSid.Length == 0 || UserSid.Equals(userSid, StringComparison.OrdinalIgnoreCase);

        /// <summary>"Repair-TeamsCaa20002 Cache/CacheLight at 2026-12-07 11:04Z, report C:\...".</summary>
        public string Describe() => AnsweredBy + " at " + AnsweredUtc.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
            + (ReportPath.Length > 0 ? ", report " + ReportPath : string.Empty);

        public string ToText()
        {
            var text = new StringBuilder();
            text.Append(Header).Append('\n');
            foreach (var field in Fields())
            {
                text.Append(field.Key).Append(": ").Append(OneLine(field.Value)).Append('\n');
            }

            return text.ToString();
        }

        /// <exception cref="InvalidDataException">Not a record of this version, or a field missing or malformed.</exception>
        public static AnswerRecord Parse(string text)
        {
            var lines = (text ?? string.Empty).Replace("\r\n", "\n").Split('\n');
            if (lines[0] != Header)
            {
                throw new InvalidDataException("it does not start with '" + Header + "'.");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            {
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw new InvalidDataException("the line '" + line + "' is not 'Name: value'.");
                }

                var name = line.Substring(0, colon);
                if (fields.ContainsKey(name))
                {
                    throw new InvalidDataException("the field " + name + " is given twice.");
                }

                fields[name] = line.Substring(colon + 2);
            }

            string Field(string name) => fields.TryGetValue(name, out var value) ? value
                : throw new InvalidDataException("the field " + name + " is missing.");

            // By name only: Enum.Parse would also take "3" or "Tls, Clock".
            var causeName = Field("Cause");
            if (!Enum.GetNames(typeof(CodeCause)).Contains(causeName, StringComparer.Ordinal) || causeName == nameof(CodeCause.Unknown))
            {
                throw new InvalidDataException("the cause '" + causeName + "' is not one a repair answers.");
            }

            var cause = (CodeCause)Enum.Parse(typeof(CodeCause), causeName);
            if (!DateTime.TryParseExact(Field("AnsweredUtc"), "o", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                throw new InvalidDataException("the time '" + Field("AnsweredUtc") + "' is not a round-trip UTC time.");
            }

            if (Field("Computer").Length == 0 || Field("AnsweredBy").Length == 0)
            {
                throw new InvalidDataException("the computer or the answering command is empty.");
            }

            return new AnswerRecord(Field("Computer"), Field("UserSid"), Field("User"), cause, Field("AnsweredBy"), at,
                fields.TryGetValue("Report", out var report) ? report : string.Empty);
        }

        private IEnumerable<KeyValuePair<string, string>> Fields()
        {
            yield return new KeyValuePair<string, string>("Computer", ComputerName);
            yield return new KeyValuePair<string, string>("UserSid", UserSid);
            yield return new KeyValuePair<string, string>("User", UserName);
            yield return new KeyValuePair<string, string>("Cause", Cause.ToString());
            yield return new KeyValuePair<string, string>("AnsweredBy", AnsweredBy);
            yield return new KeyValuePair<string, string>("AnsweredUtc", AnsweredUtc.ToString("o", CultureInfo.InvariantCulture));
            yield return new KeyValuePair<string, string>("Report", ReportPath);
        }

        private static string OneLine(string value) => value.Replace('\r', ' ').Replace('\n', ' ');
    }
}
