using System;
using System.Globalization;
using System.Linq;
using System.Xml;
using TeamsRemediation.Events;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Reads events 1098, 1081, 1084 and 1088 with wevtutil.exe through <see cref="ICommandRunner"/>: no event-log dll to ship, the same
    /// timeout as every other external program, and an XPath filter so Windows returns only the window asked for.
    /// </summary>
    public sealed partial class WevtutilEventSource : IEventSource
    {
        public const string LogName = "Microsoft-Windows-AAD/Operational";
        public const int MaxEvents = 500;

        private readonly IMachine machine;

        public WevtutilEventSource(IMachine machine)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
        }

        /// <summary>The exact arguments, so a test and a reader of the code see the same query.</summary>
        public static string Arguments(TimeSpan window)
        {
            var ms = ((long)Math.Max(0, window.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            var ids = string.Join(" or ", AadEvent.ReadIds.Select(id => "EventID=" + id.ToString(CultureInfo.InvariantCulture)));
            return "qe " + LogName + " /q:\"*[System[(" + ids + ") and TimeCreated[timediff(@SystemTime) <= " + ms
                + "]]]\" /f:RenderedXml /rd:true /c:" + MaxEvents.ToString(CultureInfo.InvariantCulture) + " /e:Events";
        }

        public EventQueryResult ReadAadTokenErrors(TimeSpan window, TimeSpan timeout)
        {
            var result = machine.Commands.Run(SystemTools.Resolve(machine, "wevtutil.exe"), Arguments(window), timeout);
            if (!result.Succeeded)
            {
                // 15007: the channel does not exist (AAD log absent); 5: access denied (not elevated).
                return EventQueryResult.Failed("The " + LogName + " log could not be read: " + result.Describe("wevtutil")
                    + (result.ExitCode == 5 ? " Run elevated or as SYSTEM." : string.Empty));
            }

            try
            {
                return EventQueryResult.Read(AadEventXml.Parse(result.StandardOutput));
            }
            catch (XmlException e)
            {
                return EventQueryResult.Failed("wevtutil answered with text that is not event XML: " + e.Message);
            }
        }
    }
}
