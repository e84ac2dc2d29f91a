using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;

namespace TeamsRemediation.Fleet
{
    /// <summary>
    /// The fleet summary as one self-contained HTML page an admin can mail: inline CSS and SVG charts, no script, no font,
    /// no image or request to anywhere (its Content-Security-Policy forbids them, so a hostile device name in the data
    /// cannot add one). Causes by devices and owner, before and after, and the devices behind each bar in a list that
    /// opens without script (details/summary).
    /// </summary>
    public static class FleetPage
    {
        /// <summary>Causes drawn as bars; the rest are still listed below the chart.</summary>
        public const int CausesCharted = 30;

        private const int Width = 960;
        private const int LabelWidth = 370;
        private const int BarWidth = 500;
        private const int RowHeight = 26;

        private static readonly (FleetVerdict Verdict, string Label, string Color)[] Segments =
        {
            (FleetVerdict.Fixed, "fixed", "#2e7d32"),
            (FleetVerdict.Recurred, "recurred", "#ef6c00"),
            (FleetVerdict.NeedsRestart, "needs restart", "#f9a825"),
            (FleetVerdict.NeedsAdmin, "needs admin or user", "#6a1b9a"),
            (FleetVerdict.NotFixed, "not fixed", "#c62828"),
        };

        public static void Write(TextWriter html, FleetReport report, DateTime generatedUtc)
        {
            html.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            html.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
            html.Write("<title>Teams sign-in across " + N(report.DeviceCount) + " devices</title>\n<style>\n" + Style
                + "</style>\n</head>\n<body>\n");
            html.Write("<h1>Teams sign-in (CAA20002) across " + N(report.DeviceCount) + " devices</h1>\n");
            html.Write("<p class=\"meta\">Summarised " + E(generatedUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)) + " from "
                + N(report.Rows) + " rows by TeamsRemediation's Get-TeamsRemediationFleetSummary.</p>\n");
            Totals(html, report);
            BeforeAfter(html, report);
            Causes(html, report);
            DevicesBehind(html, report);
            html.Write("</body>\n</html>\n");
        }

        private static void Totals(TextWriter html, FleetReport report)
        {
            html.Write("<section class=\"totals\" id=\"totals\">\n");
            Card(html, "devices", "Devices", report.DeviceCount, "#37474f");
            Card(html, "failing-before", "Failing before", report.FailingBefore, "#c62828");
            Card(html, "failing-after", "Failing after", report.FailingAfter, "#ef6c00");
            foreach (var s in Segments)
            {
                Card(html, "verdict-" + s.Verdict, Capital(s.Label), report.Verdicts[s.Verdict], s.Color);
            }

            Card(html, "verdict-Healthy", "Healthy", report.Verdicts[FleetVerdict.Healthy], "#2e7d32");
            html.Write("</section>\n<p class=\"note\">Each device counts once, by its most pressing cause: not fixed, recurred, needs restart,"
                + " needs admin,"
                + " fixed.</p>\n");
        }

        private static void Card(TextWriter html, string id, string label, int value, string color) =>
            html.Write("<div class=\"card\" id=\"" + id + "\" style=\"border-color:" + color + "\"><span class=\"value\">" + N(value)
                + "</span><span class=\"label\">" + E(label) + "</span></div>\n");

        private static void BeforeAfter(TextWriter html, FleetReport report)
        {
            html.Write("<h2>Before and after the remediation</h2>\n");
            var max = Math.Max(1, Math.Max(report.FailingBefore, report.FailingAfter));
            var height = 2 * RowHeight + 10;
            SvgOpen(html, "before-after", height, "Devices failing before and after");
            var rows = new[] { ("Failing before", report.FailingBefore, "#c62828"), ("Failing after", report.FailingAfter, "#ef6c00") };
            for (var i = 0; i < rows.Length; i++)
            {
                var y = 5 + i * RowHeight;
                var w = Scale(rows[i].Item2, max);
                html.Write("<text x=\"" + (LabelWidth - 8) + "\" y=\"" + (y + 17) + "\" text-anchor=\"end\">" + E(rows[i].Item1) + "</text>\n");
                html.Write("<rect x=\"" + LabelWidth + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + (RowHeight - 6) + "\" fill=\""
                    + rows[i].Item3
                    + "\"><title>" + E(rows[i].Item1) + ": " + N(rows[i].Item2) + " devices</title></rect>\n");
                html.Write("<text x=\"" + (LabelWidth + w + 6) + "\" y=\"" + (y + 17) + "\">" + N(rows[i].Item2) + "</text>\n");
            }

            html.Write("</svg>\n");
        }

