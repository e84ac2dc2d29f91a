using TeamsRemediation.Errors;

namespace TeamsRemediation.Cache
{
    /// <summary>The scope one clear of one user's cache uses, why, and, when even that must not happen, the error that says so.</summary>
    public sealed class CacheScopeDecision
    {
        internal CacheScopeDecision(CacheScope scope, string reason, bool chosenByCaller, ModuleError? refusal = null)
        {
            Scope = scope;
            Reason = reason;
            ChosenByCaller = chosenByCaller;
            Refusal = refusal;
        }

        public CacheScope Scope { get; }

        /// <summary>One sentence: what made this the scope (the caller's -Scope, the host's VDI evidence, a cache on a share, the default).</summary>
        public string Reason { get; }

        /// <summary>The caller asked for this scope; false when the machine's kind decided.</summary>
        public bool ChosenByCaller { get; }

        /// <summary>Set when the clear must not run at all (a full clear of a cache on a network share); then nothing is removed.</summary>
        public ModuleError? Refusal { get; }

        public override string ToString() => Scope + ": " + Reason;
    }
}
