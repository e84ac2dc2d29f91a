using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TeamsRemediation.Fleet
{
    /// <summary>What the reader takes from a row of a fleet report, whatever the column or property is called there.</summary>
    public enum FleetField
    {
        DeviceName,
        User,
        Time,
        DetectionState,
        RemediationState,
        PreOutput,
        PreError,
        RemediationError,
        PostOutput,
        PostError,

        /// <summary>ConfigMgr's value of the discovery script (the compliance rule compares it with "Compliant").</summary>
        DiscoveredValue,
    }

    /// <summary>
    /// The one table of names each field goes by: Intune's DeviceRunStatesByProactiveRemediation export and the console's
    /// Device status export, Microsoft Graph's deviceHealthScriptDeviceState (camelCase from Invoke-MgGraphRequest,
    /// PascalCase from the Microsoft.Graph cmdlets), ConfigMgr's compliance views and reports, and Invoke-Command's
    /// PSComputerName. Names compare without case, spaces or punctuation ("Device name" = DeviceName = device_name).
    /// </summary>
    public static class FleetFields
    {
        private static readonly Dictionary<string, FleetField> ByName = Table().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        /// <summary>The field a column or property name stands for, or null.</summary>
        public static FleetField? Of(string name)
        {
            return ByName.TryGetValue(Normalize(name), out var field) ? field : (FleetField?)null;
        }

        /// <summary>The names the reader knows for a field, for an error message and the README.</summary>
        public static IEnumerable<string> NamesOf(FleetField field) => Table().Where(p => p.Value == field).Select(p => p.Key);

        /// <summary>Lower case letters and digits only.</summary>
        public static string Normalize(string name)
        {
            var text = new StringBuilder(name.Length);
            foreach (var c in name)
            {
                if (char.IsLetterOrDigit(c))
                {
                    text.Append(char.ToLowerInvariant(c));
                }
            }

            return text.ToString();
        }

        private static IEnumerable<KeyValuePair<string, FleetField>> Table()
        {
            foreach (var name in new[] { "devicename", "device", "computername", "computer", "pscomputername", "netbiosname0", "netbiosname", "name0",
                "machinename", "resourcename" })
            {
                yield return Pair(name, FleetField.DeviceName);
            }

            foreach (var name in new[] { "upn", "userprincipalname", "username", "user", "useremail", "primaryuser" })
            {
                yield return Pair(name, FleetField.User);
            }

            foreach (var name in new[] { "modifiedtime", "laststateupdatedatetime", "lastrun", "lastruntime", "lastupdatetime", "lastupdate",
                "lastcompliancemessagetime", "lastevaluationtime", "timestamp" })
            {
                yield return Pair(name, FleetField.Time);
            }

            foreach (var name in new[] { "detectionstatus", "detectionstate" })
            {
                yield return Pair(name, FleetField.DetectionState);
            }

            foreach (var name in new[] { "remediationstatus", "remediationstate" })
            {
                yield return Pair(name, FleetField.RemediationState);
            }

            foreach (var name in new[] { "preremediationdetectionscriptoutput", "preremediationdetectionoutput", "preremediationoutput" })
            {
                yield return Pair(name, FleetField.PreOutput);
            }

            foreach (var name in new[] { "preremediationdetectionscripterror", "preremediationdetectionerror", "preremediationerror" })
            {
                yield return Pair(name, FleetField.PreError);
            }

            foreach (var name in new[] { "remediationscripterror", "remediationscripterrordetails", "remediationerror", "remediationerrordetails" })
            {
                yield return Pair(name, FleetField.RemediationError);
            }

            foreach (var name in new[] { "postremediationdetectionscriptoutput", "postremediationdetectionoutput", "postremediationoutput" })
            {
                yield return Pair(name, FleetField.PostOutput);
            }

            foreach (var name in new[] { "postremediationdetectionscripterror", "postremediationdetectionerror", "postremediationerror" })
            {
                yield return Pair(name, FleetField.PostError);
            }

            foreach (var name in new[] { "currentvalue", "discoveredvalue", "actualvalue" })
            {
                yield return Pair(name, FleetField.DiscoveredValue);
            }
        }

        private static KeyValuePair<string, FleetField> Pair(string name, FleetField field) => new KeyValuePair<string, FleetField>(name, field);
    }
}