        private static void Causes(TextWriter html, FleetReport report)
        {
            html.Write("<h2>Causes by devices and owner</h2>\n");
            if (report.Causes.Count == 0)
            {
                html.Write("<p id=\"no-causes\">No device reported a failing check.</p>\n");
                return;
            }

            var charted = report.Causes.Take(CausesCharted).ToList();
            var max = Math.Max(1, charted.Max(c => c.Devices));
            var height = charted.Count * RowHeight + 10;
            SvgOpen(html, "causes", height, "Causes by devices");
            for (var i = 0; i < charted.Count; i++)
            {
                var cause = charted[i];
                var y = 5 + i * RowHeight;
                html.Write("<a href=\"#cause-" + i + "\"><text x=\"" + (LabelWidth - 8) + "\" y=\"" + (y + 17) + "\" text-anchor=\"end\">"
                    + E(cause.Cause) + " (" + E(cause.Owner.ToString()) + ")</text></a>\n");
                var x = LabelWidth;
                foreach (var s in Segments)
                {
                    var count = CountOf(cause, s.Verdict);
                    if (count == 0)
                    {
                        continue;
                    }

                    var w = Math.Max(1, Scale(count, max));
                    html.Write("<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + (RowHeight - 6) + "\" fill=\"" + s.Color
                        + "\"><title>"
                        + E(cause.Cause) + ": " + N(count) + " " + E(s.Label) + "</title></rect>\n");
                    x += w;
                }

                html.Write("<text class=\"count\" x=\"" + (x + 6) + "\" y=\"" + (y + 17) + "\">" + N(cause.Devices) + "</text>\n");
            }

            html.Write("</svg>\n<p class=\"legend\">");
            foreach (var s in Segments)
            {
                html.Write("<span><i style=\"background:" + s.Color + "\"></i>" + E(s.Label) + "</span> ");
            }

            html.Write("</p>\n");
            if (report.Causes.Count > charted.Count)
            {
                html.Write("<p class=\"note\">" + N(report.Causes.Count - charted.Count)
                    + " smaller causes are not drawn; they are in the table.</p>\n");
            }

            html.Write("<table class=\"causes\">\n<thead><tr><th>Cause</th><th>Owner</th><th>Meaning</th><th>Devices</th><th>Fixed</th>"
                + "<th>Recurred</th>"
                + "<th>Needs restart</th><th>Needs admin</th><th>Not fixed</th><th>Newest</th></tr></thead>\n<tbody>\n");
            for (var i = 0; i < report.Causes.Count; i++)
            {
                var c = report.Causes[i];
                html.Write("<tr><td><a href=\"#cause-" + i + "\">" + E(c.Cause) + "</a></td><td>" + E(c.Owner.ToString()) + "</td><td>" + E(c.Meaning)
                    + "</td><td class=\"n\">" + N(c.Devices) + "</td><td class=\"n\">" + N(c.Fixed) + "</td><td class=\"n\">" + N(c.Recurred)
                    + "</td><td class=\"n\">" + N(c.NeedsRestart) + "</td><td class=\"n\">" + N(c.NeedsAdmin) + "</td><td class=\"n\">"
                        + N(c.NotFixed)
                    + "</td><td>" + E(Time(c.NewestTime)) + "</td></tr>\n");
            }

            html.Write("</tbody>\n</table>\n");
        }

        private static void DevicesBehind(TextWriter html, FleetReport report)
        {
            if (report.Causes.Count == 0)
            {
                return;
            }

            html.Write("<h2>The devices behind each bar</h2>\n");
            for (var i = 0; i < report.Causes.Count; i++)
            {
                var c = report.Causes[i];
                html.Write("<details id=\"cause-" + i + "\"><summary>" + E(c.Cause) + " (" + E(c.Owner.ToString()) + "): " + N(c.Devices)
                    + " devices</summary>\n");
                html.Write("<table><thead><tr><th>Device</th><th>User</th><th>Reported</th><th>Verdict</th></tr></thead><tbody>\n");
                foreach (var d in c.Behind)
                {
                    html.Write("<tr><td>" + E(d.ComputerName) + "</td><td>" + E(d.User) + "</td><td>" + E(Time(d.Time)) + "</td><td>"
                        + E(d.Verdict.ToString())
                        + "</td></tr>\n");
                }

                html.Write("</tbody></table>\n");
                if (c.Devices > c.Behind.Length)
                {
                    html.Write("<p class=\"note\">The newest " + N(c.Behind.Length) + " of " + N(c.Devices)
                        + " devices; Get-TeamsRemediationFleetSummary"
                        + " -ByDevice lists them all.</p>\n");
                }

                html.Write("</details>\n");
            }
        }

        private static void SvgOpen(TextWriter html, string id, int height, string label) =>
            html.Write("<svg class=\"chart\" id=\"" + id + "\" width=\"" + Width + "\" height=\"" + height + "\" viewBox=\"0 0 " + Width + " "
                + height + "\" role=\"img\" aria-label=\"" + E(label) + "\">\n");

        private static int CountOf(TeamsRemediationFleetCause cause, FleetVerdict verdict)
        {
            switch (verdict)
            {
                case FleetVerdict.Fixed: return cause.Fixed;
                case FleetVerdict.Recurred: return cause.Recurred;
                case FleetVerdict.NeedsRestart: return cause.NeedsRestart;
                case FleetVerdict.NeedsAdmin: return cause.NeedsAdmin;
                case FleetVerdict.NotFixed: return cause.NotFixed;
                default: return 0;
            }
        }

        private static int Scale(int value, int max) => (int)Math.Round((double)value * BarWidth / max);

        private static string Time(DateTime? time) => time.HasValue ? time.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : string.Empty;

        private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        private static string E(string text) => WebUtility.HtmlEncode(text);

        private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

        private const string Style =
            "body{font-family:'Segoe UI',system-ui,sans-serif;margin:24px;color:#212121;max-width:1000px}\n"
            + "h1{font-size:22px}h2{font-size:17px;margin-top:28px}\n"
            + ".meta,.note{color:#616161;font-size:13px}\n"
            + ".totals{display:flex;flex-wrap:wrap;gap:8px}\n"
            + ".card{border-left:6px solid;padding:6px 12px;background:#f5f5f5;min-width:100px}\n"
            + ".card .value{display:block;font-size:22px;font-weight:600}.card .label{font-size:12px;color:#424242}\n"
            + "svg text{font-size:13px;fill:#212121}svg a text{fill:#0d47a1}\n"
            + ".legend span{margin-right:14px;font-size:13px}"
            + ".legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}\n"
            + "table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border-bottom:1px solid #e0e0e0;padding:3px 8px;text-align:left}\n"
            + "td.n{text-align:right}details{margin:4px 0}summary{cursor:pointer}\n";
    }
}
