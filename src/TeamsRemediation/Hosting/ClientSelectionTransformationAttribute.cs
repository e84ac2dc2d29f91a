using System;
using System.Management.Automation;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Hosting
{
    /// <summary>
    /// Binds a piped Get-TeamsInstallation's Client (a <see cref="TeamsClient"/>) to a <see cref="TeamsClientSelection"/>
    /// parameter by name. Without it PowerShell converts one enum to the other by number, and TeamsClient.New (1)
    /// silently becomes TeamsClientSelection.Classic (1): the wrong client's cache.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ClientSelectionTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is TeamsClient client)
            {
                return (TeamsClientSelection)Enum.Parse(typeof(TeamsClientSelection), client.ToString());
            }

            return inputData;
        }
    }
}
