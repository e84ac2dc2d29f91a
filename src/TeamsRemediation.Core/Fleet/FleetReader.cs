using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Errors;
using TeamsRemediation.Lines;

namespace TeamsRemediation.Fleet
{
    /// <summary>
    /// Turns what Intune, Graph, ConfigMgr and Invoke-Command return into <see cref="TeamsRemediationFleetRow"/>s, one per
    /// device and finding, streaming: a file is read record by record and a row leaves as soon as it is read. What cannot
    /// be read is a warning that names its source row (never an exception, never dropped silently), and the rest is read.
    /// </summary>
    public sealed class FleetReader
    {
        private readonly Action<string> warn;

        /// <param name="warn">Told of every record or line that cannot be read (or only partly), with its source.</param>
        public FleetReader(Action<string> warn)
        {
            this.warn = warn;
        }

        /// <summary>Records and lines read so far, readable or not.</summary>
        public long Read { get; private set; }

        /// <summary>Records and lines read so far that gave no row (each one warned about).</summary>
        public long Unreadable { get; private set; }

        /// <summary>
        /// A file: an export as CSV (a header row names the columns: Intune's, Graph's or ConfigMgr's; comma, semicolon or
        /// tab) or a file of lines (the first line starts with "CAA20002", or is the JSON form of a line). Null with <paramref name="error"/>
        /// when the file is neither; the rows otherwise.
        /// </summary>
        public IEnumerable<TeamsRemediationFleetRow>? ReadFile(string path, out ModuleError? error) =>
            ReadText(FleetTextFile.Open(path), Path.GetFileName(path), path, out error);

        /// <summary>
        /// The same for text already open (<see cref="ReadFile"/> opens a file in its encoding): <paramref name="name"/> names it in
        /// warnings, <paramref name="path"/> in errors. The reader is disposed when the rows are read, or at once on an error.
        /// </summary>
        public IEnumerable<TeamsRemediationFleetRow>? ReadText(TextReader reader, string name, string path, out ModuleError? error)
        {
            error = null;
            string? first;
            long skipped = 0;
            while ((first = reader.ReadLine()) != null && first.Trim().Length == 0)
            {
                skipped++;
            }

            if (first == null)
            {
                reader.Dispose();
                error = ModuleErrors.FleetFileEmpty(path);
                return null;
            }

            if (FleetLine.IsFirstOfLines(first.TrimStart()))
            {
                return LinesOf(reader, name, first, skipped + 1);
            }

            var delimiter = CsvRecordReader.DelimiterOf(first);
            var header = new CsvRecordReader(new StringReader(first), delimiter).Read()!.Cells;
            var columns = header.Select(h => FleetFields.Of(h)).ToArray();
            var known = new HashSet<FleetField>(columns.Where(c => c.HasValue).Select(c => c!.Value));
            var outputs = new[] { FleetField.PreOutput, FleetField.PostOutput, FleetField.DiscoveredValue };
            if (!known.Contains(FleetField.DeviceName) || !outputs.Any(known.Contains))
            {
                reader.Dispose();
                error = ModuleErrors.FleetFileUnrecognized(path, header.Take(12).Select(FleetLine.Excerpt),
                    FleetFields.NamesOf(FleetField.DeviceName).Take(3).Concat(outputs.SelectMany(f => FleetFields.NamesOf(f).Take(1))));
                return null;
            }

            return RecordsOf(reader, name, delimiter, columns, skipped + 2);
        }

        /// <summary>One line, from the pipeline or a file; <paramref name="source"/> names it in a warning.</summary>
        public IEnumerable<TeamsRemediationFleetRow> ReadLine(string line, string source) => ReadLine(line, (FleetSource)source);

