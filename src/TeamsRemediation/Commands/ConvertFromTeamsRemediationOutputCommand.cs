using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using TeamsRemediation.Errors;
using TeamsRemediation.Fleet;
using TeamsRemediation.Hosting;
using TeamsRemediation.Text;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads what a fleet reported back into one row per device and finding: Intune's export, Graph's run states, ConfigMgr's
    /// values, lines, and Invoke-Command's results.</para>
    /// </summary>
    /// <remarks>
    /// Parse only: it reads files and objects and never acts on this PC, so it needs no Windows and no machine; it works on
    /// an admin's workstation of any kind.
    /// </remarks>
    [Cmdlet(VerbsData.ConvertFrom, "TeamsRemediationOutput", DefaultParameterSetName = ByInputObject,
        HelpUri = HelpLinks.ConvertFromTeamsRemediationOutput)]
    [OutputType(typeof(TeamsRemediationFleetRow))]
    public sealed class ConvertFromTeamsRemediationOutputCommand : PSCmdlet
    {
        private const string ByInputObject = "InputObject";
        private const string ByPath = "Path";
        private FleetReader? reader;
        private FleetFiles? files;
        private long item;

        /// <summary>Lines, Graph device run states, ConfigMgr compliance rows, findings and repair summaries (from Invoke-Command), files.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
        [AllowNull]
        [AllowEmptyString]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>Exports (CSV) and files of lines; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByPath)]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        private FleetReader Reader => reader ??= new FleetReader(WriteWarning);

        private FleetFiles Files => files ??= new FleetFiles(this, Reader, WriteObject);

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByPath)
            {
                foreach (var path in Path ?? new string[0])
                {
                    Files.ReadPath(path);
                }

                return;
            }

            foreach (var input in InputObject ?? new PSObject?[0])
            {
                item++;
                Read(input);
            }
        }

        protected override void EndProcessing()
        {
            WriteVerbose("Read " + Wording.Count(Reader.Read, "record or line", "records and lines") + "; " + Reader.Unreadable.ToString("N0",
                CultureInfo.InvariantCulture) + " could not be read (each is a warning above).");
        }

        private void Read(PSObject? input)
        {
            var source = "pipeline item " + item.ToString(CultureInfo.InvariantCulture);
            switch (input?.BaseObject)
            {
                case null:
                    return;
                case string line:
                    // Get-Content gives blank lines too: they hold no run to read.
                    if (line.Trim().Length > 0)
                    {
                        Write(Reader.ReadLine(line, source));
                    }

                    return;
                case FileInfo file:
                    Files.ReadFile(file.FullName);
                    return;
            }

            if (FleetObjects.IsFleetRow(input))
            {
                WriteObject(FleetObjects.Row(input));
            }
            else if (FleetObjects.IsFinding(input))
            {
                var computer = FleetObjects.String(input, "ComputerName");
                Write(Reader.ReadFinding(computer.Length > 0 ? computer : FleetObjects.String(input, "PSComputerName"), FleetObjects.String(input,
                    "User"),
                    FleetObjects.String(input, "CheckId"), FleetObjects.String(input, "Status"), FleetObjects.String(input, "Owner"),
                    FleetObjects.String(input, "Summary"), FleetObjects.Time(input, "Timestamp"), source + " (finding)",
                    input.BaseObject is TeamsCaa20002Finding live ? live.TopCode : string.Empty));
            }
            else if (FleetObjects.IsRepairSummary(input))
            {
                var computer = FleetObjects.String(input, "ComputerName");
                Write(Reader.ReadRepairSummary(computer.Length > 0 ? computer : FleetObjects.String(input, "PSComputerName"),
                    FleetObjects.String(input, "Outcome"), FleetObjects.Int(input, "ExitCode"),
                    string.Equals(FleetObjects.String(input, "RebootRequired"), bool.TrueString, System.StringComparison.OrdinalIgnoreCase),
                    FleetObjects.Strings(input, "ProblemsBefore"), FleetObjects.Strings(input, "ProblemsAfter"), null, source + " (repair summary)"));
            }
            else
            {
                var record = FleetObjects.Record(input, source + " (" + FleetObjects.TypeName(input) + ")");
                if (!record.HasRunFields)
                {
                    WriteWarning(record.Source + " not read: it is not a line, a finding, a repair summary, a device run state or a compliance row of"
                        + " TeamsRemediation (no detection output, discovered value or state property).");
                    return;
                }

                Write(Reader.ReadRecord(record));
            }
        }

        private void Write(IEnumerable<TeamsRemediationFleetRow> rows)
        {
            foreach (var row in rows)
            {
                WriteObject(row);
            }
        }
    }
}
