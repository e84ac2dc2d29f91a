using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using TeamsRemediation.Errors;
using TeamsRemediation.Fleet;
using TeamsRemediation.Hosting;
using TeamsRemediation.Text;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// <para type="synopsis">Summarises a fleet's rows per cause and owner (devices fixed, recurred, needing a restart or the admin, not fixed) or
    /// per device, and writes one self-contained HTML page.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TeamsRemediationFleetSummary", DefaultParameterSetName = ByInputObject,
        HelpUri = HelpLinks.GetTeamsRemediationFleetSummary)]
    [OutputType(typeof(TeamsRemediationFleetCause), typeof(TeamsRemediationFleetDevice))]
    public sealed class GetTeamsRemediationFleetSummaryCommand : PSCmdlet
    {
        private const string ByInputObject = "InputObject";
        private const string ByPath = "Path";
        private readonly FleetTally tally = new FleetTally();

        /// <summary>Rows of ConvertFrom-TeamsRemediationOutput (live, or back from Import-Csv or Import-Clixml).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>Exports and files of lines, read as ConvertFrom-TeamsRemediationOutput -Path reads them, without a row on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByPath)]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        /// <summary>One object per device (before, after, verdict) instead of one per cause.</summary>
        [Parameter]
        public SwitchParameter ByDevice { get; set; }

        /// <summary>Also writes the summary as one self-contained HTML page to this file.</summary>
        [Parameter]
        public string? HtmlPath { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByPath)
            {
                // The rows go straight into the tally: a 100,000-device export costs no pipeline hop per row.
                var files = new FleetFiles(this, new FleetReader(WriteWarning), tally.Add);
                foreach (var path in Path ?? new string[0])
                {
                    files.ReadPath(path);
                }

                return;
            }

            foreach (var input in InputObject ?? new PSObject?[0])
            {
                if (input?.BaseObject is TeamsRemediationFleetRow row)
                {
                    // The usual case, straight from ConvertFrom-TeamsRemediationOutput: no property lookup through the PowerShell adapter.
                    tally.Add(row);
                }
                else if (input != null && FleetObjects.IsFleetRow(input))
                {
                    tally.Add(FleetObjects.Row(input));
                }
                else if (input != null)
                {
                    WriteWarning("An object of type " + FleetObjects.TypeName(input)
                        + " is not a row of ConvertFrom-TeamsRemediationOutput and was not"
                        + " counted; pipe the reports through ConvertFrom-TeamsRemediationOutput first.");
                }
            }
        }

        protected override void EndProcessing()
        {
            var report = tally.Finish();
            WriteVerbose(Wording.Count(report.DeviceCount, "device") + " from " + Wording.Count(report.Rows, "row") + ": "
                + report.FailingBefore + " failing before, " + report.FailingAfter + " after.");
            if (HtmlPath != null)
            {
                WritePage(report, GetUnresolvedProviderPathFromPSPath(HtmlPath));
            }

            if (ByDevice)
            {
                foreach (var device in report.Devices())
                {
                    WriteObject(device);
                }

                return;
            }

            foreach (var cause in report.Causes)
            {
                WriteObject(cause);
            }
        }

        private void WritePage(FleetReport report, string path)
        {
            try
            {
                using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    FleetPage.Write(writer, report, DateTime.UtcNow);
                }

                WriteVerbose("Wrote the fleet page " + path + ".");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                WriteError(ErrorRecords.From(ModuleErrors.FleetPageNotWritten(path, e)));
            }
        }
    }
}