        private IEnumerable<TeamsRemediationFleetRow> ReadLine(string line, FleetSource source)
        {
            Read++;
            if (!Readable(line, source))
            {
                return Nothing();
            }

            var parsed = FleetLine.Read(line, out var problem);
            if (parsed == null)
            {
                Skip(source, problem);
                return Nothing();
            }

            return FromLine(parsed, FleetPhase.Pre, parsed.Computer, string.Empty, null, source);
        }

        /// <summary>A device run state (Graph, or a row of an export read by name), or a ConfigMgr compliance row.</summary>
        public IEnumerable<TeamsRemediationFleetRow> ReadRecord(FleetRecord record)
        {
            Read++;
            var rows = new List<TeamsRemediationFleetRow>();
            var computer = record[FleetField.DeviceName].Trim();
            var user = record[FleetField.User].Trim();
            var time = FleetTime.Parse(record[FleetField.Time]);
            var partly = false;
            foreach (var field in new[] { FleetField.PreOutput, FleetField.DiscoveredValue, FleetField.RemediationError, FleetField.PostOutput })
            {
                var text = LastLine(record[field]);
                if (text.Length == 0)
                {
                    continue;
                }

                var phase = field == FleetField.PostOutput ? FleetPhase.Post : field == FleetField.RemediationError ? FleetPhase.Remediation
                    : FleetPhase.Pre;
                var where = record.Where.With(Describe(field));
                if (!Readable(text, where))
                {
                    partly = true;
                    continue;
                }

                if (text == DiagnosisSummary.Compliant || text == DiagnosisSummary.NonCompliant)
                {
                    // ConfigMgr's discovery value before the line grammar: the state alone.
                    rows.Add(Row(computer, user, time, phase, text, null, string.Empty, where));
                    continue;
                }

                var parsed = FleetLine.Read(text, out var problem);
                if (parsed == null)
                {
                    if (field == FleetField.RemediationError)
                    {
                        // Intune keeps only the remediation's error: any text there is the remediation's own failure.
                        rows.Add(Row(computer, user, time, phase, RemediationOutcomeOf(record[FleetField.RemediationState], failed: true), null,
                            Clip(text), where));
                        continue;
                    }

                    Warn(where, problem);
                    partly = true;
                    continue;
                }

                if (computer.Length > 0 && parsed.Computer.Length > 0 && !string.Equals(computer, parsed.Computer,
                    StringComparison.OrdinalIgnoreCase))
                {
                    Warn(where, "the line is about " + parsed.Computer + ", the record about " + computer + "; read as " + computer);
                }

                rows.AddRange(FromLine(parsed, phase, computer.Length > 0 ? computer : parsed.Computer, user, time, where));
            }

            if (!rows.Any(r => r.Phase == FleetPhase.Remediation) && Ran(record[FleetField.RemediationState]))
            {
                rows.Add(Row(computer, user, time, FleetPhase.Remediation, RemediationOutcomeOf(record[FleetField.RemediationState], failed: false),
                    null,
                    string.Empty, record.Where.With("remediation state")));
            }

            foreach (var (field, phase) in new[] { (FleetField.PreError, FleetPhase.Pre), (FleetField.PostError, FleetPhase.Post) })
            {
                var error = record[field].Trim();
                if (error.Length > 0 && !rows.Any(r => r.Phase == phase))
                {
                    rows.Add(Row(computer, user, time, phase, FleetLine.ScriptError, null, Clip(error),
                        record.Where.With(Describe(field))));
                }
            }

            if (rows.Count == 0 && !partly && record[FleetField.DetectionState].Trim().Length > 0)
            {
                // No output yet (pending, not applicable): the device is there, with Intune's word for its state.
                rows.Add(Row(computer, user, time, FleetPhase.Pre, Capitalized(record[FleetField.DetectionState].Trim()), null, string.Empty,
                    record.Where.With("detection state")));
            }

            if (computer.Length == 0 && rows.Any(r => r.ComputerName.Length == 0))
            {
                Skip(record.Where, "it names no device (no device name column or property, and no line naming one)");
                return Nothing();
            }

            if (rows.Count == 0)
            {
                if (!partly)
                {
                    Skip(record.Where, "it holds no detection output, remediation error or state");
                }
                else
                {
                    Unreadable++;
                }

                return Nothing();
            }

            return rows;
        }

