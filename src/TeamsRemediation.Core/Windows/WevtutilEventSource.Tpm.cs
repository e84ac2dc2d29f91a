using System;
using System.Globalization;
using System.Xml;
using TeamsRemediation.Events;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>The System log's TPM lockout events, read like event 1098: one wevtutil query, filtered by Windows to the window.</summary>
    public sealed partial class WevtutilEventSource
    {
        public const string SystemLogName = "System";
        public const string TpmProvider = "Microsoft-Windows-TPM-WMI";
        public const int TpmLockoutEventId = 1026;

        /// <summary>The exact arguments of the TPM query: provider, id and window in the XPath, so nothing else of the System log is read.</summary>
        public static string TpmArguments(TimeSpan window)
        {
            var ms = ((long)Math.Max(0, window.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            return "qe " + SystemLogName + " /q:\"*[System[Provider[@Name='" + TpmProvider + "'] and (EventID="
                + TpmLockoutEventId.ToString(CultureInfo.InvariantCulture) + ") and TimeCreated[timediff(@SystemTime) <= " + ms
                + "]]]\" /f:RenderedXml /rd:true /c:" + MaxEvents.ToString(CultureInfo.InvariantCulture) + " /e:Events";
        }

        public EventQueryResult ReadTpmLockouts(TimeSpan window, TimeSpan timeout)
        {
            var result = machine.Commands.Run(SystemTools.Resolve(machine, "wevtutil.exe"), TpmArguments(window), timeout);
            if (!result.Succeeded)
            {
                return EventQueryResult.Failed("The " + SystemLogName + " log could not be read: " + result.Describe("wevtutil"));
            }

            try
            {
                // The same event XML as the AAD log's; the TPM event has no user, so its UserSid stays empty.
                return EventQueryResult.Read(AadEventXml.Parse(result.StandardOutput));
            }
            catch (XmlException e)
            {
                return EventQueryResult.Failed("wevtutil answered with text that is not event XML: " + e.Message);
            }
        }
    }
}
