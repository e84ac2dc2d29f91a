using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Events
{
    /// <summary>
    /// Reads `wevtutil qe ... /f:RenderedXml /e:Events` output: System/TimeCreated/@SystemTime, System/Security/@UserID,
    /// EventData/Data (not localized: the provider's values) and RenderingInfo/Message (localized: the template is in the
    /// display language of Windows, RenderingInfo/@Culture says which).
    /// </summary>
    public static class AadEventXml
    {
        private static readonly XNamespace EventNamespace = "http://schemas.microsoft.com/win/2004/08/events/event";

        /// <summary>The events in the document; throws <see cref="XmlException"/> when the text is not the expected XML.</summary>
        public static IReadOnlyList<AadEvent> Parse(string xml)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false };
            XDocument document;
            using (var reader = XmlReader.Create(new System.IO.StringReader((xml ?? string.Empty).Trim()), settings))
            {
                document = XDocument.Load(reader);
            }

            var events = new List<AadEvent>();
            foreach (var e in document.Descendants(EventNamespace + "Event"))
            {
                var system = e.Element(EventNamespace + "System");
                var created = system?.Element(EventNamespace + "TimeCreated")?.Attribute("SystemTime")?.Value;
                var sid = system?.Element(EventNamespace + "Security")?.Attribute("UserID")?.Value ?? string.Empty;

                // An event without a readable id is the one this reader was written for (the query asks for the ids it knows).
                var id = int.TryParse(system?.Element(EventNamespace + "EventID")?.Value, NumberStyles.None, CultureInfo.InvariantCulture,
                    out var number) ? number : AadEvent.TokenBrokerError;
                var data = (e.Element(EventNamespace + "EventData")?.Elements(EventNamespace + "Data") ?? Enumerable.Empty<XElement>())
                    .Select(d => new EventDataField(d.Attribute("Name")?.Value ?? string.Empty, d.Value))
                    .ToList();
                var message = e.Element(EventNamespace + "RenderingInfo")?.Element(EventNamespace + "Message")?.Value;
                if (message == null)
                {
                    // Without a rendered message (the provider's resources are missing) the event data are the next best thing.
                    message = string.Join(Environment.NewLine, data.Select(d => d.Value));
                }

                if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                    out var time))
                {
                    continue;
                }

                events.Add(new AadEvent(time, sid, message, data, id));
            }

            return events;
        }
    }
}