        /// <summary>
        /// A finding of Test-TeamsCaa20002 (as Invoke-Command returns it: status and owner are strings there). Its code is
        /// <paramref name="code"/> when the live object gives it, else the first code of its summary.
        /// </summary>
        public IEnumerable<TeamsRemediationFleetRow> ReadFinding(string computer, string user, string checkId, string status, string owner,
            string summary, DateTime? time, string source, string code = "")
        {
            Read++;
            if (computer.Length == 0 || checkId.Length == 0 || !Enum.TryParse<FindingStatus>(status, true, out var parsedStatus))
            {
                Skip(source, "a finding needs ComputerName, CheckId and a Status of Pass, Warning, Fail or Skipped");
                return Nothing();
            }

            code = code.Length > 0 ? code : CodeCatalog.Extract(summary).FirstOrDefault() ?? string.Empty;
            var parsedOwner = Enum.TryParse<FindingOwner>(owner, true, out var o) ? o
                : code.Length > 0 ? CodeCatalog.Explain(code).Owner : CheckIds.DefaultOwner(checkId);
            var row = Row(computer, user, time, FleetPhase.Pre, parsedStatus == FindingStatus.Fail ? DiagnosisSummary.NonCompliant
                : DiagnosisSummary.Compliant,
                null, Clip(summary), source);
            row.CheckId = checkId;
            row.Status = parsedStatus;
            row.Owner = parsedOwner;
            row.Code = code;
            return new[] { row };
        }

        /// <summary>
        /// A summary of Repair-TeamsCaa20002: what was wrong before, the outcome (with "+Restart" when a restart is needed beside another
        /// outcome, as its line says), what is still wrong after.
        /// </summary>
        public IEnumerable<TeamsRemediationFleetRow> ReadRepairSummary(string computer, string outcome, int? exitCode, bool restartNeeded,
            IEnumerable<string> before, IEnumerable<string> after, DateTime? time, string source)
        {
            Read++;
            if (computer.Length == 0 || !Enum.TryParse<RepairOutcome>(outcome, true, out var parsed))
            {
                Skip(source, "a repair summary needs ComputerName and an Outcome of Repair-TeamsCaa20002");
                return Nothing();
            }

            var state = parsed + (restartNeeded && parsed != RepairOutcome.NeedsReboot ? "+Restart" : string.Empty);
            var rows = new List<TeamsRemediationFleetRow>();
            rows.AddRange(FleetLine.Problems(before).Select(i => ItemRow(i, computer, string.Empty, time, FleetPhase.Pre, Compliance(i), null,
                source + ", problems before")));
            if (rows.Count == 0)
            {
                rows.Add(Row(computer, string.Empty, time, FleetPhase.Pre, DiagnosisSummary.Compliant, null, string.Empty, source
                    + ", problems before"));
            }

            rows.Add(Row(computer, string.Empty, time, FleetPhase.Remediation, state, exitCode, string.Empty, source));
            if (parsed != RepairOutcome.WhatIf)
            {
                var left = FleetLine.Problems(after).Select(i => ItemRow(i, computer, string.Empty, time, FleetPhase.Post, Compliance(i), null,
                    source + ", problems after")).ToList();
                rows.AddRange(left.Count > 0 ? left
                    : new[] { Row(computer, string.Empty, time, FleetPhase.Post, DiagnosisSummary.Compliant, null, string.Empty, source
                        + ", problems after") });
            }

            return rows;
        }

