using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TeamsRemediation.Hosting;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Completion
{
    /// <summary>
    /// Completes -UserName and -UserSid from the user profiles of the PC the cmdlet would act on (the machine
    /// attached to the runspace, else this Windows computer), so Tab offers exactly the users the cmdlets accept.
    /// </summary>
    public abstract class ProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var machine = LocalMachine.ForCurrentRunspace();
            if (machine == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            IReadOnlyList<UserProfile> profiles;
            try
            {
                profiles = machine.Users.GetProfiles();
            }
            catch (System.Exception e) when (e is System.UnauthorizedAccessException || e is System.IO.IOException
                || e is System.Security.SecurityException)
            {
                // Tab must never throw at the prompt: no list is the honest answer when the profiles cannot be read.
                return Enumerable.Empty<CompletionResult>();
            }

            var ignoreCase = System.StringComparer.OrdinalIgnoreCase;
            var byValue = profiles.GroupBy(Value, ignoreCase).ToDictionary(g => g.Key, g => g.First(), ignoreCase);
            return CompletionValues.Matching(byValue.Keys.OrderBy(v => v, ignoreCase), wordToComplete, v => Tooltip(byValue[v]), MatchedOn);
        }

        protected abstract string Value(UserProfile profile);

        /// <summary>The texts a typed word is matched against; the value completes either way.</summary>
        protected virtual IEnumerable<string> MatchedOn(string value) => new[] { value };

        private static string Tooltip(UserProfile profile) => profile.UserName + " (" + profile.Sid + "), " + profile.ProfilePath;
    }

    /// <summary>-UserName: the account names of the profiles, as the cmdlets accept them.</summary>
    public sealed class UserNameCompleter : ProfileCompleter
    {
        protected override string Value(UserProfile profile) => profile.UserName;

        /// <summary>'al' finds CONTOSO\alice too: admins type the name, not the domain; the full DOMAIN\name completes.</summary>
        protected override IEnumerable<string> MatchedOn(string value) =>
            new[] { value, value.Substring(value.LastIndexOf('\\') + 1) };
    }

    /// <summary>-UserSid: the security identifiers of the profiles.</summary>
    public sealed class UserSidCompleter : ProfileCompleter
    {
        protected override string Value(UserProfile profile) => profile.Sid;
    }
}
