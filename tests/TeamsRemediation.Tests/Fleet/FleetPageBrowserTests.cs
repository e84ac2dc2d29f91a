using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Fleet
{
    /// <summary>The fleet page opened in a real browser (headless chromium): what an admin sees, with nothing fetched from anywhere.</summary>
    public sealed class FleetPageBrowserTests
    {
        private static readonly string[] Lines =
        {
            "CAA20002 PC01 NonCompliant: FAIL Tls.WinHttp: off | pass 15, skipped 1",
            "CAA20002 PC01 Repair Fixed (exit 0): Machine/Tls: Done",
            "CAA20002 PC02 NonCompliant: FAIL Tls.WinHttp: off | pass 15, skipped 1",
            "CAA20002 PC02 Repair NotFixed (exit 1): Machine/Tls: Failed | left: Fail Tls.WinHttp: off",
            "CAA20002 PC03 NonCompliant: FAIL Tls.WinHttp: off | pass 15, skipped 1",
            "CAA20002/1 Test PC<img%20src=http://example.com/x.png>04 NonCompliant exit=1 dropped=0 | Warning Evidence.AadEvents TenantAdmin"
                + " AADSTS53003 CONTOSO\\<script>alert(1)</script>",
            "CAA20002 PC05 Compliant: pass 16, skipped 1",
        };

        /// <summary>A loopback port nothing listens on: a request sent there fails at once, on this machine.</summary>
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        [ChromiumFact]
        public void TheRenderedPageShowsEveryCauseAndCountRunsNoScriptAndFetchesNothing()
        {
            using var temp = new TempFolder();
            var page = temp.Combine("fleet.html");
            using (var s = new SimulatedSession())
            {
                var result = s.Run("$args[1..($args.Count - 1)] | ConvertFrom-TeamsRemediationOutput |"
                    + " Get-TeamsRemediationFleetSummary -HtmlPath $args[0]",
                    new object[] { page }.Concat(Lines).ToArray());
                Assert.Empty(result.Errors);
                Assert.Equal(2, result.Objects<TeamsRemediationFleetCause>().Count());
            }

            var (exitCode, dom, log) = HeadlessChromium.Run(temp.Combine("profile"), ClosedPort(), "--dump-dom", new System.Uri(page).AbsoluteUri);

            Assert.True(exitCode == 0, "chromium exited with " + exitCode + ": " + log);
            Assert.Contains("<h1>Teams sign-in (CAA20002) across 5 devices</h1>", dom);
            Assert.Matches("id=\"failing-before\"[^>]*><span class=\"value\">4</span>", dom);
            // PC01 was fixed; PC02 is still failing after its repair; PC03 and PC04 were not checked again, so their first detection stands.
            Assert.Matches("id=\"failing-after\"[^>]*><span class=\"value\">3</span>", dom);
            Assert.Matches("id=\"verdict-Healthy\"[^>]*><span class=\"value\">1</span>", dom);
            // The cause table: cause, owner, meaning, devices, fixed, recurred, needs restart, needs admin, not fixed.
            Assert.Matches("Tls\\.WinHttp</a></td><td>Device</td><td>[^<]*</td><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">0</td>"
                + "<td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">2</td>", dom);
            Assert.Matches("Evidence\\.AadEvents AADSTS53003</a></td><td>TenantAdmin</td><td>[^<]*</td><td class=\"n\">1</td>"
                + "(<td class=\"n\">0</td>){3}"
                + "<td class=\"n\">1</td><td class=\"n\">0</td>", dom);
            Assert.Contains("<svg class=\"chart\" id=\"causes\"", dom);
            Assert.Equal(2, Regex.Matches(dom, "<details id=\"cause-").Count);
            // The hostile device and user names are text, not markup: no script element, no image, nothing that fetches.
            Assert.Contains("PC&lt;img src=http://example.com/x.png&gt;04", dom);
            Assert.Contains("CONTOSO\\&lt;script&gt;alert(1)&lt;/script&gt;", dom);
            Assert.DoesNotContain("<script", dom);
            Assert.DoesNotContain("<img", dom);
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", dom);
            // No console message at all (a script error or a refused load would be one), and no request but chromium's own background
            // calls to its vendor's services, which the closed proxy refuses on this machine: the page asked for nothing.
            Assert.DoesNotMatch("INFO:CONSOLE", log);
            var requests = Regex.Matches(log, "NotifyBeforeURLRequest: (\\S+)").Select(m => new System.Uri(m.Groups[1].Value).Host).ToList();
            Assert.All(requests, host => Assert.Matches(@"(^|\.)(google\.com|googleapis\.com|gstatic\.com)$", host));
        }
    }
}
