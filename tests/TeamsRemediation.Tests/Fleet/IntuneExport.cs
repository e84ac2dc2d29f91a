using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>One device's row of Intune's DeviceRunStatesByProactiveRemediation export.</summary>
    internal sealed class RunState
    {
        public string DeviceName { get; set; } = string.Empty;

        public string Upn { get; set; } = string.Empty;

        public string DetectionStatus { get; set; } = "Fail";

        public string RemediationStatus { get; set; } = string.Empty;

        public string PreOutput { get; set; } = string.Empty;

        public string PreError { get; set; } = string.Empty;

        public string RemediationError { get; set; } = string.Empty;

        public string PostOutput { get; set; } = string.Empty;

        public string PostError { get; set; } = string.Empty;

        public DateTime Modified { get; set; }
    }

    /// <summary>
    /// Writes device run states as Intune's export does: a header naming the columns (in an order of our choosing, with
    /// columns the reader does not use among them), every cell quoted, quotes doubled, line breaks kept inside cells.
    /// </summary>
    internal static class IntuneExport
    {
        /// <summary>The report's columns, deliberately not in the order the reader would guess, with extra ones between them.</summary>
        public static readonly string[] Columns =
        {
            "DeviceId", "PostRemediationDetectionScriptOutput", "DeviceName", "OSVersion", "RemediationStatus", "UPN",
            "PreRemediationDetectionScriptOutput", "PreRemediationDetectionScriptError", "DetectionStatus", "RemediationScriptErrorDetails",
            "PostRemediationDetectionScriptError", "ModifiedTime", "InternalVersion",
        };

        public static string Csv(IEnumerable<RunState> states)
        {
            var text = new StringBuilder();
            text.Append(string.Join(",", Columns.Select(Quote))).Append("\r\n");
            var n = 0;
            foreach (var s in states)
            {
                n++;
                var cells = new Dictionary<string, string>
                {
                    ["DeviceId"] = new Guid(n, 0, 0, new byte[8]).ToString(),
                    ["PostRemediationDetectionScriptOutput"] = s.PostOutput,
                    ["DeviceName"] = s.DeviceName,
                    ["OSVersion"] = "10.0.22631.4460",
                    ["RemediationStatus"] = s.RemediationStatus,
                    ["UPN"] = s.Upn,
                    ["PreRemediationDetectionScriptOutput"] = s.PreOutput,
                    ["PreRemediationDetectionScriptError"] = s.PreError,
                    ["DetectionStatus"] = s.DetectionStatus,
                    ["RemediationScriptErrorDetails"] = s.RemediationError,
                    ["PostRemediationDetectionScriptError"] = s.PostError,
                    ["ModifiedTime"] = s.Modified.ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture),
                    ["InternalVersion"] = "1",
                };
                text.Append(string.Join(",", Columns.Select(c => Quote(cells[c])))).Append("\r\n");
            }

            return text.ToString();
        }

        public static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";

        /// <summary>Writes the text in an encoding, with or without its byte-order mark.</summary>
        public static string Write(string path, string text, Encoding encoding)
        {
            using (var stream = File.Create(path))
            {
                var preamble = encoding.GetPreamble();
                stream.Write(preamble, 0, preamble.Length);
                var bytes = encoding.GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
            }

            return path;
        }
    }
}
