namespace TeamsRemediation.Hosting
{
    /// <summary>The one answer of ShouldProcess a service needs: go ahead, declined, or -WhatIf (report what would happen).</summary>
    public enum Consent
    {
        Yes,
        No,
        WhatIf,
    }
}