        private IEnumerable<TeamsRemediationFleetRow> LinesOf(TextReader reader, string name, string first, long firstLine)
        {
            using (reader)
            {
                var number = firstLine;
                var line = first;
                while (line != null)
                {
                    if (line.Trim().Length > 0)
                    {
                        foreach (var row in ReadLine(line, FleetSource.Line(name, number)))
                        {
                            yield return row;
                        }
                    }

                    line = reader.ReadLine();
                    number++;
                }
            }
        }

        private IEnumerable<TeamsRemediationFleetRow> RecordsOf(TextReader reader, string name, char delimiter, FleetField?[] columns,
            long firstLine)
        {
            using (reader)
            {
                var csv = new CsvRecordReader(reader, delimiter, firstLine);
                CsvRecord? record;
                while ((record = csv.Read()) != null)
                {
                    var source = FleetSource.Record(name, record.Number, record.Line);
                    if (record.Problem.Length > 0)
                    {
                        Read++;
                        Skip(source, record.Problem);
                        continue;
                    }

                    if (record.Cells.Length != columns.Length)
                    {
                        Warn(source, "it has " + record.Cells.Length + " cells, the header " + columns.Length
                            + " (read by position up to the shorter)");
                    }

                    var fields = new FleetRecord(source);
                    for (var i = 0; i < columns.Length && i < record.Cells.Length; i++)
                    {
                        if (columns[i].HasValue)
                        {
                            fields.Set(columns[i]!.Value, record.Cells[i]);
                        }
                    }

                    foreach (var row in ReadRecord(fields))
                    {
                        yield return row;
                    }
                }
            }
        }

        private IEnumerable<TeamsRemediationFleetRow> FromLine(SummaryLine line, FleetPhase phase, string computer, string user, DateTime? time,
            FleetSource source)
        {
            var rows = new List<TeamsRemediationFleetRow>();
            if (line.Dropped != 0)
            {
                Warn(source, line.Dropped > 0
                    ? "the line left out " + Text.Wording.Count(line.Dropped, "item") + " to stay within " + SummaryLine.MaxLength.ToString("N0",
                        CultureInfo.InvariantCulture)
                        + " characters; they are not counted"
                    : "the line was cut at " + SummaryLine.MaxLength.ToString("N0", CultureInfo.InvariantCulture)
                        + " characters; the items after the cut are not counted");
            }

            var problems = line.Items.Where(FleetLine.IsProblem).ToList();
            if (line.Kind == SummaryLine.RepairKind)
            {
                // A repair line: its outcome, then what it found still wrong after its steps as the state after.
                rows.Add(Row(computer, user, time, FleetPhase.Remediation, line.State, line.ExitCode,
                    line.State == FleetLine.ScriptError ? Clip(line.Text) : string.Empty, source));
                if (line.State == FleetLine.ScriptError || line.State == nameof(RepairOutcome.WhatIf))
                {
                    return rows;
                }

                rows.AddRange(problems.Select(i => ItemRow(i, computer, user, time, FleetPhase.Post, Compliance(i), line.ExitCode, source)));
                if (problems.Count == 0 && line.Dropped == 0)
                {
                    rows.Add(Row(computer, user, time, FleetPhase.Post, DiagnosisSummary.Compliant, null, string.Empty, source));
                }

                return rows;
            }

            rows.AddRange(problems.Select(i => ItemRow(i, computer, user, time, phase, line.State, null, source)));
            if (rows.Count == 0)
            {
                rows.Add(Row(computer, user, time, phase, line.State, null, line.State == FleetLine.ScriptError ? Clip(line.Text) : string.Empty,
                    source));
            }

            return rows;
        }

        /// <summary>A problem's own state: a failing check makes its detection NonCompliant, a warning does not.</summary>
        private static string Compliance(SummaryLineItem item) =>
            item.Status == SummaryLineItem.Fail ? DiagnosisSummary.NonCompliant : DiagnosisSummary.Compliant;

