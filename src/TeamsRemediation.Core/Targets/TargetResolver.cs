using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Errors;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Targets
{
    /// <summary>
    /// Decides whose Teams a cmdlet acts on. The one answer to the bug that sinks most field scripts: acting on
    /// SYSTEM's or the remoting admin's profile instead of the person at the desk.
    /// </summary>
    public sealed class TargetResolver
    {
        private static readonly Regex SidPattern = new Regex(@"^S-1-\d+(-\d+){1,14}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly char[] ForbiddenNameChars = { '/', '\\', ':', '*', '?', '"', '<', '>', '|', '\0' };

        private readonly IUserDirectory users;

        public TargetResolver(IUserDirectory users)
        {
            this.users = users;
        }

        public TargetResolution Resolve(TargetRequest request)
        {
            var problems = Validate(request).ToList();
            if (problems.Count > 0)
            {
                return new TargetResolution(new TargetUser[0], problems);
            }

            var caller = users.GetCurrentIdentity();
            var sessions = ReadSessions(users, needed: request.IsImplicit);
            var profiles = users.GetProfiles();
            var chosen = new List<UserProfile>();

            if (request.AllUsers)
            {
                chosen.AddRange(profiles);
            }
            else if (request.IsImplicit)
            {
                chosen.AddRange(ImplicitTargets(request, caller, sessions, profiles, problems));
            }

            foreach (var sid in request.UserSids)
            {
                var profile = profiles.FirstOrDefault(p => p.Sid.Equals(sid, StringComparison.OrdinalIgnoreCase));
                if (profile == null)
                {
                    problems.Add(new TargetProblem(ModuleErrors.UserNotFound(sid, "SID"), terminating: false));
                }
                else
                {
                    chosen.Add(profile);
                }
            }

            foreach (var name in request.UserNames)
            {
                var matches = profiles.Where(p => NameMatches(p, name)).ToList();
                if (matches.Count == 0)
                {
                    problems.Add(new TargetProblem(ModuleErrors.UserNotFound(name, "name"), terminating: false));
                }
                else if (matches.Count > 1)
                {
                    problems.Add(new TargetProblem(ModuleErrors.AmbiguousUserName(name, matches.Select(m => m.UserName + " (" + m.Sid + ")")),
                        terminating: false));
                }
                else
                {
                    chosen.Add(matches[0]);
                }
            }

            var targets = chosen
                .GroupBy(p => p.Sid, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.First())
                .Select(p => new TargetUser(
                    p.Sid,
                    p.UserName,
                    p.Folders,
                    p.HiveLoaded,
                    isCaller: p.Sid.Equals(caller.Sid, StringComparison.OrdinalIgnoreCase),
                    sessionId: sessions.Where(s => s.UserSid.Equals(p.Sid, StringComparison.OrdinalIgnoreCase)).Select(s =>
                        (int?)s.SessionId).FirstOrDefault()))
                .ToList();
            return new TargetResolution(targets, problems);
        }

        /// <summary>
        /// The logged-on sessions. A named user (-UserName, -UserSid, -AllUsers) is found without them, so a session list
        /// that cannot be read only costs the session ids there; the implicit target (the logged-on users) needs it.
        /// </summary>
        private static IReadOnlyList<InteractiveSession> ReadSessions(IUserDirectory users, bool needed)
        {
            try
            {
                return users.GetInteractiveSessions();
            }
            catch (System.ComponentModel.Win32Exception) when (!needed)
            {
                return new InteractiveSession[0];
            }
        }

        private static IEnumerable<UserProfile> ImplicitTargets(TargetRequest request, CallerIdentity caller,
            IReadOnlyList<InteractiveSession> sessions, IReadOnlyList<UserProfile> profiles, List<TargetProblem> problems)
        {
            // SYSTEM (Intune, ConfigMgr, a scheduled task) and a remoting admin are not the person whose Teams
            // fails: the people logged on at the PC are.
            var fromSessions = WellKnownSids.IsServiceAccount(caller.Sid) || request.IsRemotingSession;
            if (!fromSessions)
            {
                var own = profiles.FirstOrDefault(p => p.Sid.Equals(caller.Sid, StringComparison.OrdinalIgnoreCase));
                if (own == null)
                {
                    problems.Add(new TargetProblem(ModuleErrors.CallerHasNoProfile(caller.UserName, caller.Sid), terminating: true));
                    return new UserProfile[0];
                }

                return new[] { own };
            }

            var loggedOn = sessions
                .Select(s => profiles.FirstOrDefault(p => p.Sid.Equals(s.UserSid, StringComparison.OrdinalIgnoreCase)))
                .Where(p => p != null)
                .Select(p => p!)
                .ToList();
            if (loggedOn.Count == 0)
            {
                problems.Add(new TargetProblem(ModuleErrors.NoInteractiveUser(caller.UserName, request.IsRemotingSession), terminating: true));
            }

            return loggedOn;
        }

        private static IEnumerable<TargetProblem> Validate(TargetRequest request)
        {
            if (request.AllUsers && (request.UserNames.Count > 0 || request.UserSids.Count > 0))
            {
                yield return new TargetProblem(ModuleErrors.ConflictingTargets(), terminating: true);
            }

            foreach (var name in request.UserNames)
            {
                if (!IsValidUserName(name))
                {
                    yield return new TargetProblem(ModuleErrors.InvalidUserName(name ?? string.Empty), terminating: true);
                }
            }

            foreach (var sid in request.UserSids)
            {
                if (sid == null || !SidPattern.IsMatch(sid))
                {
                    yield return new TargetProblem(ModuleErrors.InvalidUserSid(sid ?? string.Empty), terminating: true);
                }
                else if (WellKnownSids.IsServiceAccount(sid))
                {
                    yield return new TargetProblem(ModuleErrors.ServiceAccountNotATarget(sid), terminating: true);
                }
            }
        }

        /// <summary>"user" or "DOMAIN\user"; nothing that could be read as a path or a wildcard.</summary>
        public static bool IsValidUserName(string? name)
        {
            if (string.IsNullOrWhiteSpace(name) || name!.Length > 256)
            {
                return false;
            }

            var parts = name.Split('\\');
            if (parts.Length > 2)
            {
                return false;
            }

            return parts.All(part => part.Length > 0 && part.Trim('.').Length > 0 && part.IndexOfAny(ForbiddenNameChars) < 0 && part.Trim() == part);
        }

        private static bool NameMatches(UserProfile profile, string requested)
        {
            if (profile.UserName.Equals(requested, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (requested.IndexOf('\\') >= 0)
            {
                return false;
            }

            var account = profile.UserName.Substring(profile.UserName.LastIndexOf('\\') + 1);
            var folder = System.IO.Path.GetFileName(profile.ProfilePath.TrimEnd('\\', '/').Replace('\\', '/').Split('/').Last());
            return account.Equals(requested, StringComparison.OrdinalIgnoreCase) || folder.Equals(requested, StringComparison.OrdinalIgnoreCase);
        }
    }

    public sealed class TargetResolution
    {
        public TargetResolution(IReadOnlyList<TargetUser> users, IReadOnlyList<TargetProblem> problems)
        {
            Users = users;
            Problems = problems;
        }

        public IReadOnlyList<TargetUser> Users { get; }

        public IReadOnlyList<TargetProblem> Problems { get; }

        public TargetProblem? Terminating => Problems.FirstOrDefault(p => p.Terminating);
    }
}
