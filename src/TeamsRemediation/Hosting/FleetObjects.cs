using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Fleet;

namespace TeamsRemediation.Hosting
{
    /// <summary>
    /// Reads PowerShell objects by property name for the fleet reader: Graph's device run states (the Microsoft.Graph
    /// cmdlets' objects or Invoke-MgGraphRequest's hashtables, with the device under managedDevice), ConfigMgr's compliance
    /// rows, and what Invoke-Command returns of this module's findings and repair summaries (deserialized: enums as strings).
    /// </summary>
    internal static class FleetObjects
    {
        private const string ManagedDevice = "managedDevice";

        /// <summary>A finding of Test-TeamsCaa20002, live or deserialized: it has a CheckId and a Status.</summary>
        public static bool IsFinding(PSObject item) => Has(item, "CheckId") && Has(item, "Status") && !Has(item, "Phase");

        /// <summary>A summary of Repair-TeamsCaa20002, live or deserialized: Outcome, ExitCode and the problems after.</summary>
        public static bool IsRepairSummary(PSObject item) => Has(item, "Outcome") && Has(item, "ExitCode") && Has(item, "ProblemsAfter");

        /// <summary>A row this module wrote (live, deserialized or read back by Import-Csv): it has a Phase and a Source.</summary>
        public static bool IsFleetRow(PSObject item) => Has(item, "Phase") && Has(item, "Source") && Has(item, "ComputerName");

        /// <summary>The fields of a run state or compliance row, by the names <see cref="FleetFields"/> knows.</summary>
        public static FleetRecord Record(PSObject item, string source)
        {
            var record = new FleetRecord(source);
            foreach (var (name, value) in Properties(item))
            {
                if (string.Equals(name, ManagedDevice, StringComparison.OrdinalIgnoreCase) && value != null)
                {
                    // Graph's expanded managedDevice: its deviceName and userPrincipalName are the run state's device and user.
                    foreach (var (innerName, innerValue) in Properties(PSObject.AsPSObject(value)))
                    {
                        var inner = FleetFields.Of(innerName);
                        if (inner == FleetField.DeviceName || inner == FleetField.User)
                        {
                            record.Set(inner.Value, Text(innerValue));
                        }
                    }

                    continue;
                }

                var field = FleetFields.Of(name);
                if (field.HasValue)
                {
                    record.Set(field.Value, Text(value));
                }
            }

            return record;
        }

        public static string String(PSObject item, string name) => Text(Value(item, name)) ?? string.Empty;

        public static DateTime? Time(PSObject item, string name) => FleetTime.Parse(String(item, name));

        public static int? Int(PSObject item, string name) =>
            int.TryParse(String(item, name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n : (int?)null;

        /// <summary>A string array, a deserialized ArrayList, or one string: as strings.</summary>
        public static IEnumerable<string> Strings(PSObject item, string name)
        {
            var value = Unwrap(Value(item, name));
            if (value == null)
            {
                return Enumerable.Empty<string>();
            }

            if (value is string one)
            {
                return one.Length == 0 ? Enumerable.Empty<string>() : new[] { one };
            }

            return value is IEnumerable many ? many.Cast<object?>().Select(o => Text(o) ?? string.Empty).Where(s => s.Length > 0).ToList()
                : new[] { Text(value) ?? string.Empty };
        }

        /// <summary>A row this module wrote, back from Import-Csv, Import-Clixml or Invoke-Command (every property as text there).</summary>
        public static TeamsRemediationFleetRow Row(PSObject item)
        {
            if (item.BaseObject is TeamsRemediationFleetRow row)
            {
                return row;
            }

            return new TeamsRemediationFleetRow
            {
                ComputerName = String(item, "ComputerName"),
                User = String(item, "User"),
                Time = Time(item, "Time"),
                Phase = Enum.TryParse<FleetPhase>(String(item, "Phase"), true, out var phase) ? phase : FleetPhase.Pre,
                CheckId = String(item, "CheckId"),
                Status = Enum.TryParse<FindingStatus>(String(item, "Status"), true, out var status) ? status : (FindingStatus?)null,
                Owner = Enum.TryParse<Codes.FindingOwner>(String(item, "Owner"), true, out var owner) ? owner : (Codes.FindingOwner?)null,
                Code = String(item, "Code"),
                Outcome = String(item, "Outcome"),
                ExitCode = Int(item, "ExitCode"),
                Summary = String(item, "Summary"),
                Source = String(item, "Source"),
            };
        }

        /// <summary>What a type is called in a warning: its first type name (Deserialized.TeamsRemediation...,
        /// System.Collections.Hashtable).</summary>
        public static string TypeName(PSObject item) => item.TypeNames.FirstOrDefault() ?? item.BaseObject.GetType().FullName ?? "object";

        private static bool Has(PSObject item, string name) => Value(item, name, out _);

        private static object? Value(PSObject item, string name) => Value(item, name, out var value) ? value : null;

        private static bool Value(PSObject item, string name, out object? value)
        {
            if (item.BaseObject is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
                    {
                        value = entry.Value;
                        return true;
                    }
                }
            }

            var property = item.Properties[name];
            value = property?.Value;
            return property != null;
        }

        /// <summary>A hashtable's keys (Invoke-MgGraphRequest) or an object's properties.</summary>
        private static IEnumerable<(string Name, object? Value)> Properties(PSObject item)
        {
            if (item.BaseObject is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    yield return (entry.Key?.ToString() ?? string.Empty, entry.Value);
                }

                yield break;
            }

            foreach (var property in item.Properties)
            {
                object? value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException)
                {
                    // A property whose getter throws holds nothing the reader needs.
                    continue;
                }

                yield return (property.Name, value);
            }
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>Text of a property: times as round-trip UTC text, everything else as PowerShell converts it.</summary>
        private static string? Text(object? value)
        {
            value = Unwrap(value);
            switch (value)
            {
                case null:
                    return null;
                case string s:
                    return s;
                case DateTime time:
                    return FleetTime.Format(time);
                case DateTimeOffset offset:
                    return FleetTime.Format(offset.UtcDateTime);
                default:
                    return LanguagePrimitives.ConvertTo<string>(value);
            }
        }
    }
}