        private static TeamsRemediationFleetRow ItemRow(SummaryLineItem item, string computer, string user, DateTime? time, FleetPhase phase,
            string outcome, int? exitCode, FleetSource source)
        {
            var row = Row(computer, item.User.Length > 0 ? item.User : user, time, phase, outcome, exitCode, string.Empty, source);
            row.CheckId = item.CheckId;
            row.Status = item.Status == SummaryLineItem.Fail ? FindingStatus.Fail : FindingStatus.Warning;
            row.Owner = FleetLine.OwnerOf(item);
            row.Code = item.Code;
            return row;
        }

        private static TeamsRemediationFleetRow Row(string computer, string user, DateTime? time, FleetPhase phase, string outcome, int? exitCode,
            string summary, FleetSource source) => new TeamsRemediationFleetRow
            {
                ComputerName = computer,
                User = user,
                Time = time,
                Phase = phase,
                Outcome = outcome,
                ExitCode = exitCode,
                Summary = summary,
                Where = source,
            };

        /// <summary>False, with a warning, for text holding bytes the file's encoding could not decode.</summary>
        private bool Readable(string text, FleetSource source)
        {
            if (text.IndexOf(FleetTextFile.Replacement) < 0)
            {
                return true;
            }

            Skip(source, "it holds bytes that are not text in the file's encoding (UTF-8 unless the file starts with a byte-order mark or is UTF-16);"
                + " save the export as UTF-8 or UTF-16");
            return false;
        }

        private void Skip(FleetSource source, string why)
        {
            Unreadable++;
            Warn(source, why);
        }

        private void Warn(FleetSource source, string why) => warn(source + " not read: " + why + ".");

        private static IEnumerable<TeamsRemediationFleetRow> Nothing() => new TeamsRemediationFleetRow[0];

        /// <summary>What Intune shows of an output: its last line (the scripts end with their one-line summary).</summary>
        private static string LastLine(string text)
        {
            // Scanned from the end: the usual cell is one line, and this runs for every cell of every record.
            var end = text.Length;
            while (end > 0)
            {
                while (end > 0 && char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }

                var start = text.LastIndexOfAny(LineBreaks, Math.Max(0, end - 1));
                var line = text.Substring(start + 1, end - start - 1).Trim();
                if (line.Length > 0 || start < 0)
                {
                    return line;
                }

                end = start;
            }

            return string.Empty;
        }

        private static readonly char[] LineBreaks = { '\r', '\n' };

        private static bool Ran(string remediationState)
        {
            var state = FleetFields.Normalize(remediationState);
            return state.Length > 0 && state != "skipped" && state != "unknown" && state != "notapplicable" && state != "unknownfuturevalue";
        }

        /// <summary>Intune's remediation state in the module's words: Success, RemediationFailed, ScriptError.</summary>
        private static string RemediationOutcomeOf(string state, bool failed)
        {
            var normalized = FleetFields.Normalize(state);
            if (normalized == "scripterror")
            {
                return FleetLine.ScriptError;
            }

            if (failed || normalized == "remediationfailed" || normalized == "failed" || normalized == "fail")
            {
                return "RemediationFailed";
            }

            return normalized == "success" || normalized == "remediated" ? "Success" : Capitalized(state.Trim());
        }

        private static string Capitalized(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word.Substring(1);

        private static string Describe(FleetField field)
        {
            switch (field)
            {
                case FleetField.PreOutput: return "pre-remediation detection output";
                case FleetField.PreError: return "pre-remediation detection error";
                case FleetField.PostOutput: return "post-remediation detection output";
                case FleetField.PostError: return "post-remediation detection error";
                case FleetField.RemediationError: return "remediation error";
                case FleetField.DiscoveredValue: return "discovered value";
                default: return field.ToString();
            }
        }

        /// <summary>At most Intune's 2,048 characters of a free text: a row never carries a runaway cell.</summary>
        private static string Clip(string text) => text.Length <= DiagnosisSummary.MaxLineLength ? text : text.Substring(0,
            DiagnosisSummary.MaxLineLength);
    }
}
