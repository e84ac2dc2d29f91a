using System.Collections.Generic;

namespace TeamsRemediation.Platform
{
    /// <summary>The people of the machine: profiles, who is logged on, and who is calling.</summary>
    public interface IUserDirectory
    {
        /// <summary>Profiles from ProfileList, service accounts left out.</summary>
        IReadOnlyList<UserProfile> GetProfiles();

        IReadOnlyList<InteractiveSession> GetInteractiveSessions();

        CallerIdentity GetCurrentIdentity();
    }
}
