namespace TeamsRemediation.Platform
{
    /// <summary>
    /// One <c>EventData/Data</c> element of an event: the values the provider logged, before any message template
    /// (and its language) is applied. Names are the provider's manifest names and are not localized.
    /// </summary>
    public sealed class EventDataField
    {
        public EventDataField(string name, string value)
        {
            Name = name ?? string.Empty;
            Value = value ?? string.Empty;
        }

        public string Name { get; }

        public string Value { get; }
    }
}
